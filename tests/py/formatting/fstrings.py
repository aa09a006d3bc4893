# f-strings: format specs, conversions, nested expressions and the = specifier.
name, n, pi = 'lucent', 42, 3.14159265
print(f'{name} {n} {pi}', f'{name!r}', f'{n!s:>5}')
print(f'{n:5d}|{n:<5}|{n:^5}|{n:05}|{n:+}|{n:x}|{n:#x}|{n:b}|{n:#o}|{n:,}|{10 ** 7:_}')
print(f'{pi:.2f}|{pi:10.4f}|{pi:<10.1f}|{pi:e}|{pi:.3g}|{0.25:%}|{0.25:.0%}|{-pi:+.1f}')
print(f'{"centered":^14}|{"left":*<8}|{"right":->8}|')
width, prec = 10, 3
print(f'{pi:{width}.{prec}f}|', f'{name:>{width}}|')
print(f'{[1, 2][0]} { {"k": 1}["k"] } {n * 2} {n // 5 if n else 0} {"yes" if n > 40 else "no"}')
items = ['a', 'b']
print(f'{len(items)} items: {", ".join(items)}', f'{items}', f'{ {1: 2} }')
print(f'{n=}', f'{pi = :.2f}', f'{name.upper()=}')
print(f'{"nested {}".format(1)}', f'{f"{n}"}', f'braces {{}} and {n}')
print(f'{1e-7}', f'{1e16}', f'{123456789.0}', f'{2.0}', f'{True}', f'{None}')
print(f'{12.5:g}', f'{1234567.0:,.2f}', f'{-0.0}', f'{5:3}', f'{"s":3}', f'{3.0:.0f}')
