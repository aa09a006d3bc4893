# An uncaught TypeError from subscripting None returned by a function.
def find(items, target):
    for i in items:
        if i == target:
            return [i]
first = find([1, 2], 3)[0]
