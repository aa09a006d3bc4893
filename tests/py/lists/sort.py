# sort/sorted with key= and reverse=, stability, and sorting of tuples.
xs = [5, 2, 9, 1, 5, 6, -3]
ys = xs[:]
ys.sort()
print(ys, xs)
xs.sort(reverse=True)
print(xs)
words = ['pear', 'Fig', 'apple', 'kiwi', 'banana', 'date']
print(sorted(words), sorted(words, key=len), sorted(words, key=str.lower))
print(sorted(words, key=lambda w: (len(w), w), reverse=True))
pairs = [(1, 'b'), (0, 'z'), (1, 'a'), (0, 'a')]
print(sorted(pairs), sorted(pairs, key=lambda p: p[0]))
records = [('bob', 3), ('amy', 1), ('cat', 3), ('dan', 2), ('eve', 1)]
records.sort(key=lambda r: r[1])
print(records)
records.sort(key=lambda r: r[1], reverse=True)
print(records)
print(sorted('hello'), sorted([3.5, 1, 2.25]), sorted([]), sorted((3, 2, 1)))
print(sorted([[2, 1], [1, 2], [1]]), sorted({3: 'c', 1: 'a'}))
try:
    [1, 'a'].sort()
except TypeError as e:
    print('TypeError:', e)
