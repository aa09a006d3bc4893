# List, dict and set comprehensions with conditions, nesting and multiple for clauses.
print([x * 2 for x in range(5)], [x for x in range(10) if x % 3 == 0])
print([(x, y) for x in range(3) for y in range(3) if x != y])
print([[x * y for y in range(1, 4)] for x in range(1, 4)])
print([c.upper() for c in 'abc' if c != 'b'], ['even' if x % 2 == 0 else 'odd' for x in range(4)])
print({x: x ** 2 for x in range(5)}, {k: v for k, v in zip('abc', range(3)) if v})
print({x % 4 for x in range(20)}, {len(w) for w in ['a', 'bb', 'cc', 'ddd']})
matrix = [[1, 2, 3], [4, 5, 6], [7, 8, 9]]
print([row[i] for i, row in enumerate(matrix)], [v for row in matrix for v in row if v % 2])
print([[row[i] for row in matrix] for i in range(3)])
print([x for x in [y * 2 for y in range(4)] if x > 2])
words = ['hello', 'world', 'hi']
print({w: [c for c in w if c in 'aeiou'] for w in words})
print([(i, w) for i, w in enumerate(words, 1)], [n for n in range(2, 30) if all(n % d for d in range(2, n))])
print([a + b for a, b in [(1, 2), (3, 4)]], [f'{k}:{v}' for k, v in {'x': 1}.items()])
