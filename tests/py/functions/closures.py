# Closures, nonlocal, late binding and counters built from nested functions.
def make_counter():
    count = 0
    def inc(step=1):
        nonlocal count
        count += step
        return count
    return inc
c1 = make_counter()
c2 = make_counter()
print(c1(), c1(), c1(10), c2())
def adders():
    return [lambda x, i=i: x + i for i in range(3)]
print([f(10) for f in adders()])
late = [lambda: i for i in range(3)]
print([f() for f in late])
def outer():
    x = 'outer'
    def middle():
        def inner():
            return x
        return inner
    x = 'rebound'
    return middle()()
print(outer())
def accumulator():
    items = []
    def add(v):
        items.append(v)
        return len(items)
    def get():
        return items
    return add, get
add, get = accumulator()
add('a'); add('b')
print(get())
def fib_memo():
    memo = {}
    def fib(n):
        if n not in memo:
            memo[n] = n if n < 2 else fib(n - 1) + fib(n - 2)
        return memo[n]
    return fib
print(fib_memo()(80))
def nested_nonlocal():
    a = 1
    def one():
        def two():
            nonlocal a
            a += 1
        two()
        two()
    one()
    return a
print(nested_nonlocal())
