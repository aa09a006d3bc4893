# Generators as traces: a hot generator runs from its resume point to its next `yield` as a
# trace, and one drained by list(), tuple() or set() as a loop that appends every value itself.
# Exits at every point: exhausted iterators, type changes mid-stream, exceptions raised inside,
# closures whose cells change between values, generators left early.


def squares(xs):
    return list(x * x for x in xs)


def offsets(vec, n):
    # Closure cells (vec) and tuple subscripts, as nqueens' genexprs.
    return len(set(vec[i] + i for i in range(n))), tuple(vec[i] - i for i in range(n))


def evens(xs):
    # A filter: several iterations of the loop per value.
    return [x for x in xs if x % 2 == 0], tuple(x for x in xs if x % 3 == 0)


def pairs(n):
    return list((a, b) for a in range(n) for b in range(a))


def countdown(n):
    while n > 0:
        yield n
        n -= 1


def two_yields(n):
    for i in range(n):
        yield i
        yield -i


def receiver():
    total = 0
    while True:
        got = yield total
        if got is None:
            got = 1
        total += got


def scaled(n):
    for i in range(n):
        yield k * i


acc = 0
for rep in range(120):
    acc += sum(squares(range(rep % 13)))
    a, b = offsets((3, 1, 4, 1, 5, 9, 2, 6), 8)
    acc += a + sum(b)
    e, t = evens(list(range(rep % 17)))
    acc += sum(e) + len(t)
    acc += len(pairs(rep % 6))
    acc += sum(list(countdown(rep % 9)))
    acc += sum(tuple(two_yields(rep % 5)))
print(acc)

# Types changing mid-stream: exits from both kinds of trace, then new traces.
print(squares([1, 2, 3.5, 4, 2 ** 60, -1]))
print(squares([1.5] * 5 + [2] * 5))
print(sorted(set(x * 2 for x in ["a", "b", "a"] * 40)))

# An exception raised by one value, caught outside.
for rep in range(40):
    try:
        list(10 // x for x in [5, 2, 1, 0, 3])
    except ZeroDivisionError as err:
        if rep % 13 == 0:
            print("caught", err, rep)

# A generator that receives what is sent in (None, by next() and the consumers).
print(list(x for _, x in zip(range(70), receiver())))
print(sum(list(receiver() if False else (x for _, x in zip(range(50), receiver())))))

# A generator left early, then another resumed by a for loop.
for rep in range(50):
    for n in countdown(30):
        if n < 25:
            break
print(n)
k = 1
got = []
for rep in range(60):
    for v in scaled(4):
        got.append(v)
    k += 1
print(sum(got), got[-4:])

# A closure cell changed between values (the trace reads it at each one).
k = 2
gen = scaled(100)
seen = []
for v in gen:
    seen.append(v)
    k += 1
print(seen[:5], seen[-3:])
