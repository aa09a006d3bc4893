# len, enumerate(start=), zip (incl. uneven and strict-free), map, filter.
print(len([1, 2]), len('abc'), len({1: 2}), len(()), len(range(5)), len({4, 5}))
print(list(enumerate('abc')), list(enumerate(['x', 'y'], start=10)), list(enumerate([], 5)))
print(list(zip([1, 2, 3], 'abcd')), list(zip()), list(zip([1], [2], [3])), dict(zip('ab', 'xy')))
print(list(map(abs, [-1, 2, -3])), list(map(lambda a, b: a * b, [1, 2, 3], [4, 5])), list(map(str.upper, 'ab')))
print(list(filter(None, [0, 1, '', 'a', None, []])), list(filter(lambda v: v > 1, [1, 2, 3])))
print(type(map(abs, [])).__name__, type(zip()).__name__, type(enumerate([])).__name__, type(filter(None, [])).__name__)
pairs = list(zip(*[(1, 'a'), (2, 'b')]))
print(pairs)
try:
    len(5)
except TypeError as e:
    print('TypeError:', e)
