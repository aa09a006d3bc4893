# repr/str of floats uses the shortest round-tripping form.
values = [0.0, -0.0, 1.0, 0.1, 0.2, 0.1 + 0.2, 1 / 3, 2 / 3, 100.0, 1e15, 1e16,
          1e17, 123456789.0, 1.5e-5, 1e-4, 0.0001234, 1e22, 1e-7, 3.14159,
          2.5, -1.25, 1e100, 5e-324, 1.7976931348623157e308, 12345.678]
for v in values:
    print(repr(v), str(v))
print([0.5, 1.0, -2.75])
print((1.0,), {1: 2.0})
print(float(10 ** 16), float(2 ** 53), 9007199254740993.0)
print(1e16 + 1, 0.1 * 3, 1.1 * 1.1, 100 * 1.1)
