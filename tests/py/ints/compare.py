# Comparisons between ints, floats and bools, including big ints.
print(1 == 1.0, 1 == True, 0 == False, 2 == True)
print(1 < 1.5, 2 > 1.99, -1 < 0.0, 3 <= 3.0, 3 >= 3.0000001)
print(True < 2, False < True, True + True, True * 10)
print(2 ** 53 + 1 == float(2 ** 53 + 1), 2 ** 53 + 1 > float(2 ** 53))
print(10 ** 400 > 1e308, -(10 ** 400) < -1e308)
print(1 != 1.0, 1 != 2, 0 == -0, 0.0 == -0.0)
print(max(1, 2.5, True), min(0, -0.5, False))
print(sorted([3, 1.5, True, 0, -2, 2.25]))
print(hash(1) == hash(1.0) == hash(True), hash(0) == hash(0.0) == hash(False))
five = 5
print(five == 5, five is not None, [1, 2] == [1.0, 2.0], (1, 2) < (1, 2.5))
