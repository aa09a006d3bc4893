# iter()/next() on built-in containers and generators, including exhaustion behaviour.
for container in [[1, 2], (3,), 'hi', {'k': 0, 'j': 1}, range(2), {7}]:
    it = iter(container)
    print(type(container).__name__, list(it), list(it))
it = iter([10, 20, 30])
print(next(it))
for v in it:
    print('rest', v)
print(next(it, 'empty'))
e = enumerate('ab', start=1)
print(next(e), list(e))
z = zip([1, 2, 3], 'ab')
print(list(z), list(z))
m = map(str, [1, 2])
print(next(m), list(m))
r = reversed([1, 2, 3])
print(list(r), list(r))
sentinel_src = iter([3, 2, 1, 0, 5])
print(list(iter(lambda: next(sentinel_src), 0)))
g = (i for i in range(2))
print(iter(g) is g, list(g))
d = {'a': 1, 'b': 2}
ki = iter(d)
print(next(ki), list(d.values()), list(iter(d.items())))
try:
    next(iter([]))
except StopIteration:
    print('StopIteration from empty iterator')
try:
    iter(5)
except TypeError as e:
    print('TypeError:', e)
