# strip family, replace, removeprefix/removesuffix, expandtabs.
s = '   padded text \t\n'
print(repr(s.strip()), repr(s.lstrip()), repr(s.rstrip()))
print('xxhixx'.strip('x'), 'abcHELLOcba'.strip('abc'), '..x..'.lstrip('.'), '..x..'.rstrip('.'))
print('aaa'.replace('a', 'b'), 'aaa'.replace('a', 'b', 2), 'abc'.replace('', '-'))
print('hello world'.replace('o', '0').replace('l', '1'), 'x'.replace('y', 'z'))
print('prefix_name'.removeprefix('prefix_'), 'name.py'.removesuffix('.py'), 'a'.removeprefix('b'))
print(repr('a\tb'.expandtabs(4)), 'spam'.strip(''), repr(''.strip()))
