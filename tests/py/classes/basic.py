# Classes: __init__, methods, instance vs class attributes, and a class-level counter.
class Point:
    dims = 2
    created = 0
    def __init__(self, x, y=0):
        self.x = x
        self.y = y
        Point.created += 1
    def norm2(self):
        return self.x * self.x + self.y * self.y
    def moved(self, dx, dy):
        return Point(self.x + dx, self.y + dy)
    def __repr__(self):
        return f'Point({self.x}, {self.y})'
p = Point(3, 4)
q = p.moved(1, -1)
print(p, q, p.norm2(), q.norm2(), Point.created, p.created, p.dims)
p.dims = 3
print(p.dims, Point.dims, q.dims)
Point.dims = 4
print(p.dims, q.dims)
m = p.norm2
print(m(), Point.norm2(q), type(p).__name__, Point.__name__)
p.extra = 'dynamic'
print(p.extra, hasattr(q, 'extra'))
class Empty:
    pass
e = Empty()
e.a = 1
print(e.a, isinstance(e, Empty), isinstance(e, object), type(e) is Empty)
class Stack:
    def __init__(self):
        self.items = []
    def push(self, v):
        self.items.append(v)
        return self
    def pop(self):
        return self.items.pop()
    def __len__(self):
        return len(self.items)
s = Stack().push(1).push(2).push(3)
print(len(s), s.pop(), len(s), bool(s), bool(Stack()))
