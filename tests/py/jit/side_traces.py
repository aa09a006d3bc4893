# Hot exits get side traces: branches the loop's recording did not take, type changes in the
# middle of a loop, nested side exits (a side trace's own exits), and loops left early.


def alternating(n):
    s = 0
    for i in range(n):
        if i % 3 == 0:
            s += i
        elif i % 3 == 1:
            s -= 1
        else:
            s += 2 * i
    return s


def phases(n):
    # The branch flips halfway: the recorded path turns cold, the other one hot.
    total = 0
    for i in range(n):
        if i < n // 2:
            total += 1
        else:
            total += 3
    return total


def floats_then_ints(n):
    acc = 0.0
    for i in range(n):
        if i % 4 == 0:
            acc += 0.5
        else:
            acc += i
    return acc


def early_exit(xs, limit):
    count = 0
    for x in xs:
        if x > limit:
            break
        if x % 2:
            count += x
        else:
            count -= 1
    return count


def while_branches(n):
    i = 0
    a = 0
    b = 0
    while i < n:
        if i & 1:
            a += i
        else:
            b += i
        i += 1
    return a, b


for k in range(3):
    print(alternating(1000 + k), phases(600 + k), floats_then_ints(500 + k))
print(early_exit(list(range(2000)), 1500), early_exit([1, 3, 5] * 300, 4))
print(while_branches(3001))
