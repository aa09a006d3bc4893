# An uncaught IndexError from reading past the end of a list.
def last_plus_one(xs):
    return xs[len(xs)]
data = [1, 2, 3]
print(data[-1])
print(last_plus_one(data))
