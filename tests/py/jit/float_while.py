# A while loop mixing float and int arithmetic and comparisons.
def g(n):
    x = 0.0
    i = 0
    while i < n:
        x = x + i * 0.5 - x / 3.0
        i += 1
    return x, i


print(g(500))
print(g(0))
