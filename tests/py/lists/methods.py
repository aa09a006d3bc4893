# list methods: append/extend/insert/pop/remove/index/count/reverse/copy/clear.
xs = [3, 1, 4]
xs.append(1)
xs.extend([5, 9])
xs.extend(range(2))
xs.insert(0, 'first')
xs.insert(-1, 'before-last')
xs.insert(100, 'end')
print(xs, len(xs))
print(xs.pop(), xs.pop(0), xs.pop(-2), xs)
xs.remove(1)
print(xs, xs.index(4), xs.index(1), xs.count(1), xs.count(42))
print(xs.index(5, 2), xs.index(1, 0, 5))
ys = xs.copy()
ys.reverse()
print(xs, ys, xs is ys)
ys.clear()
print(ys, len(ys))
xs += [7]
xs *= 2
print(xs)
for bad in [lambda: [].pop(), lambda: [1].remove(2), lambda: [1].index(2), lambda: [1].pop(5)]:
    try:
        bad()
    except (IndexError, ValueError) as e:
        print(type(e).__name__, e)
