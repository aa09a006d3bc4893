# Integer arithmetic in counted and while loops (what the JIT compiles today).
def collatz_steps(limit):
    total = 0
    for n in range(1, limit):
        x = n
        steps = 0
        while x != 1:
            if x % 2 == 0:
                x = x // 2
            else:
                x = 3 * x + 1
            steps += 1
        total += steps
    return total


def sum_mod(n):
    s = 0
    for i in range(n):
        s += (i * i) % 7 + (i ^ (i | 1)) - (i & 3)
    return s


print(collatz_steps(60000))
print(sum_mod(3000000))
