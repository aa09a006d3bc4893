# Lambdas, higher-order functions and recursion.
square = lambda x: x * x
compose = lambda f, g: lambda x: f(g(x))
print(square(7), compose(square, abs)(-3), (lambda: 'noargs')(), (lambda *a, **k: (a, k))(1, b=2))
def fact(n):
    return 1 if n <= 1 else n * fact(n - 1)
print(fact(10), fact(25))
def hanoi(n, src, dst, via, moves):
    if n:
        hanoi(n - 1, src, via, dst, moves)
        moves.append((src, dst))
        hanoi(n - 1, via, dst, src, moves)
    return moves
print(len(hanoi(10, 'a', 'c', 'b', [])), hanoi(2, 'a', 'c', 'b', []))
def ackermann(m, n):
    if m == 0:
        return n + 1
    if n == 0:
        return ackermann(m - 1, 1)
    return ackermann(m - 1, ackermann(m, n - 1))
print(ackermann(2, 3))
def is_even(n):
    return True if n == 0 else is_odd(n - 1)
def is_odd(n):
    return False if n == 0 else is_even(n - 1)
print(is_even(10), is_odd(7))
def flatten(xs):
    out = []
    for x in xs:
        out.extend(flatten(x) if isinstance(x, list) else [x])
    return out
print(flatten([1, [2, [3, [4]], 5], [[6]]]))
def permutations(xs):
    if len(xs) <= 1:
        return [xs]
    return [[x] + p for i, x in enumerate(xs) for p in permutations(xs[:i] + xs[i + 1:])]
print(permutations([1, 2, 3]))
print(list(map(lambda p: p[0] * p[1], [(1, 2), (3, 4)])), sorted([3, -1, 2], key=lambda v: -v))
print(square.__name__, fact.__name__)
