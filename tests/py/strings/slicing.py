# String indexing and slicing with negative indices and steps.
s = 'abcdefghij'
print(s[0], s[-1], s[3], s[-3], len(s))
print(s[2:5], s[:3], s[7:], s[-3:], s[:-3], s[:], s[::2], s[1::3], s[::-1], s[-2:2:-2])
print(s[5:2], repr(s[100:]), s[-100:2], s[2:100], s[::-3], s[8:1:-2])
print(s[slice(1, 4)], s[slice(None, None, -1)])
for i in range(-3, 3):
    print(i, s[i], s[i:], s[:i])
try:
    s[10]
except IndexError as e:
    print('IndexError:', e)
try:
    s[0] = 'z'
except TypeError as e:
    print('TypeError:', e)
