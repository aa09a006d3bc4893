# Slices and list methods in hot loops: slicing lists, tuples and strs, slice assignment (plain
# and extended, with the size error), a zero step, bound methods kept in locals (`pop`,
# `insert`), `pop` from an emptied list, `reverse` and `clear`.

def flips(n):
    perm = list(range(n))
    total = 0
    for k in range(1, 400):
        j = k % n
        perm[:j + 1] = perm[j::-1]
        total += perm[0] + len(perm[1:j])
    return total, perm


print(flips(9))


def rotate(n):
    p = list(range(n))
    ins = p.insert
    pop = p.pop
    for k in range(600):
        ins(k % n, pop(0))
    return p


print(rotate(7))


def windows(s, t):
    out = 0
    for k in range(len(s) - 3):
        out += len(s[k:k + 3]) + t[k % 5:][0]
    return out


print(windows("abcdefghijklmnopqrstuvwxyz" * 4, tuple(range(10))))


def extended(n):
    xs = list(range(20))
    for k in range(n):
        xs[::2] = xs[1::2] if k < n - 1 else xs[:3]
    return xs


try:
    extended(100)
except ValueError as e:
    print("ValueError:", e)


def zero_step(n):
    xs = list(range(10))
    total = 0
    for k in range(n):
        total += len(xs[::(1 if k < n - 1 else 0)])
    return total


try:
    zero_step(100)
except ValueError as e:
    print("ValueError:", e)


def drain(n):
    xs = list(range(n))
    total = 0
    for k in range(n + 1):
        total += xs.pop()
    return total


try:
    drain(200)
except IndexError as e:
    print("IndexError:", e)


def flip_all(n):
    xs = [1, 2, 3]
    total = 0
    for k in range(n):
        xs.reverse()
        total += xs[0]
        if k % 50 == 49:
            xs.clear()
            xs.append(k)
            xs.append(1)
    return total, xs


print(flip_all(300))
