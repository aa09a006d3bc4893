# sorted() and reversed() across iterables, with key and reverse.
print(sorted([3, 1, 2]), sorted([3, 1, 2], reverse=True), sorted('cba'), sorted((2, 1)), sorted({2: 0, 1: 0}))
print(sorted(['b', 'A', 'c'], key=str.lower), sorted([-3, 2, -1], key=abs), sorted([[1, 2], [1], [0, 5]]))
people = [('ann', 30), ('bob', 25), ('cid', 30), ('dee', 25)]
print(sorted(people, key=lambda p: p[1]), sorted(people, key=lambda p: (-p[1], p[0])))
print(sorted(people, key=lambda p: p[1], reverse=True))
print(list(reversed([1, 2, 3])), list(reversed('abc')), list(reversed(range(3))), list(reversed((1, 2))))
print(''.join(reversed('stressed')), list(reversed({'a': 1, 'b': 2})))
xs = [5, 3]
ys = sorted(xs)
print(xs, ys, xs is ys)
class Rev:
    def __len__(self):
        return 3
    def __getitem__(self, i):
        return 'abc'[i]
print(list(reversed(Rev())))
