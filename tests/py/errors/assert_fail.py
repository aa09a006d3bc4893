# An uncaught AssertionError with a message.
def checked_sqrt(x):
    assert x >= 0, f'expected non-negative input, got {x}'
    return x ** 0.5
print(checked_sqrt(9))
print(checked_sqrt(-4))
