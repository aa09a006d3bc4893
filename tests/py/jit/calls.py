# Python calls inside hot loops, inlined into traces: nested calls, locals of the callee that
# start unbound, guards failing inside a callee (the interpreter must continue in the callee's
# frame and return into the loop), exceptions and tracebacks from inside inlined code, a global
# rebound to another function mid-loop, recursion, and calls too deep to inline.

def eval_a(i, j):
    return 1.0 / ((i + j) * (i + j + 1) // 2 + i + 1)


def spectral_row(i, n):
    s = 0.0
    for j in range(n):
        s += eval_a(i, j) * 0.5
    return s


print("%.12f" % sum(spectral_row(i, 60) for i in range(40)))


def square(x):
    return x * x


def hyp2(a, b):
    t = square(a)
    return t + square(b)


def nested(n):
    total = 0
    for k in range(n):
        total += hyp2(k, k + 1) % 7
    return total


print(nested(500))


def scaled(x, factor):
    y = x * factor
    if y > 1000:
        big = y - 1000
        return big
    return y


def guard_inside(n):
    out = 0
    for k in range(n):
        # `factor` turns into a float half way: guards inside `scaled` fail there.
        out += scaled(k, 3 if k < n // 2 else 2.5)
    return out


print(guard_inside(800))


def divide(a, b):
    return a // b


def raises_inside(n):
    total = 0
    for k in range(n):
        total += divide(100, n - 1 - k)
    return total


try:
    raises_inside(300)
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)


def first(x):
    return x + 1


def second(x):
    return x + 2


def rebinds(n):
    global first
    total = 0
    for k in range(n):
        if k == n // 2:
            first = second
        total += first(k)
    return total


print(rebinds(400))


def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


def many_fibs(n):
    out = []
    for k in range(n):
        out.append(fib(k % 12))
    return sum(out)


print(many_fibs(300))


def unbound_later(flag):
    if flag:
        value = 5
    return value


def reads_unbound(n):
    total = 0
    for k in range(n):
        total += unbound_later(k < n - 1)
    return total


try:
    print(reads_unbound(200))
except UnboundLocalError as e:
    print("UnboundLocalError:", e)


def depth(n):
    if n == 0:
        return 0
    return 1 + depth(n - 1)


def deep(n):
    total = 0
    for k in range(n):
        total += depth(k % 30)
    return total


print(deep(400))


def ret_none(x):
    x + 1


def calls_none(n):
    c = 0
    for k in range(n):
        if ret_none(k) is None:
            c += 1
    return c


print(calls_none(300))
