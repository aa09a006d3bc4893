# Call sites and attribute loads that see several receiver classes (their instructions keep
# re-specializing: the recorder takes what they found each time), a linked list walked with
# `while node is not None` (identity tests fused with their jump), a loop body with two ways
# back to its header, and more receiver classes than a chain of side traces tells apart.

class Node:
    def __init__(self, value, link):
        self.value = value
        self.link = link


def walk(head):
    total = 0
    node = head
    while node is not None:
        total += node.value
        node = node.link
    return total


head = None
for k in range(500):
    head = Node(k, head)
print(walk(head))


def shapes(n):
    class A:
        def __init__(self):
            self.a = 1
            self.v = 2

        def get(self):
            return self.v

    class B:
        def __init__(self):
            self.v = 3

        def get(self):
            return self.v * 2

    objs = [A() if k % 3 else B() for k in range(n)]
    total = 0
    for o in objs:
        total += o.get() + o.v
    return total


print(shapes(900))


def skips(n):
    total = 0
    k = 0
    while k < n:
        k += 1
        if k % 3 == 0:
            continue
        total += k
    return total


print(skips(1000))


class K0:
    def value(self):
        return 0


class K1:
    def value(self):
        return 1


class K2:
    def value(self):
        return 2


class K3:
    def value(self):
        return 3


class K4:
    def value(self):
        return 4


def cycle(n):
    objs = [K0(), K1(), K2(), K3(), K4()]
    total = 0
    for k in range(n):
        total += objs[k % 5].value() * k
    return total


print(cycle(20000))
