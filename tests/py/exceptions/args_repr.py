# Exception objects: args, str(), repr() for zero, one and many arguments.
samples = [ValueError(), ValueError('msg'), ValueError('a', 2), KeyError('key'), KeyError(),
           IndexError(3), Exception('x', None, [1]), RuntimeError(''), ZeroDivisionError('custom')]
for e in samples:
    print(type(e).__name__, e.args, repr(str(e)), repr(e))
try:
    {'a': 1}['b']
except KeyError as e:
    print(e.args, str(e), repr(e))
try:
    [1, 2][5]
except IndexError as e:
    print(e.args, str(e))
try:
    None.foo
except AttributeError as e:
    print(repr(e))
try:
    1 + 'a'
except TypeError as e:
    print(e.args)
e = ValueError('changed')
e.args = ('new', 'args')
print(e, e.args)
print(isinstance(ValueError('x'), Exception), str(Exception('x', 1)))
