# Arbitrary-precision integers: powers, products, mixed signs, conversions.
print(2 ** 100)
print(2 ** 64 - 1, -(2 ** 63))
print(10 ** 30 + 1)
p = 1
for i in range(1, 31):
    p *= i
print(p)
print(p // 10 ** 20, p % 10 ** 20)
print(len(str(2 ** 1000)))
big = 123456789012345678901234567890
print(big * big)
print(big - big * 2, -big // 7, -big % 7)
print(big // -7, big % -7, divmod(big, 97))
print(2 ** 100 == 2 ** 100, 2 ** 100 > 2 ** 99, 2 ** 64 < 2 ** 64 + 1)
print((2 ** 70) >> 60, (1 << 70) | 1, (2 ** 80 - 1) & 0xFFFF)
print(hex(2 ** 70), bin(2 ** 65), oct(8 ** 25))
print(int('9' * 40) + 1)
print(abs(-(10 ** 25)), pow(3, 100), pow(3, 100, 10 ** 9 + 7))
print(2 ** 62 + 2 ** 62, (2 ** 63) - 1 + 1)
print(9223372036854775807 + 1, -9223372036854775808 - 1)
print(3037000500 * 3037000500)
print(float(2 ** 80), int(1e20), int(-1.5e19))
print(sum(range(10 ** 6 - 10, 10 ** 6)) * 10 ** 15)
