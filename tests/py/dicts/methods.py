# dict methods: get/setdefault/pop/popitem/keys/values/items/update/copy/clear/fromkeys.
d = {'a': 1, 'b': 2}
print(d.get('a'), d.get('z'), d.get('z', 0), d['b'])
print(d.setdefault('c', 3), d.setdefault('a', 100), d)
print(d.pop('b'), d.pop('zz', 'missing'), d)
d.update({'x': 10, 'a': -1})
d.update(y=20)
d.update([('z', 30)])
print(d)
print(d.popitem(), d)
print(list(d.keys()), list(d.values()), list(d.items()))
e = d.copy()
e['new'] = 1
print(d, e, len(d), len(e))
e.clear()
print(e, dict.fromkeys(['p', 'q'], 0), dict.fromkeys('ab'))
print(d.keys(), d.values(), d.items())
try:
    d['nope']
except KeyError as err:
    print('KeyError:', err)
try:
    {}.popitem()
except KeyError as err:
    print('KeyError:', err)
try:
    d.pop('nope')
except KeyError as err:
    print('KeyError:', repr(err))
del d['a']
print(d, 'a' in d, 'c' in d, 'a' not in d)
