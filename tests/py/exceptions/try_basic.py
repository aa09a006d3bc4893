# try/except/else/finally ordering and exception matching.
def attempt(v):
    try:
        print(' try', v)
        r = 10 // v
    except ZeroDivisionError:
        print(' except zero')
        r = None
    except TypeError as e:
        print(' except type:', e)
        r = 'bad'
    else:
        print(' else', r)
    finally:
        print(' finally')
    return r
for v in [2, 0, 'x']:
    print('result', attempt(v))
try:
    [][1]
except (KeyError, IndexError) as e:
    print('tuple match:', type(e).__name__, e)
try:
    {}['k']
except LookupError as e:
    print('LookupError caught KeyError:', repr(e))
try:
    1 / 0
except ArithmeticError as e:
    print('ArithmeticError caught', type(e).__name__)
try:
    undefined_name
except Exception as e:
    print('Exception caught', type(e).__name__, e)
try:
    raise ValueError
except ValueError as e:
    print('bare class raise:', repr(e), e.args)
try:
    try:
        int('x')
    except TypeError:
        print('wrong handler')
except ValueError:
    print('outer handler got it')
e = 'kept'
try:
    raise KeyError('k')
except KeyError as e:
    pass
try:
    print(e)
except NameError:
    print('as-name is unbound after the handler')
