# int() from strings, floats and bools; bases and whitespace.
print(int('123'), int('-42'), int('  7  '), int('+5'))
print(int('ff', 16), int('FF', 16), int('777', 8), int('1010', 2), int('z', 36))
print(int('0x1f', 16), int('0b11', 0), int('0o17', 0), int('42', 0))
print(int('1_000'), int(3.9), int(-3.9), int(0.5), int(-0.5))
print(int(True), int(False), int(), int(2 ** 70 + 0.0) == 2 ** 70)
print(str(123), str(-5), repr(10 ** 20))
for s in ['12a', '', '1.5', 'ten']:
    try:
        int(s)
    except ValueError as e:
        print('ValueError:', e)
try:
    int('9', 8)
except ValueError as e:
    print(e)
try:
    int(float('inf'))
except OverflowError as e:
    print('OverflowError:', e)
try:
    int(float('nan'))
except ValueError as e:
    print('ValueError:', e)
