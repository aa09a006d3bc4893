# Method calls inside hot loops, inlined into traces: methods reading and writing attributes,
# methods calling methods, a class whose method is replaced mid-loop (the cached method must not
# be used any more), receivers of two classes at one call site, and an exception raised inside
# a method.

class Vec:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def dot(self, other):
        return self.x * other.x + self.y * other.y

    def scale(self, k):
        self.x = self.x * k
        self.y = self.y * k

    def norm2(self):
        return self.dot(self)


def sum_dots(vs, w):
    total = 0.0
    for v in vs:
        total += v.dot(w) + v.norm2()
    return total


vs = [Vec(k * 0.5, 1.0 - k) for k in range(200)]
print(sum_dots(vs, Vec(2.0, 3.0)))


def scale_all(vs, n):
    for _ in range(n):
        for v in vs:
            v.scale(1.0001)
    return vs[7].x, vs[123].y


print(scale_all(vs, 5))


class Counter:
    def __init__(self):
        self.n = 0

    def bump(self, k):
        self.n = self.n + k
        return self.n


def count(c, n):
    last = 0
    for k in range(n):
        if k == n // 2:
            Counter.bump = lambda self, k: -k
        last = c.bump(k)
    return last, c.n


print(count(Counter(), 400))


class A:
    def value(self):
        return 1


class B:
    def value(self):
        return 2


def mixed(objs):
    total = 0
    for o in objs:
        total += o.value()
    return total


print(mixed([A() if k % 50 else B() for k in range(500)]))


class Account:
    def __init__(self, balance):
        self.balance = balance

    def withdraw(self, amount):
        if amount > self.balance:
            raise ValueError("insufficient funds: %d > %d" % (amount, self.balance))
        self.balance = self.balance - amount
        return self.balance


def drain(acct, n):
    for k in range(n):
        acct.withdraw(3)
    return acct.balance


try:
    drain(Account(500), 400)
except ValueError as e:
    print("ValueError:", e)
