# split/rsplit/join/splitlines/partition.
s = 'a,b,,c'
print(s.split(','), s.split(',', 1), s.rsplit(',', 1), s.split(',', 0))
print('  one two\tthree\nfour  '.split(), ''.split(), ''.split(','), '   '.split())
print('a b c d'.split(None, 2), 'a b c d'.rsplit(None, 2), 'aXbXc'.split('X'))
print('-'.join(['x', 'y', 'z']), ''.join('abc'), ', '.join([]), '/'.join(('a',)))
print(' '.join(str(i) for i in range(5)))
print('line1\nline2\r\nline3\rline4\n'.splitlines())
print('x\n\ny\n'.splitlines(True), ''.splitlines(), 'abc'.splitlines())
print('key=value=x'.partition('='), 'novalue'.partition('='), 'a=b=c'.rpartition('='))
print('abc'.rpartition('x'))
print(list('hello'), 'abcabc'.split('bc'))
try:
    'a'.split('')
except ValueError as e:
    print('ValueError:', e)
try:
    ','.join([1, 2])
except TypeError as e:
    print('TypeError:', e)
