# center/ljust/rjust/zfill and str.format basics.
for w in [0, 3, 8, 11]:
    print('[' + 'abc'.center(w) + ']', '[' + 'abc'.ljust(w, '.') + ']', '[' + 'abc'.rjust(w, '*') + ']')
print('ab'.center(5), '|', 'ab'.center(6, '-'), '|', 'abc'.center(6, '-'))
print('42'.zfill(5), '-42'.zfill(5), '+7'.zfill(4), 'abc'.zfill(2), ''.zfill(3))
print('{} and {}'.format('a', 'b'), '{1} {0} {1}'.format('x', 'y'), '{name}!'.format(name='hi'))
print('{:>6}|{:<6}|{:^6}|'.format('r', 'l', 'c'), '{:*^9}'.format('mid'))
print('{:d} {:5d} {:05d} {:+d} {:x} {:X} {:o} {:b} {:,}'.format(42, 42, 42, 42, 255, 255, 8, 5, 1234567))
print('{:.2f} {:8.3f} {:e} {:.1%} {:g} {:g}'.format(3.14159, 2.5, 12345.678, 0.256, 0.00001, 123.0))
print('{0[1]} {1[k]} {{literal}}'.format([10, 20], {'k': 'v'}))
print('{!r} {!s}'.format('q', 'q'), '{:>{w}}'.format('x', w=4))
