# is / is not, id equality and == versus identity.
a = [1, 2]
b = a
c = [1, 2]
print(a is b, a is c, a == c, a is not c, id(a) == id(b), id(a) == id(c))
b.append(3)
print(a, c)
x = None
print(x is None, x is not None)
t = (1, 2)
u = t
print(t is u, id(t) == id(u))
def f():
    return a
print(f() is a)
class K:
    pass
k1 = K()
k2 = K()
print(k1 is k2, k1 == k2, k1 is k1, k1 != k2)
print(type(k1) is K, type(1) is int, type(1) is not float)
print(True is not False, [] is not [])
