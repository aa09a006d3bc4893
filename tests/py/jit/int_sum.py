# A counted loop over range() with int arithmetic: phis, overflow guards, Python's modulo.
def f(n):
    total = 0
    for i in range(n):
        total += i * i % 7 - (i // 3)
    return total


print(f(1000))
print(f(-5), f(1))
