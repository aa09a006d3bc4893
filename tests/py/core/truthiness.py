# Truthiness of containers, numbers and user objects in if/while/and/or/not.
class Empty:
    def __len__(self):
        return 0
class Falsy:
    def __bool__(self):
        return False
class Plain:
    pass
items = [0, 1, -1, 0.0, 0.5, '', ' ', [], [None], (), (0,), {}, {1: 1},
         set(), {0}, range(0), range(1), None, Empty(), Falsy(), Plain()]
for v in items:
    print(type(v).__name__, 'truthy' if v else 'falsy', bool(v), not v)
n = 3
while n:
    n -= 1
print('n =', n)
stack = [1, 2, 3]
while stack:
    print('pop', stack.pop())
print([] or [1], [2] and [3], 0 or None)
