# The gdb tests break inside a side trace: the loop's trace is recorded on an iteration that
# takes the `else` branch (line 12), so line 10 runs as JIT code only in the side trace recorded
# from the hot exit of the `if` (line 9).


def work(n):
    s = 0
    for i in range(n):
        if i % 3 == 0:
            s += i
        else:
            s -= 1
    return s


print(sum(work(3000) for _ in range(20)))
