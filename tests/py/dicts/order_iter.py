# Insertion order is preserved through updates, deletes and re-insertion.
d = {}
for k in ['zeta', 'alpha', 'mid', 'beta']:
    d[k] = len(k)
print(d)
d['alpha'] = 0
print(list(d))
del d['zeta']
d['zeta'] = 9
print(d)
for k in d:
    print(k, d[k])
for k, v in d.items():
    print(f'{k}={v}', end=' ')
print()
print(sorted(d), sorted(d.items(), key=lambda kv: kv[1]), list(reversed(d)))
print(dict(zip(['a', 'b', 'c'], [1, 2, 3])), dict(a=1, b=2), dict([(1, 'x'), (2, 'y')]))
print({1: 'a', True: 'b', 1.0: 'c'}, {0: 'zero', 2: 'two'} == {2: 'two', 0: 'zero'})
print(dict({'k': 1}, extra=2), {**{'a': 1}, 'b': 2, **{'a': 3}})
print({'a': 1} | {'b': 2}, len({}), {(1, 2): [3]}, {None: None})
try:
    for k in d:
        d['other'] = 1
except RuntimeError as e:
    print('RuntimeError:', e)
