# Recursive functions become function traces that call themselves natively: results, exits
# at every depth (a type change deep in the recursion, a guard failing mid-call), exceptions
# raised and caught across traced levels, RecursionError at the same depth as the interpreter.


def fib(n):
    if n <= 1:
        return n
    return fib(n - 1) + fib(n - 2)


def total(xs, i):
    # Recursion over a list: the base case and the step are both traced paths.
    if i == len(xs):
        return 0
    return xs[i] + total(xs, i + 1)


def tri(n):
    # A float argument deep in an int recursion leaves the trace at that depth only.
    if n <= 0:
        return 0
    if n == 7:
        return tri(n - 1.0) + n
    return tri(n - 1) + n


def bottom(n):
    if n == 0:
        raise ValueError("bottom reached")
    return bottom(n - 1) + 1


def depth_of(n):
    # How deep the recursion gets before RecursionError (caught at each level on the way up).
    try:
        return depth_of(n + 1)
    except RecursionError:
        return n


def ackermann(m, n):
    if m == 0:
        return n + 1
    if n == 0:
        return ackermann(m - 1, 1)
    return ackermann(m - 1, ackermann(m, n - 1))


class Node:
    def __init__(self, left, right, value):
        self.left = left
        self.right = right
        self.value = value

    def sum(self):
        s = self.value
        if self.left is not None:
            s = s + self.left.sum()
        if self.right is not None:
            s = s + self.right.sum()
        return s


def build(d):
    if d == 0:
        return Node(None, None, 1)
    return Node(build(d - 1), build(d - 1), d)


def big(n):
    # Ints that outgrow the small-int range on the way back up.
    if n == 0:
        return 1
    return big(n - 1) * 3


for n in range(18):
    print(n, fib(n))
print(fib(22))
print(total(list(range(200)), 0))
print(total([0.5] * 100, 0))
for k in range(3):
    print(tri(30 + k))
for k in range(5):
    try:
        bottom(40 + k)
    except ValueError as e:
        print("caught", e, k)
print(depth_of(0))
print(ackermann(2, 3), ackermann(2, 200))
tree = build(10)
print(tree.sum(), tree.sum())
print(big(60))
print(fib(2.0 + 18))
