# Native functions that only compute on numbers (math.*, abs, min, max) called from traces: the
# call stays a call, with the callee guarded; a domain error raised from inside the trace; a
# result that is not a number (the interpreter takes over); a name rebound to a Python function.
from math import sqrt, sin, cos, floor, atan2

def norms(n):
    total = 0.0
    for k in range(n):
        x = sin(k) * 3
        y = cos(k)
        total += sqrt(x * x + y * y) + atan2(y, x)
    return total


print("%.10f" % norms(1000))


def clamp_sum(xs):
    total = 0
    for x in xs:
        total += max(-50, min(50, x)) + abs(x - 7)
    return total


print(clamp_sum([k * 3 - 400 for k in range(300)]))


def floors(n):
    out = 0
    for k in range(n):
        out += floor(k * 1e15)
    return out


print(floors(300))


def roots(xs):
    total = 0.0
    for x in xs:
        total += sqrt(x)
    return total


try:
    roots([float(k) for k in range(200)] + [-1.0])
except ValueError as e:
    print("ValueError:", e)


def rebound(n):
    global abs
    total = 0
    for k in range(n):
        if k == n // 2:
            abs = lambda v: 1000
        total += abs(-k)
    return total


print(rebound(300))
