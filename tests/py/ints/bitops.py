# Bitwise operators and shifts, including negative numbers.
a, b = 0b1100, 0b1010
print(a & b, a | b, a ^ b, ~a, ~0, ~-1)
print(1 << 10, 1024 >> 3, -16 >> 2, -1 >> 10, 5 << 0)
print(-5 & 0xFF, -5 | 2, -5 ^ 3)
print(bin(a), bin(-a), hex(255), hex(-255), oct(8))
print((255).bit_length(), (0).bit_length(), (-256).bit_length())
print(0xff, 0o17, 0b101, 1_000_000)
x = 0
for i in range(8):
    x |= 1 << (i * 2)
print(x, bin(x))
mask = (1 << 16) - 1
print(0x12345678 & mask, (0x12345678 >> 16) & mask)
print(True & False, True | False, True ^ True)
