# List items and instance attributes in a loop (helpers with guards), and a type change that
# makes the trace leave at its entry.
class Acc:
    def __init__(self):
        self.total = 0
        self.count = 0


def run(xs):
    acc = Acc()
    out = [0] * len(xs)
    for i in range(len(xs)):
        v = xs[i]
        acc.total = acc.total + v
        acc.count += 1
        out[i] = v * 2
    return acc.total, acc.count, out[-3:]


print(run(list(range(300))))
print(run([1.5, 2.5] * 100))
print(run([10**20, 1] * 80))
