# `for i, x in enumerate(a_list)` in hot loops: the pair is unpacked without being built. Also a
# list that grows while it is walked, enumerate with a start, an enumerate over a tuple (not
# traced), the pair kept whole, and a loop left by break.

def weighted(u):
    s = 0.0
    for j, u_j in enumerate(u):
        s += j * u_j
    return s


print(weighted([1.5] * 300))
print(weighted([k % 7 for k in range(300)]))


def grows(xs):
    seen = 0
    for i, x in enumerate(xs):
        if i < 50:
            xs.append(x + i)
        seen += x
    return seen, len(xs)


print(grows(list(range(100))))


def started(xs):
    out = 0
    for i, x in enumerate(xs, 1000):
        out += i - x
    return out


print(started(list(range(200))))


def over_tuple(t):
    out = 0
    for i, x in enumerate(t):
        out += i * x
    return out


print(over_tuple(tuple(range(200))))


def whole_pairs(xs):
    out = []
    for pair in enumerate(xs):
        out.append(pair)
    return out[-3:]


print(whole_pairs(list("abcdefghij" * 20)))


def finds(xs, target):
    for i, x in enumerate(xs):
        if x == target:
            return i
    return -1


print(finds(list(range(500)), 377))


def through_stack(xs):
    acc = 0
    for i, (a, b) in enumerate(xs):
        acc += i * a - b
    return acc


print(through_stack([(k, k + 1) for k in range(300)]))
