# An uncaught ZeroDivisionError from float division.
x = 2.5
print(x / 2)
print(x / 0.0)
