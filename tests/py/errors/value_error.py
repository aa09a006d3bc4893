# An uncaught ValueError from int() on a non-numeric string, inside a loop.
def parse_all(values):
    return [int(v) for v in values]
print(parse_all(['1', '2']))
for chunk in [['3'], ['4', 'abc']]:
    print(parse_all(chunk))
