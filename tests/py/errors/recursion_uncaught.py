# Uncaught RecursionError: the traceback collapses the repeated frames.
def recurse(n):
    return recurse(n + 1)
print('recursing')
recurse(0)
