# Float arithmetic, mixed int/float arithmetic and float conversions.
a, b = 7.5, 2.0
print(a + b, a - b, a * b, a / b, a // b, a % b, a ** b)
print(1 + 2.0, 3 * 0.5, 10 / 4, 2 ** 0.5, 10 - 0.1)
print(float('1e5'), float('-2.5'), float('  3.25  '), float('inf'), float('-inf'))
print(float(3), float(True), float('1_000.5'), float('.5'), float('5.'))
print(abs(-2.5), -(-1.5), +0.25)
print(0.1 + 0.7, 3 * 1.1, 1 - 0.9)
total = 0.0
for i in range(10):
    total += 0.1
print(total, total == 1.0, abs(total - 1.0) < 1e-9)
print((1.5).is_integer(), (2.0).is_integer())
print(float.__name__, type(1e3).__name__, int(1e3), 1e3 == 1000)
print(7.0 // 2, -7.0 // 2, 7.0 % -2, -7.5 % 2, divmod(7.5, 2), divmod(-7.5, 2))
print(2.0 ** -1, 4 ** 0.5, 8 ** (1 / 3), (-8) ** 2.0, 0.0 ** 0)
print(10 ** -2, 2 ** -0.5, 1.5 ** 3)
try:
    float('abc')
except ValueError as e:
    print('ValueError:', e)
