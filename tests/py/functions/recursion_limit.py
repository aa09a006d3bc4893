# Runaway recursion raises RecursionError, which can be caught; the program continues.
def down(n):
    return down(n + 1) + 1
try:
    down(0)
except RecursionError:
    print('recursion caught')
def deep(n):
    if n == 0:
        return 0
    return deep(n - 1) + 1
try:
    deep(100000)
except RecursionError as e:
    print('recursion caught:', type(e).__name__, isinstance(e, RuntimeError))
print(deep(500))
class Node:
    def __init__(self, child):
        self.child = child
    def depth(self):
        return 1 + (self.child.depth() if self.child else 0)
n = None
for _ in range(200):
    n = Node(n)
print(n.depth())
def mutual_a(k):
    return mutual_b(k + 1)
def mutual_b(k):
    return mutual_a(k + 1)
try:
    mutual_a(0)
except RecursionError:
    print('mutual recursion caught')
print('still running')
