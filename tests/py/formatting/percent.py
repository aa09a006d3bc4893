# printf-style % formatting.
print('%s and %s' % ('this', 'that'), '%r' % 'q', '%d items' % 5, '%i' % 3.9)
print('%5.2f|%-8.3f|%08.3f|%+.1f|%.0f|%e|%.3E|%g' % (3.14159, 2.5, -1.5, 2.0, 2.5, 1234.5, 0.00012, 1e-5))
print('%-10s|%10s|%.2s|' % ('left', 'right', 'truncate'))
print('%x %X %o %#x %#o %05d %-5d| %+d %c %c' % (255, 255, 8, 255, 8, 42, 42, 7, 65, 'z'))
print('100%%' % (), '%d%%' % 50, '%s' % [1, 2], '%s' % (1,), '%s %s' % ((1, 2), None))
print('%(name)s is %(age)d years' % {'name': 'Ann', 'age': 30}, '%(x)r' % {'x': 'v'})
print('%s' % 1.0, '%s' % 1e20, '%r' % 0.1, '%d' % -0, '%d' % (2 ** 70), '%.3s' % 'abcdef')
print('%*d|%-*d|' % (5, 1, 4, 2), '%.*f' % (2, 3.14159))
try:
    '%d' % 'x'
except TypeError as e:
    print('TypeError:', e)
try:
    '%s %s' % ('one',)
except TypeError as e:
    print('TypeError:', e)
try:
    '%s' % (1, 2)
except TypeError as e:
    print('TypeError:', e)
