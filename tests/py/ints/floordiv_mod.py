# Floor division and modulo follow the sign of the divisor, as in CPython.
pairs = [(7, 3), (-7, 3), (7, -3), (-7, -3), (0, 3), (6, 3), (-6, 3), (1, 7), (-1, 7)]
for a, b in pairs:
    print(a, b, a // b, a % b, divmod(a, b))
print(-1 // 2, -3 // 2, 3 // -2, -3 % 2, 3 % -2)
print(-(2 ** 70) // 3, -(2 ** 70) % 3)
for a in range(-5, 6):
    q, r = divmod(a, 4)
    assert q * 4 + r == a
print('identity holds')
