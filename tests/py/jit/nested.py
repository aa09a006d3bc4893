# Nested loops: an outer loop's trace ends in its inner loop's trace, the inner loop's exit
# continues (a side trace) through the rest of the outer body into the outer loop's trace.


def grid_sum(grid):
    # for over a list of lists: the inner iterator is made in the trace.
    total = 0
    for row in grid:
        for x in row:
            total += x
    return total


def triangle(n):
    # Inner trip counts vary with the outer index; a range made in the trace.
    acc = 0
    for i in range(n):
        for j in range(i):
            acc += i * j
        acc -= i
    return acc


def skipping(rows):
    # `continue` in the inner loop (a jump back to its header from a side trace).
    kept = 0
    for row in rows:
        for x in row:
            if x % 3 == 0:
                continue
            kept += x
        kept += 1
    return kept


def shared_header(n):
    # `while 1` around a `while`: both loops' back-edges jump to the same header
    # (fannkuch's shape), and the outer loop leaves by a `break` from a third loop.
    r = n
    count = [0] * n
    rounds = 0
    while 1:
        while r != 1:
            count[r - 1] = r
            r -= 1
        rounds += 1
        while r != n:
            count[r] -= 1
            if count[r] > 0:
                break
            r += 1
        else:
            return rounds


def mixed(n):
    # The inner loop's values change type between outer iterations (its trace's entry
    # guards fail when the outer trace enters it).
    out = []
    for k in range(n):
        s = 0 if k % 2 else 0.5
        for j in range(8):
            s += j
        out.append(s)
    return sum(out)


def looping_callee(xs):
    # A call inlined into the outer loop has a loop of its own: that loop gets its own trace.
    t = 0
    for i in range(len(xs)):
        t += grid_sum([xs[: i % 5]])
    return t


def raising(rows):
    # An exception inside the inner loop after many iterations: CPython's traceback.
    total = 0
    for row in rows:
        for x in row:
            total += 100 // x
    return total


grid = [[i * 7 + j for j in range(i % 9)] for i in range(300)]
print(grid_sum(grid))
print(triangle(120))
print(skipping(grid))
print(shared_header(7))
print(mixed(200))
print(looping_callee(list(range(400))))
rows = [[(i + j) % 11 + 1 for j in range(6)] for i in range(300)]
print(raising(rows))
rows[250][3] = 0
try:
    raising(rows)
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)
