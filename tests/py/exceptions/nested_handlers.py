# Nested try blocks, exceptions raised inside handlers, and exceptions crossing frames.
def level3(x):
    return {'a': 1}[x]
def level2(x):
    try:
        return level3(x)
    except KeyError:
        raise ValueError(f'unknown {x}')
def level1(x):
    try:
        return level2(x)
    finally:
        print('level1 cleanup for', x)
for x in ['a', 'b']:
    try:
        print('value', level1(x))
    except ValueError as e:
        print('caught at top:', e, '| context:', repr(e.__context__))
def handler_error():
    try:
        raise IndexError('one')
    except IndexError:
        try:
            raise KeyError('two')
        except KeyError as inner:
            return f'inner handled {inner!r}'
print(handler_error())
results = []
for v in [1, 0, None, 'x']:
    try:
        try:
            results.append(10 / v)
        except ZeroDivisionError:
            results.append('zero')
            raise
    except ZeroDivisionError:
        results.append('outer-zero')
    except TypeError:
        results.append('type')
print(results)
def gen_fail():
    yield 1
    raise RuntimeError('gen broke')
try:
    for v in gen_fail():
        print('got', v)
except RuntimeError as e:
    print('RuntimeError:', e)
