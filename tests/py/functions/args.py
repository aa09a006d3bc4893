# Defaults, keyword arguments, *args, **kwargs and keyword-only parameters.
def f(a, b=2, *args, c, d=4, **kw):
    return (a, b, args, c, d, kw)
print(f(1, c=3))
print(f(1, 5, 6, 7, c=8, e=9, d=0))
print(f(*[1, 2, 3], **{'c': 4, 'z': 5}))
def g(x, y=[]):
    y.append(x)
    return y
print(g(1), g(2), g([3], []))
def kwonly(*, key, value=None):
    return f'{key}={value}'
print(kwonly(key='k'), kwonly(value=1, key='v'))
def pos(a, b, /, c):
    return a + b + c
print(pos(1, 2, 3), pos(1, 2, c=3))
def total(*nums, start=0):
    return sum(nums, start)
print(total(), total(1, 2, 3), total(1, 2, start=10))
def show(**opts):
    return sorted(opts.items())
print(show(), show(b=2, a=1))
def defaults(a, b=None, c='x'):
    return a, b, c
print(defaults(0), defaults(0, c='y'), defaults(c=3, a=1, b=2))
bad_calls = [lambda: f(), lambda: kwonly('k'), lambda: pos(1, b=2, c=3),
             lambda: defaults(1, a=2), lambda: defaults(1, 2, 3, 4), lambda: defaults(1, z=1)]
for call in bad_calls:
    try:
        call()
    except TypeError as e:
        print('TypeError:', e)
