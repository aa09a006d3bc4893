# Float arithmetic in while loops: numerical integration and a recurrence.
def integrate(n):
    h = 1.0 / n
    acc = 0.0
    i = 0
    while i < n:
        x = (i + 0.5) * h
        acc += 4.0 / (1.0 + x * x)
        i += 1
    return acc * h


def logistic(steps):
    x = 0.25
    r = 3.7
    total = 0.0
    for _ in range(steps):
        x = r * x * (1.0 - x)
        total += x
    return total


print(integrate(3000000))
print(logistic(3000000))
