# sum, min, max with key= and default=, any, all, abs.
print(sum([1, 2, 3]), sum([0.5, 0.25]), sum([[1], [2]], []), sum((), 7), sum(range(5), 100))
print(min(3, 1, 2), max([4, 9, 2]), min('bca'), max('apple', 'pear', key=len), min([], default='empty'))
print(max([], default=None), min([(2, 'b'), (1, 'z')]), max({'a': 3, 'b': 1}, key={'a': 3, 'b': 1}.get))
words = ['kiwi', 'fig', 'banana', 'plum']
print(min(words, key=len), max(words, key=len), max(words, key=lambda w: w[-1]), max(words))
print(max(1, 2, key=lambda v: -v), min([1, 1.0]), max([1.0, 1]), max([2, 3], default=0))
print(any([]), all([]), any([0, '', None]), any([0, 3]), all([1, 'a']), all([1, 0]))
print(abs(-3), abs(2.5), abs(-0.0), abs(True), abs(-10 ** 20))
for bad in [lambda: max([]), lambda: min(), lambda: sum(['a', 'b'], '')]:
    try:
        bad()
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
