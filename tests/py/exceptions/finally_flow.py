# finally runs on return/break/continue and exceptions; return in finally overrides.
def ret():
    try:
        return 'from try'
    finally:
        print('finally after return')
print(ret())
def override():
    try:
        return 1
    finally:
        return 2
print(override())
def swallow():
    try:
        raise ValueError('lost')
    finally:
        return 'finally return swallows the exception'
print(swallow())
for i in range(3):
    try:
        if i == 1:
            continue
        if i == 2:
            break
        print('body', i)
    finally:
        print('finally', i)
def nested():
    log = []
    try:
        try:
            log.append('inner try')
            raise KeyError('x')
        finally:
            log.append('inner finally')
    except KeyError:
        log.append('outer except')
    finally:
        log.append('outer finally')
    return log
print(nested())
def counter():
    n = 0
    while True:
        try:
            n += 1
            if n == 3:
                return n
        finally:
            print('loop finally', n)
print(counter())
try:
    try:
        raise ValueError('a')
    finally:
        print('cleanup before propagate')
except ValueError as e:
    print('caught', e)
