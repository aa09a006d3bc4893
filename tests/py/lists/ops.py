# list +, *, comparison, membership, nested lists and their repr.
a = [1, 2, 3]
b = [4, 5]
print(a + b, a * 2, 2 * b, [0] * 5, [] * 3, a * 0)
print(a == [1, 2, 3], a != b, a < b, [1, 2] < [1, 2, 0], [2] > [1, 9], [] < [0])
print(2 in a, 7 in a, 7 not in a, [1, 2] in [[1, 2], [3]])
grid = [[0] * 3 for _ in range(3)]
grid[1][1] = 5
print(grid)
alias = [[0] * 2] * 2
alias[0][0] = 9
print(alias)
nested = [1, [2, [3, [4, []]]], 'x', (5,), {'k': [6]}]
print(nested, len(nested), nested[1][1][1][0])
print(list(), list('ab'), list((1, 2)), list(range(3)), list({1: 2}))
m = [[1, 2], [3, 4]]
print([row[:] for row in m] == m, [list(r) for r in zip(*m)])
c = a
c += [4]
print(a, c is a)
d = a
d = d + [5]
print(a, d)
s = [3, 'a', None, 2.5, True]
print(s, str(s), repr(s))
