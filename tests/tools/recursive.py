def down(n):
    if n == 0:
        return abs(-7)
    return down(n - 1) + 1


for _ in range(200):
    r = down(50)
print(r)
