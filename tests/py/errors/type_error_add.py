# An uncaught TypeError from adding an int and a str, two frames deep.
def add(a, b):
    return a + b
def total(items):
    result = 0
    for item in items:
        result = add(result, item)
    return result
print(total([1, 2, 3]))
print(total([1, 'two', 3]))
