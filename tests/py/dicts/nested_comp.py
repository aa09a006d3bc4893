# Nested dicts, dict comprehensions and counting/grouping idioms.
squares = {n: n * n for n in range(6)}
print(squares)
evens = {k: v for k, v in squares.items() if k % 2 == 0}
print(evens)
inverted = {v: k for k, v in {'a': 1, 'b': 2}.items()}
print(inverted)
words = ['apple', 'avocado', 'banana', 'blueberry', 'cherry']
groups = {}
for w in words:
    groups.setdefault(w[0], []).append(w)
print(groups)
counts = {}
for ch in 'abracadabra':
    counts[ch] = counts.get(ch, 0) + 1
print(counts, max(counts, key=counts.get))
leaf_c = {'name': 'c', 'children': []}
tree = {'name': 'root', 'children': [{'name': 'a', 'children': []}, {'name': 'b', 'children': [leaf_c]}]}
def walk(node, depth=0):
    print('  ' * depth + node['name'])
    for child in node['children']:
        walk(child, depth + 1)
walk(tree)
config = {'db': {'host': 'localhost', 'port': 5432}}
config['db']['port'] += 1
print(config, config['db'].get('user', 'anon'))
matrix = {(i, j): i * j for i in range(3) for j in range(3) if i <= j}
print(matrix)
