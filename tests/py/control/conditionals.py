# if/elif/else, conditional expressions, pass, assert and short-circuit evaluation.
def classify(n):
    if n < 0:
        return 'negative'
    elif n == 0:
        return 'zero'
    elif n < 10:
        return 'small'
    else:
        return 'large'
print([classify(n) for n in (-5, 0, 3, 42)])
for n in range(4):
    print(n, 'even' if n % 2 == 0 else 'odd', 'big' if n > 2 else 'tiny' if n == 0 else 'mid')
if True:
    pass
class Nothing:
    pass
def noop():
    pass
print(noop(), Nothing.__name__)
log = []
def t(v):
    log.append(v)
    return v
print(t(0) and t(1), t(2) or t(3), t(0) or t('') or t(None))
print(log)
assert 1 + 1 == 2
assert [1], 'non-empty is true'
try:
    assert 1 > 2, 'one is not greater than two'
except AssertionError as e:
    print('AssertionError:', e)
try:
    assert False
except AssertionError as e:
    print('AssertionError args:', e.args)
x = 5
print('positive' if x > 0 else 'non-positive', not x, x if x else -1)
