# Operator dunders: arithmetic, reflected, in-place, comparison, __eq__/__hash__, __neg__/__abs__/__bool__.
class V:
    def __init__(self, x, y):
        self.x, self.y = x, y
    def __repr__(self):
        return f'V({self.x}, {self.y})'
    def __add__(self, o):
        return V(self.x + o.x, self.y + o.y)
    def __sub__(self, o):
        return V(self.x - o.x, self.y - o.y)
    def __mul__(self, k):
        return V(self.x * k, self.y * k)
    def __rmul__(self, k):
        return self * k
    def __neg__(self):
        return V(-self.x, -self.y)
    def __abs__(self):
        return (self.x ** 2 + self.y ** 2) ** 0.5
    def __eq__(self, o):
        return isinstance(o, V) and (self.x, self.y) == (o.x, o.y)
    def __hash__(self):
        return hash((self.x, self.y))
    def __lt__(self, o):
        return abs(self) < abs(o)
    def __bool__(self):
        return bool(self.x or self.y)
    def __iadd__(self, o):
        self.x += o.x
        self.y += o.y
        return self
a, b = V(1, 2), V(3, 4)
print(a + b, b - a, a * 3, 2 * a, -a, abs(b))
print(a == V(1, 2), a != b, a == 'x', a < b, b > a, sorted([b, a, V(0, 1)]), max(a, b))
print(bool(V(0, 0)), bool(a), {a: 'first'}[V(1, 2)], len({a, V(1, 2), b}))
c = a
c += b
print(c, a, c is a)
class Money:
    def __init__(self, cents):
        self.cents = cents
    def __radd__(self, other):
        return Money(self.cents + other)
    def __add__(self, other):
        return Money(self.cents + (other.cents if isinstance(other, Money) else other))
    def __str__(self):
        return f'${self.cents // 100}.{self.cents % 100:02d}'
print(sum([Money(150), Money(275)]), 5 + Money(95), Money(1) + 2)
class Cmp:
    def __init__(self, v):
        self.v = v
    def __le__(self, o):
        return self.v <= o.v
print(Cmp(1) <= Cmp(2), Cmp(3) >= Cmp(2))
try:
    Cmp(1) < Cmp(2)
except TypeError as e:
    print('TypeError:', e)
