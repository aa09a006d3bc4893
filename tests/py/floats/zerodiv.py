# Division by zero: each operator has its own ZeroDivisionError message.
cases = [
    lambda: 1 / 0,
    lambda: 1 // 0,
    lambda: 1 % 0,
    lambda: divmod(1, 0),
    lambda: 1.0 / 0,
    lambda: 1.0 // 0.0,
    lambda: 1.0 % 0.0,
    lambda: divmod(1.0, 0),
    lambda: 1 / 0.0,
    lambda: 0.0 ** -1,
    lambda: pow(0, -1),
    lambda: 2 ** 100 // 0,
]
for i, f in enumerate(cases):
    try:
        f()
    except ZeroDivisionError as e:
        print(i, type(e).__name__, e)
print(isinstance(ZeroDivisionError(), ArithmeticError))
