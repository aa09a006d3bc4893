# An exception raised while handling another: both tracebacks are printed.
def load(key):
    data = {'a': 1}
    try:
        return data[key]
    except KeyError:
        raise ValueError(f'no such setting: {key}')
print(load('a'))
load('b')
