# An uncaught ZeroDivisionError from integer floor division.
def buckets(n, size):
    return n // size
print(buckets(10, 3))
print(buckets(10, 0))
