# repr of built-in values and hash of ints/tuples (both are deterministic).
print(repr(1), repr(-0.5), repr('s'), repr([1, 'a', (2,)]), repr({'k': [None]}), repr(()), repr((1,)))
print(repr(set()), repr({1, 2}), repr(range(3)), repr(True), repr(None), repr([[]]), repr({}))
print(hash(0), hash(1), hash(-1), hash(-2), hash(2 ** 61 - 1), hash(2 ** 61), hash(2 ** 100), hash(-(2 ** 100)))
print(hash(10 ** 30), hash(1.5), hash(0.1), hash(-0.0), hash(float('inf')))
print(hash((1, 2)), hash(()), hash((1, (2, 3))), hash((None,)) == hash((None,)), hash((-1,)))
print(hash(True), hash(False), hash(2.0) == hash(2), hash((1, 2)) == hash((1.0, 2.0)))
for v in [[1], {1: 2}, {1}]:
    try:
        hash(v)
    except TypeError as e:
        print('TypeError:', e)
