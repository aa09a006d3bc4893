# The gdb tests step through whole runs of this trace: `work`'s loop runs 5 iterations per call,
# so each entry into the trace also leaves it through its loop exit.


def work(n):
    s = 0
    for i in range(n):
        s += i * 3
    return s


t = 0
for k in range(300):
    t += work(5)
print(t)
