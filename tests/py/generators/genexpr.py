# Generator expressions: laziness, consumption by builtins, single-pass iteration.
g = (x * x for x in range(5))
print(type(g).__name__, sum(g), sum(g))
print(max(len(w) for w in ['a', 'abc', 'ab']), any(x > 3 for x in [1, 5]), all(x for x in [1, 0]))
print(list(x for x in 'abc' if x != 'b'), tuple(i for i in range(3)), sorted(-i for i in range(4)))
print(dict((k, len(k)) for k in ['aa', 'b']), set(i % 3 for i in range(9)))
log = []
def noisy(v):
    log.append(v)
    return v
lazy = (noisy(i) for i in range(3))
print(log)
print(next(lazy), log)
print(list(lazy), log)
print(' '.join(str(n) for n in range(3)), list(zip((c for c in 'xy'), (n for n in range(5)))))
nested = ((i, j) for i in range(3) for j in range(i))
print(list(nested))
print(sum(x for x in range(1000) if x % 3 == 0 or x % 5 == 0))
