# math functions of one number called from traces: ints, floats and bools as arguments, and the
# errors CPython's math module raises (a domain error, an overflow) after many good calls.
import math


def spread(n):
    total = 0.0
    for k in range(n):
        total += math.sin(k) + math.cos(k * 0.5) + math.sqrt(k) + math.fabs(-k)
        total += math.exp(k % 7) + math.atan(True) + math.degrees(k % 3)
    return total


def sqrt_all(xs):
    total = 0.0
    for x in xs:
        total += math.sqrt(x)
    return total


def exp_all(xs):
    total = 0.0
    for x in xs:
        total += math.exp(x)
    return total


print(spread(500))
xs = [k * 0.25 for k in range(300)]
print(sqrt_all(xs))
try:
    sqrt_all(xs + [-1.0])
except ValueError as e:
    print("ValueError:", e)
print(exp_all([k % 50 for k in range(300)]))
try:
    exp_all([k % 50 for k in range(300)] + [1000])
except OverflowError as e:
    print("OverflowError:", e)
print(math.sqrt(float("nan")) != math.sqrt(float("nan")), math.exp(float("-inf")))
