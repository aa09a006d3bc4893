# A hot loop whose body calls a small function: the trace inlines it (tests/gdb.rs).
def scale(x):
    y = x * 3
    return y + 1


def run(n):
    total = 0
    for k in range(n):
        total += scale(k)
    return total


print(run(100000))
