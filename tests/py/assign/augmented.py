# Augmented assignment on names, attributes and subscripts; each target evaluated once.
n = 10
n += 5; n -= 3; n *= 2; n //= 5; n **= 3; n %= 7; n <<= 4; n >>= 1; n |= 1; n &= 0xF; n ^= 3
print(n)
f = 1.5
f /= 2
print(f)
s = 'ab'
s *= 3
s += '!'
print(s)
class Box:
    def __init__(self):
        self.v = 1
        self.items = [1]
b = Box()
b.v += 41
b.items += [2]
b.items *= 2
print(b.v, b.items)
d = {'k': 1, 'l': [0]}
d['k'] += 10
d['l'] += [1]
print(d)
xs = [1, 2, 3]
xs[0] += 100
xs[-1] *= 5
print(xs)
calls = []
def idx():
    calls.append('idx')
    return 1
xs[idx()] += 1
print(xs, calls)
t = (1,)
t += (2,)
print(t)
m = [[0, 0], [0, 0]]
m[1][0] += 7
print(m)
