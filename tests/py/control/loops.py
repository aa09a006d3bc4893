# for/while with break, continue and else clauses.
for i in range(5):
    if i == 3:
        break
    print('for', i)
else:
    print('not reached')
for i in range(3):
    pass
else:
    print('for-else ran, i =', i)
n = 0
while n < 10:
    n += 1
    if n % 2 == 0:
        continue
    if n > 7:
        break
    print('while', n)
else:
    print('not reached either')
k = 0
while k < 3:
    k += 1
else:
    print('while-else ran, k =', k)
def find(xs, target):
    for i, x in enumerate(xs):
        if x == target:
            break
    else:
        return -1
    return i
print(find([4, 5, 6], 6), find([4, 5, 6], 7), find([], 1))
for i in range(3):
    for j in range(3):
        if j == i:
            break
        print(i, j)
for x in []:
    print('never')
print('done')
