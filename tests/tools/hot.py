# The script the perf and gdb tests run: `work`'s loop becomes a trace (line 7 is its header, 8
# its body), `tally` stays interpreted (dict method calls), `main` calls both.


def work(n):
    s = 0.0
    for i in range(n):
        s += i * 0.5
    return s


def tally(n):
    d = {}
    for i in range(n):
        d[i % 7] = d.get(i % 7, 0) + 1
    return d


def main():
    t = 0.0
    for k in range(400):
        t += work(200000)
    print(t)
    print(tally(300000))


main()
