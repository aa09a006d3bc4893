# Chained comparisons evaluate each operand once and short-circuit.
x = 5
print(1 < x < 10, 1 < x > 4, 1 < x < 3, 0 <= x <= 5 <= 5)
print(1 == 1 == 1, 1 == 1 != 2, 1 < 2 < 3 < 4 < 5, 5 > 4 > 6)
calls = []
def v(n):
    calls.append(n)
    return n
print(v(1) < v(2) < v(3))
print(calls)
calls.clear()
print(v(3) < v(2) < v(1))
print(calls)
print('a' < 'b' < 'c', [1] < [1, 0] < [2], (1, 2) == (1, 2) != (2, 1))
print(1 in [1, 2] in [[1, 2]], 3 not in [1, 2] == True)
y = 7
print(not 1 < y < 5, 2 < y and y < 9)
