# An uncaught exception raised inside a generator while a for loop consumes it.
def readings():
    yield 10
    yield 20
    raise RuntimeError('sensor disconnected')
def average():
    total = count = 0
    for r in readings():
        total += r
        count += 1
        print('reading', r)
    return total / count
print(average())
