# Unpacking and float ** inside hot loops: tuples and lists, stored straight into locals or
# through the stack, sequences that change length or type mid-loop, and ** that raises or
# would return a complex number (each leaves the trace and the interpreter takes over).

def pairs_sum(pairs):
    total = 0.0
    for (a, b), c in pairs:
        total += a * b - c
    return total

pairs = [((i * 0.5, i + 1), i % 3) for i in range(200)]
print(pairs_sum(pairs))

def mixed(rows):
    out = 0
    for row in rows:
        x, y, z = row
        out += x - y * z
    return out

rows = [(i, i + 1, 2) for i in range(100)] + [[i, 2, i] for i in range(100)]
print(mixed(rows))

def through_stack(items):
    acc = []
    for t in items:
        acc.append(t)
        [p, q], r = t
        acc[-1] = p + q + r
    return acc[-5:]

print(through_stack([([i, i * 2], -i) for i in range(150)]))

def wrong_length(items):
    n = 0
    for t in items:
        a, b = t
        n += a + b
    return n

try:
    wrong_length([(i, i) for i in range(100)] + [(1, 2, 3)])
except ValueError as e:
    print("ValueError:", e)

try:
    wrong_length([(i, i) for i in range(100)] + [5])
except TypeError as e:
    print("TypeError:", e)

def growing(lst):
    total = 0
    for i in range(100):
        a, b, c = lst
        total += a + b + c
        if i == 60:
            lst.append(4)
            lst.pop(0)
    return total

print(growing([1, 2, 3]))

def powers(xs, e):
    s = 0.0
    for x in xs:
        s += x ** e
    return s

print(powers([float(i) + 0.25 for i in range(300)], -1.5))
print(powers([float(i) for i in range(1, 300)], 2))
print(powers(list(range(1, 300)), 0.5))
print(powers([2.0] * 100 + [-2.0], 2.0))
try:
    powers([2.0] * 100 + [0.0], -1.0)
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)
try:
    powers([10.0] * 100 + [1e300], 3.0)
except OverflowError as e:
    print("OverflowError:", e)
