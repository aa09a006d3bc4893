# Container dunders: __len__/__getitem__/__setitem__/__delitem__/__contains__/__iter__/__next__/__call__.
class Grid:
    def __init__(self, w, h):
        self.w, self.h = w, h
        self.cells = {}
    def __getitem__(self, key):
        return self.cells.get(key, '.')
    def __setitem__(self, key, value):
        self.cells[key] = value
    def __delitem__(self, key):
        del self.cells[key]
    def __contains__(self, key):
        return key in self.cells
    def __len__(self):
        return len(self.cells)
g = Grid(3, 2)
g[0, 1] = '#'
g[2, 0] = '@'
print(len(g), g[0, 1], g[1, 1], (2, 0) in g, (1, 1) in g)
del g[2, 0]
print(len(g), (2, 0) in g)
class Countdown:
    def __init__(self, n):
        self.n = n
    def __iter__(self):
        return self
    def __next__(self):
        if self.n <= 0:
            raise StopIteration
        self.n -= 1
        return self.n + 1
print(list(Countdown(4)), sum(Countdown(10)), 3 in Countdown(5))
class Seq:
    def __getitem__(self, i):
        if i >= 4:
            raise IndexError(i)
        return i * 10
print(list(Seq()), 20 in Seq(), [x for x in Seq()])
class Multiplier:
    def __init__(self, k):
        self.k = k
    def __call__(self, x, y=1):
        return self.k * x * y
double = Multiplier(2)
print(double(5), double(5, y=3), callable(double), callable(g), list(map(double, [1, 2])))
class Squares:
    def __init__(self, n):
        self.n = n
    def __iter__(self):
        for i in range(self.n):
            yield i * i
    def __len__(self):
        return self.n
s = Squares(5)
print(list(s), list(s), len(s), sorted(s, reverse=True), dict(enumerate(s)))
