# An uncaught AssertionError without a message.
values = [3, 2, 1]
assert len(values) == 3
print('first assert passed')
assert values == sorted(values)
