# raise ... from ..., implicit context, re-raise with bare raise and from None.
class ParseError(Exception):
    pass
def parse(s):
    try:
        return int(s)
    except ValueError as e:
        raise ParseError(f'cannot parse {s!r}') from e
try:
    parse('x1')
except ParseError as e:
    print(e, '| cause:', type(e.__cause__).__name__, e.__cause__, '| suppress:', e.__suppress_context__)
try:
    try:
        1 / 0
    except ZeroDivisionError:
        raise KeyError('during handling')
except KeyError as e:
    print(repr(e), '| context:', repr(e.__context__), '| cause:', e.__cause__)
try:
    try:
        {}['a']
    except KeyError:
        raise ValueError('clean') from None
except ValueError as e:
    print(e, e.__cause__, e.__suppress_context__, type(e.__context__).__name__)
def reraiser():
    try:
        [].pop()
    except IndexError:
        print('logging and re-raising')
        raise
try:
    reraiser()
except IndexError as e:
    print('re-raised:', e)
try:
    try:
        raise TypeError('first')
    except TypeError as e:
        err = e
    raise err
except TypeError as e2:
    print('raised saved exception:', e2, e2 is err)
