# yield from delegation, return values through yield from, recursive generators.
def inner():
    yield 1
    yield 2
    return 'inner-result'
def outer():
    r = yield from inner()
    yield r
    yield from [3, 4]
    yield from range(5, 7)
    yield from 'ab'
print(list(outer()))
def walk(tree):
    if isinstance(tree, list):
        for sub in tree:
            yield from walk(sub)
    else:
        yield tree
print(list(walk([1, [2, [3, 4], []], [[5]]])))
def chain(*its):
    for it in its:
        yield from it
print(list(chain([1], (2, 3), {4: 'x'}, range(5, 6))))
def perms(xs):
    if not xs:
        yield ()
        return
    for i in range(len(xs)):
        for rest in perms(xs[:i] + xs[i + 1:]):
            yield (xs[i],) + rest
print(list(perms('abc')))
def gen_with_finally():
    try:
        yield 'a'
        yield 'b'
    finally:
        print('generator cleanup')
for v in gen_with_finally():
    print(v)
