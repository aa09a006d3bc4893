# CPython 3.11 limits decimal int <-> str conversions to 4300 digits.
big = 10 ** 4299
print(len(str(big)))
try:
    str(10 ** 4300)
except ValueError as e:
    print("str:", e)
try:
    int("7" * 4301)
except ValueError as e:
    print("int:", e)
print(int("f" * 5000, 16) % 1000)
print(int("0x" + "1" * 5000, 0) % 1000)
print(hex(2 ** 20000)[:10], len(bin(3 ** 9000)))
print(int("-" + "1" * 4300) % 97)
