# Concatenation, repetition, comparison, iteration, ord/chr and len.
a = 'ab'
print(a + 'cd', a * 3, 3 * a, a * 0, a * -1, '' * 5)
print('abc' < 'abd', 'abc' < 'ab', 'Z' < 'a', 'abc' == 'abc', 'a' != 'b', 'b' >= 'abc')
print(sorted(['banana', 'Apple', 'cherry', 'apple']), max('hello'), min('hello'))
for ch in 'hey':
    print(ch, ord(ch))
print(chr(65), chr(97), chr(8364), ord('€'), chr(0x1F600) == '\U0001F600')
print(''.join(chr(ord(c) + 1) for c in 'HAL'))
print(len(''), len('héllo'), len('\n'), 'x' in 'xyz', 'xz' in 'xyz')
word = 'mississippi'
counts = {}
for ch in word:
    counts[ch] = counts.get(ch, 0) + 1
print(counts)
print(list(reversed('abc')), list(enumerate('ab')))
s = ''
for i in range(5):
    s += str(i)
print(s, str(3) + str(4.5) + str(None))
try:
    'a' + 1
except TypeError as e:
    print('TypeError:', e)
