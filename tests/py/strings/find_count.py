# find/rfind/index/rindex/count/startswith/endswith/in.
s = 'the quick brown fox jumps over the lazy dog'
print(s.find('the'), s.find('the', 1), s.rfind('the'), s.find('cat'), s.find(''))
print(s.index('fox'), s.rindex('o'), s.count('o'), s.count('the'), s.count(''))
print(s.find('o', 15, 30), s.count('o', 0, 20), 'aaaa'.count('aa'))
print(s.startswith('the'), s.startswith('quick', 4), s.endswith('dog'), s.endswith(('cat', 'dog')))
print(s.startswith(('a', 't')), ''.startswith(''), 'abc'.endswith(''))
print('fox' in s, 'cat' in s, 'cat' not in s, '' in s)
try:
    s.index('cat')
except ValueError as e:
    print('ValueError:', e)
try:
    s.rindex('cat')
except ValueError as e:
    print('ValueError:', e)
