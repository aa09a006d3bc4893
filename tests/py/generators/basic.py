# Generator functions: lazy evaluation, state across yields, next() with default, StopIteration.
def count_up(n):
    print(' start')
    i = 0
    while i < n:
        yield i
        i += 1
    print(' end')
g = count_up(3)
print(type(g).__name__)
print(next(g))
print(next(g), next(g))
print(next(g, 'exhausted'), next(g, 'again'))
try:
    next(g)
except StopIteration as e:
    print('StopIteration', e.args)
def fib():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b
f = fib()
print([next(f) for _ in range(12)])
def with_return():
    yield 1
    return 'done'
gr = with_return()
next(gr)
try:
    next(gr)
except StopIteration as e:
    print('return value:', e.value)
print(list(count_up(2)), sum(count_up(5)))
def pipeline(xs):
    evens = (x for x in xs if x % 2 == 0)
    squared = (x * x for x in evens)
    return list(squared)
print(pipeline(range(10)))
it = iter([1, 2])
print(next(it), next(it), next(it, None))
def take(n, gen):
    for i, v in enumerate(gen):
        if i >= n:
            return
        yield v
print(list(take(5, fib())), list(take(0, fib())))
