# __str__ versus __repr__ in print, str(), repr(), f-strings and containers.
class Both:
    def __str__(self):
        return 'str-form'
    def __repr__(self):
        return 'Both()'
class ReprOnly:
    def __init__(self, v):
        self.v = v
    def __repr__(self):
        return f'ReprOnly({self.v!r})'
b = Both()
r = ReprOnly('x')
print(b, str(b), repr(b), [b], (b,), {'k': b})
print(r, str(r), [r, ReprOnly(1)], f'{b} {b!r} {r}')
print('%s %r' % (b, b), '{} {!r}'.format(b, b))
class Temp:
    def __init__(self, c):
        self.c = c
    def __format__(self, spec):
        if spec == 'f':
            return f'{self.c * 9 / 5 + 32:.1f}F'
        return f'{self.c}C'
print(f'{Temp(100)} {Temp(100):f}', format(Temp(0), 'f'))
class Child(ReprOnly):
    pass
print(Child(3), str(Child([1])))
