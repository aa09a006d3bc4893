# `Class(args)` inside hot loops: the allocation and `__init__` run in the trace. Also an
# `__init__` that raises, one that returns something other than None (TypeError), one that
# rebinds `self` (not inlined), a class whose `__init__` is replaced mid-loop, and attributes
# added in different orders (shapes).

class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y * 2

    def norm1(self):
        return abs(self.x) + abs(self.y)


def make(n):
    pts = []
    total = 0
    for k in range(n):
        p = Point(k, k - 3)
        total += p.norm1()
        pts.append(p)
    return total, len(pts), pts[17].y


print(make(500))


class Checked:
    def __init__(self, v):
        if v > 250:
            raise ValueError("too big: %d" % v)
        self.v = v


def checked(n):
    out = 0
    for k in range(n):
        out += Checked(k).v
    return out


try:
    checked(400)
except ValueError as e:
    print("ValueError:", e)


class Bad:
    def __init__(self, v):
        self.v = v
        if v == 300:
            return v


def bad(n):
    out = 0
    for k in range(n):
        out += Bad(k).v
    return out


try:
    bad(400)
except TypeError as e:
    print("TypeError:", e)


class Rebinds:
    def __init__(self, v):
        other = self
        self = other
        self.v = v


def rebinds(n):
    return sum(Rebinds(k).v for k in range(n))


print(rebinds(300))


class Swapped:
    def __init__(self, v):
        self.v = v


def swapped(n):
    out = 0
    for k in range(n):
        if k == n // 2:
            def other_init(self, v):
                self.v = -v
            Swapped.__init__ = other_init
        out += Swapped(k).v
    return out


print(swapped(400))


class Orders:
    def __init__(self, k):
        if k % 2:
            self.a = k
            self.b = 1
        else:
            self.b = 2
            self.a = k


def orders(n):
    out = 0
    for k in range(n):
        o = Orders(k)
        out += o.a * o.b
    return out


print(orders(600))
