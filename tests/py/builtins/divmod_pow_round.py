# divmod, pow (2- and 3-argument) and round (banker's rounding) on ints and floats.
print(divmod(17, 5), divmod(-17, 5), divmod(17, -5), divmod(17.5, 5), divmod(-17.5, 5), divmod(2 ** 70, 3))
print(pow(2, 8), pow(2.0, 3), pow(2, -2), pow(5, 3, 7), pow(-5, 3, 7), pow(5, 0, 1), pow(2, 1000, 1000))
print(round(0.5), round(1.5), round(2.5), round(-0.5), round(-2.5), round(3.45, 1), round(3.55, 1))
print(round(1234.5), round(12345, -1), round(12355, -1), round(5, -1), round(15, -1), round(-15, -1))
print(round(2.675, 2), round(0.1 + 0.2, 10), round(1e-10, 5), round(123.456, -1), round(9.995, 2))
try:
    pow(2, 3, 0)
except ValueError as e:
    print('ValueError:', e)
try:
    pow(2.0, 3, 5)
except TypeError as e:
    print('TypeError:', e)
