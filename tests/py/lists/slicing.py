# list slicing: reads, assignment (incl. resizing and extended slices) and deletion.
xs = list(range(10))
print(xs[2:5], xs[:3], xs[-3:], xs[::2], xs[::-1], xs[7:2:-2], xs[100:], xs[-100:2])
ys = xs[:]
ys[2:5] = ['a', 'b']
print(ys)
ys[1:1] = [100, 200]
print(ys)
ys[:] = [0, 1, 2, 3, 4, 5]
ys[::2] = ['x', 'y', 'z']
print(ys)
ys[-2:] = []
print(ys)
del ys[0]
print(ys)
zs = list(range(12))
del zs[::3]
print(zs)
del zs[1:3]
print(zs)
del zs[-1]
print(zs)
zs[1:3] = range(5)
print(zs)
try:
    zs[::2] = [1]
except ValueError as e:
    print('ValueError:', e)
try:
    zs[50] = 1
except IndexError as e:
    print('IndexError:', e)
