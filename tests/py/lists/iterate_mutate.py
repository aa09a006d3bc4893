# Iterating lists with enumerate/zip/reversed and building lists in loops.
xs = ['a', 'b', 'c']
for i, x in enumerate(xs):
    print(i, x)
for x in reversed(xs):
    print(x, end=' ')
print()
squares = []
for i in range(6):
    if i % 2:
        continue
    squares.append(i * i)
print(squares)
matrix = [[1, 2, 3], [4, 5, 6]]
flat = []
for row in matrix:
    for v in row:
        flat.append(v)
print(flat, sum(flat), max(flat))
queue = [1]
seen = []
while queue:
    n = queue.pop(0)
    seen.append(n)
    if n < 10:
        queue.extend([n * 2, n * 3])
print(seen)
stack = []
for ch in '(()(()))':
    if ch == '(':
        stack.append(ch)
    else:
        stack.pop()
print('balanced', not stack)
