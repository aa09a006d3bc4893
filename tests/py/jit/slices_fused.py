# A slice built only for the subscript right after it (`xs[a:b]`, `xs[k::-1]`, `xs[:k] = ys`):
# the trace slices without building it. Bounds of every kind (negative, past either end, big
# ints, `None`), a step, an assignment of the list to itself, and targets, sources and bounds
# that stop being what the trace saw (a tuple, a generator, a float bound: the interpreter then
# raises as usual).

def windows(xs, n):
    total = 0
    for k in range(n):
        a = k % 13 - 6
        b = k % 17 - 3
        total += len(xs[a:b]) + len(xs[k % 9:]) * 3 + len(xs[:k % 11 - 5]) * 5 + len(xs[:])
        total += len(xs[b::-2]) * 7 + xs[a::3][0] + len(xs[:b:-1]) * 11
    return total


print(windows(list(range(10)), 500))


def flips(n, rounds):
    perm = list(range(n))
    count = 0
    for r in range(rounds):
        k = perm[0] or r % n
        perm[:k + 1] = perm[k::-1]
        perm[n - 2:] = (perm[-1], perm[-2])
        count += perm[0]
    return count, perm


print(flips(8, 400))


def self_assign(n):
    xs = [1, 2, 3]
    for k in range(n):
        xs[:1] = xs
        if len(xs) > 50:
            xs = [k, k + 1, k + 2]
    return xs


print(self_assign(300))


def big_bounds(n):
    xs = list(range(6))
    total = 0
    for k in range(n):
        hi = 2 ** 70 if k > n - 5 else k % 7
        lo = -(2 ** 80) if k > n - 3 else -(k % 4)
        total += len(xs[lo:hi])
        xs[hi:] = [k]
        xs[:hi] = xs[:hi]
    return total, xs


print(big_bounds(200))


def becomes(n, late):
    xs = list(range(8))
    total = 0
    for k in range(n):
        if k == n - 1:
            xs = late
        total += len(xs[1:k % 5 + 1])
    return total


print(becomes(300, (1, 2, 3)))
print(becomes(300, "abcdefgh"))


def generator_source(n):
    xs = list(range(8))
    for k in range(n):
        src = [k, k] if k < n - 1 else (i for i in range(3))
        xs[:2] = src
    return xs


print(generator_source(300))


def float_bound(n):
    xs = list(range(8))
    total = 0
    for k in range(n):
        hi = k % 4 if k < n - 1 else 2.5
        total += len(xs[:hi])
    return total


try:
    float_bound(300)
except TypeError as e:
    print("TypeError:", e)


def tuple_target(n):
    xs = list(range(8))
    for k in range(n):
        if k == n - 1:
            xs = tuple(xs)
        xs[:2] = [k, k]
    return xs


try:
    tuple_target(300)
except TypeError as e:
    print("TypeError:", e)
