# Sets of small ints (their iteration order is deterministic): methods and operators.
s = {3, 1, 2}
s.add(4)
s.add(1)
s.discard(10)
s.remove(2)
print(s, len(s), 3 in s, 2 in s, 5 not in s)
a = {1, 2, 3, 4}
b = {3, 4, 5, 6}
print(a | b, a & b, a - b, b - a, a ^ b)
print(a.union(b), a.intersection(b), a.difference(b), a.symmetric_difference(b))
print(a.union([7, 8], (9,)), {1, 2} <= a, {1, 5} <= a, a >= {1}, a.issubset(range(10)), a.isdisjoint({9}))
print(set(), set([5, 5, 1]), set(range(4)), {x % 3 for x in range(10)})
c = set(a)
c |= {10}
c &= {1, 2, 10}
c -= {1}
print(c, sorted(c), a == {4, 3, 2, 1}, a != b)
c.update([0, 7])
print(c, c.pop() in {0, 2, 7, 10}, len(c))
try:
    s.remove(99)
except KeyError as e:
    print('KeyError:', e)
try:
    {[1]}
except TypeError as e:
    print('TypeError:', e)
print(sorted({'b', 'a', 'c'}), len({'x', 'y', 'x'}), 'x' in {'x', 'y'})
