# bool and None: arithmetic on bools, repr, identity and truth tests.
print(True, False, None, repr(None), str(True))
print(True + True, True * 3, False - 1, -True, ~True, True / 2)
print(bool(0), bool(1), bool(-1), bool(0.0), bool(''), bool('a'), bool(None))
print(bool([]), bool([0]), bool(()), bool({}), bool({0: 0}), bool(range(0)))
print(type(True).__name__, type(None).__name__, isinstance(True, int))
print(True is True, None is None, (None == None), None == 0, None is not False)
print(not None, not 0, not [], not [[]], not 'x')
print(True and 3, 0 and 3, '' or 'default', None or 0 or [], 1 or 2)
x = None
if x is None:
    print('x is None')
print(int(True), float(False), str(None), [True, None, False])
print(True == 1, False == 0, hash(True), hash(False))
def f():
    pass
print(f(), f() is None)
