# Type constructors: list/dict/tuple/set/str/int/float/bool and their conversions.
print(list(), dict(), tuple(), set(), str(), int(), float(), bool())
print(list('ab'), list((1, 2)), list({'k': 1}), list(range(2)), list(x for x in 'yz'))
print(dict(a=1), dict([('b', 2)]), dict({'c': 3}), dict(zip('de', (4, 5))), dict({'x': 1}, y=2))
print(tuple([1, 2]), tuple('ab'), tuple({3: 4}), set([1, 1, 2]), set('aa'), set(range(3)))
print(str(1), str(1.5), str([1, 'a']), str((1,)), str({'k': None}), str(True))
print(int('10'), int(10.9), int(True), float('2.5'), float(3), float(' -1e3 '), bool('x'), bool([]))
print(type(list()).__name__, type(dict()).__name__, type(tuple()).__name__, type(set()).__name__)
print(type(str()).__name__, type(int()).__name__, type(float()).__name__, type(bool()).__name__)
print(list is type([]), isinstance([], list), isinstance('s', (int, str)), isinstance(1, float))
print(isinstance(True, int), isinstance(1, bool), isinstance(None, type(None)), type(type(1)).__name__)
try:
    dict([1, 2])
except TypeError as e:
    print('TypeError:', e)
try:
    list(5)
except TypeError as e:
    print('TypeError:', e)
