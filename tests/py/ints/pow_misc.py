# ** with negative exponents, pow() with modulus, and related builtins.
print(2 ** -1, 2 ** -2, 10 ** -3, (-2) ** -1)
print(pow(2, 10), pow(2, -1), pow(7, 2, 5), pow(-7, 2, 5), pow(7, -1, 5))
print(pow(123456789, 987654321, 1000000007))
print(abs(-7), abs(7), abs(0))
print(divmod(100, 7), divmod(-100, 7))
print(round(7), round(15, -1), round(25, -1), round(1234, -2), round(-1250, -2))
print(sum([1, 2, 3]), sum([], 10), sum(range(101)))
print(0 ** 5, 1 ** 1000, (-1) ** 1001)
