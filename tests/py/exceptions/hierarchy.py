# Built-in exception hierarchy as seen through issubclass/isinstance and except clauses.
pairs = [
    (ZeroDivisionError, ArithmeticError), (OverflowError, ArithmeticError),
    (KeyError, LookupError), (IndexError, LookupError), (LookupError, Exception),
    (UnboundLocalError, NameError), (ModuleNotFoundError, ImportError),
    (RecursionError, RuntimeError), (NotImplementedError, RuntimeError),
    (StopIteration, Exception), (AssertionError, Exception), (AttributeError, Exception),
    (TypeError, ValueError), (Exception, BaseException), (KeyboardInterrupt, Exception),
    (SystemExit, BaseException), (SystemExit, Exception), (GeneratorExit, Exception),
    (bool, int), (KeyError, KeyError),
]
for sub, sup in pairs:
    print(sub.__name__, sup.__name__, issubclass(sub, sup))
print([c.__name__ for c in ZeroDivisionError.__mro__])
print([c.__name__ for c in KeyError.__mro__])
def catch(exc):
    try:
        raise exc
    except LookupError:
        return 'lookup'
    except ArithmeticError:
        return 'arith'
    except Exception:
        return 'other'
print([catch(e) for e in [KeyError(), IndexError(), ZeroDivisionError(), OverflowError(), ValueError()]])
