# Comprehension scoping: loop variables don't leak; class bodies and closures over comprehensions.
x = 'outer'
ys = [x for x in range(3)]
print(x, ys)
i = 'unchanged'
total = sum(i for i in range(4))
print(i, total)
def f():
    n = 10
    return [n + k for k in range(3)]
print(f())
funcs = [lambda: k for k in range(3)]
print([fn() for fn in funcs])
class C:
    base = [1, 2, 3]
    doubled = [v * 2 for v in base]
print(C.doubled)
def g():
    acc = []
    result = [acc.append(v) or v for v in 'ab']
    return acc, result
print(g())
try:
    print(k)
except NameError as e:
    print('NameError:', e)
nested = [[j for j in range(i)] for i in range(4)]
print(nested)
