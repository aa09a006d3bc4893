# Tuples and lists built inside hot loops (allocated by the trace, collected between
# iterations), kept, unpacked and sliced.

def pairs(n):
    out = []
    total = 0
    for k in range(n):
        t = (k, k * 2, -k)
        out.append(t)
        a, b, c = t
        total += a + b + c + len([a, b])
    return total, out[-1], len(out)


print(pairs(3000))


def grids(n):
    rows = []
    for k in range(n):
        rows.append([k % 3, k % 5])
    return sum(r[0] * r[1] for r in rows)


print(grids(2000))


def empties(n):
    same = 0
    none = ()
    for k in range(n):
        if (k,)[:0] == none:
            same += 1
        e = []
        e.append(k)
        same += len(e)
    return same


print(empties(500))
