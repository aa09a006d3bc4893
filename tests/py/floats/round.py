# round(): banker's rounding for ties and correct decimal rounding for round(x, n).
for v in [0.5, 1.5, 2.5, 3.5, -0.5, -1.5, -2.5, 0.49999999999999994, 2.675, 1.005]:
    print(v, round(v), round(v, 2), type(round(v)).__name__)
print(round(3.14159, 3), round(3.14159, 0), round(-3.14159, 1), round(1234.5678, -2))
print(round(2.5, 0), round(0.125, 2), round(0.375, 2), round(5.5), round(6.5))
print(round(1e20), round(-0.4), round(0.0), round(1.23456e-5, 7))
print(round(7, 2), type(round(7.0, 1)).__name__)
