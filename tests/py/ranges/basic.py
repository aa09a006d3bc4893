# range objects: repr, len, indexing, slicing, negative steps, membership.
r = range(10)
print(r, range(2, 8), range(0, 20, 5), range(5, 0, -1), len(r), len(range(3, 1)))
print(list(range(5)), list(range(2, 8, 2)), list(range(10, 0, -3)), list(range(0)))
print(r[3], r[-1], r[2:5], r[::-1], r[::3], range(0, 100, 7)[3:6], list(range(20)[::-5]))
print(5 in r, 10 in r, -1 in r, 4 in range(0, 10, 2), 3 in range(0, 10, 2), 4.0 in r)
print(len(range(0, 10, 3)), len(range(10, 0, -3)), len(range(-5, 5)), range(1, 10, 2).index(7))
print(range(3) == range(0, 3), range(0) == range(5, 5), range(10).count(3))
print(sum(range(100)), max(range(7)), min(range(3, 9)), list(reversed(range(4))))
print(range(2 ** 64)[-1], len(range(2 ** 40)), r.start, r.stop, r.step)
for i in range(3, -4, -2):
    print(i, end=' ')
print()
try:
    range(0, 10, 0)
except ValueError as e:
    print('ValueError:', e)
try:
    r[10]
except IndexError as e:
    print('IndexError:', e)
s = slice(1, 10, 2)
print(s, s.start, s.stop, s.step, slice(5), slice(None, -1).indices(10), list(range(10))[s])
