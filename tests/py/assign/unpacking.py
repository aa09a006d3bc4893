# Tuple/list unpacking, starred targets, nested targets and swaps.
a, b = 1, 2
a, b = b, a
print(a, b)
x, y, z = 'xyz'
print(x, y, z)
[p, q] = [3, 4]
print(p, q)
first, *rest = [1, 2, 3, 4]
print(first, rest)
*init, last = range(5)
print(init, last)
head, *mid, tail = 'abcde'
print(head, mid, tail)
a, *b, c = [1, 2]
print(a, b, c)
(m, n), o = (5, 6), 7
print(m, n, o)
for i, (k, v) in enumerate({'a': 1, 'b': 2}.items()):
    print(i, k, v)
(a, [b, *c]), d = (1, [2, 3, 4]), 5
print(a, b, c, d)
print(*[1, 2, 3], *'ab', sep='-')
print([*range(3), *[9]], (*'xy',), {**{'k': 1}})
for bad in [[1, 2, 3], [1]]:
    try:
        u, v = bad
    except ValueError as e:
        print('ValueError:', e)
try:
    a, b, *c = [1]
except ValueError as e:
    print('ValueError:', e)
