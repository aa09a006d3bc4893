# A first script for lucent: classes, generators, f-strings and big ints.

class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def __repr__(self):
        return f"Point({self.x}, {self.y})"


def fib():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b


points = [Point(i, i * i) for i in range(3)]
print(points)
print([n for _, n in zip(range(10), fib())])
print(2 ** 100)
