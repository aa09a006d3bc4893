# Integer arithmetic: + - * // % ** and unary operators on small ints.
a, b = 17, 5
print(a + b, a - b, a * b, a // b, a % b, a ** b)
print(-a, +a, -(-a), abs(-a))
print(a / b, 10 / 2, 1 / 3)
print(2 ** 0, 0 ** 0, (-2) ** 3, (-2) ** 4)
print(7 // 1, 0 // 5, 0 % 5)
x = 0
for i in range(1, 11):
    x += i * i
print(x)
print(1 + 2 * 3 - 4 // 2 % 3, (1 + 2) * (3 - 4))
print(2 ** 3 ** 2, (2 ** 3) ** 2, -2 ** 2)
print(10 - 3 - 2, 100 // 10 // 3, 2 * 3 % 4)
print(int.__name__, type(a).__name__, type(a / b).__name__)
