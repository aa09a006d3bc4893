# Instance attributes and method guards read inline by traces: shapes changing under the loop
# (an attribute added, one deleted), the class changing (a method replaced mid-loop), and
# receivers of two classes at one call site.


class P:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def norm1(self):
        return abs(self.x) + abs(self.y)


class Q(P):
    def norm1(self):
        return self.x * 2


def walk(ps, n):
    total = 0
    for k in range(n):
        p = ps[k % len(ps)]
        p.x = p.x + 1
        total += p.norm1() + p.y
    return total


def replaced_midway(n):
    p = P(1, 2)
    total = 0
    for k in range(n):
        if k == n // 2:
            P.norm1 = lambda self: 1000
        total += p.norm1()
    return total


def deleted_midway(n):
    ps = [P(k, -k) for k in range(10)]
    total = 0
    for k in range(n):
        p = ps[k % 10]
        if k == n // 2:
            del p.y
            p.y = 5
        total += p.y
    return total


def grows_midway(n):
    p = P(0, 0)
    total = 0
    for k in range(n):
        if k == n // 3:
            p.z = 7
        total += p.x + p.y
        p.y += 1
    return total


print(walk([P(1, 2), P(3, -4)], 500))
print(walk([P(1, 2), Q(3, -4), P(0, 0)], 600))
print(deleted_midway(400))
print(grows_midway(400))
print(replaced_midway(400))
