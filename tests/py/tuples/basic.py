# Tuples: construction, indexing, slicing, methods, comparison, hashing and immutability.
t = (1, 2, 3, 2)
print(t, t[0], t[-1], t[1:3], t[::-1], len(t), t.count(2), t.index(3))
print((), (1,), tuple(), tuple([1, 2]), tuple('ab'), tuple(range(3)))
print(t + (4,), (0,) * 3, (1, 2) < (1, 3), (1, 2) == (1, 2), (2,) > (1, 99))
print(3 in t, 5 not in t, type(t).__name__, (1, (2, (3,))))
a, b = (10, 20)
print(a, b)
single = 5,
print(single, len(single))
print(hash((1, 2)) == hash((1, 2)), hash(()) == hash(tuple()))
d = {(0, 0): 'origin', (1, 2): 'p'}
print(d[(1, 2)], d[0, 0])
try:
    t[0] = 9
except TypeError as e:
    print('TypeError:', e)
try:
    t.index(42)
except ValueError as e:
    print('ValueError:', e)
try:
    hash(([1],))
except TypeError as e:
    print('TypeError:', e)
print(max((3, 'a'), (3, 'b')), sorted([(2, 1), (1, 2), (1, 1)]))
print(repr((1, 'a', None)), str(('x',)))
