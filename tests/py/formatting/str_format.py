# str.format and format(): positional, keyword, attribute, index and alignment fields.
class P:
    x, y = 1, 2
print('{} {}'.format(1, 2), '{0}{0}{1}'.format('a', 'b'), '{x}-{y}'.format(x=3, y=4))
print('{p.x},{p.y}'.format(p=P()), '{0[0]}{0[1]}'.format('ab'), '{d[key]}'.format(d={'key': 'v'}))
print('{:<8}|{:>8}|{:^8}|{:=+8}|'.format('a', 'b', 'c', 5), '{:#<6}'.format(''))
print('{:.3}'.format('abcdef'), '{:.3}'.format(3.14159), '{:10.3e}'.format(1234.5))
print('{:,d} {:_x} {:08.2f} {:+.2%}'.format(9876543, 0xdeadbeef, -3.14159, 0.1234))
print(format(42), format(42, 'b'), format(3.5, '.2f'), format('s', '>3'), format(1234567, ','))
print('{!r:>6}'.format('q'), '{0!s}'.format([1]), '{}'.format(None), '{:}'.format(1.0))
print('{{}} {{{0}}}'.format('inside'), '{:d}'.format(True), '{:f}'.format(1), '{:s}'.format('x'))
try:
    '{:d}'.format('x')
except ValueError as e:
    print('ValueError:', e)
try:
    '{} {}'.format(1)
except IndexError as e:
    print('IndexError:', e)
try:
    '{missing}'.format()
except KeyError as e:
    print('KeyError:', e)
