# Chained assignment targets and the del statement on names, items, slices and attributes.
a = b = c = []
a.append(1)
print(a, b, c, a is c)
x = y = 0
x += 1
print(x, y)
i, j = k = (1, 2)
print(i, j, k)
d = {'a': 1, 'b': 2, 'c': 3}
del d['b']
print(d)
xs = list(range(6))
del xs[1], xs[-1]
print(xs)
del xs[::2]
print(xs)
class O:
    pass
o = O()
o.attr = 5
print(hasattr(o, 'attr'))
del o.attr
print(hasattr(o, 'attr'))
v = 3
del v
try:
    print(v)
except NameError as e:
    print('NameError:', e)
p, q = 1, 2
del p, q
try:
    print(p)
except NameError as e:
    print('NameError:', e)
