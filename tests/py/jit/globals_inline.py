# Globals a trace uses as constants, checked inline on entry: rebound by a callee mid-loop, a
# builtin shadowed by a new global mid-run, and a global deleted then defined again.

SCALE = 3


def bump():
    global SCALE
    SCALE += 1


def scaled(n):
    total = 0
    for k in range(n):
        total += k * SCALE + len("ab")
        if k % 100 == 99:
            bump()
    return total


def shadowing(n):
    total = 0
    for k in range(n):
        total += abs(-k)
    return total


print(scaled(1000))
print(shadowing(300))
abs = lambda x: 1
print(shadowing(300))
del abs
print(shadowing(300))
del SCALE
SCALE = 10
print(scaled(300))
