# Branches inside a loop: guards on either side, and/or/not, side exits taken and retaken.
def classify(n):
    small = big = odd = 0
    for i in range(n):
        if i < 100 and not i % 2 == 0:
            small += 1
        elif i >= 900 or i % 7 == 3:
            big += 1
        else:
            odd -= 1
    return small, big, odd


print(classify(1000))
print(classify(150))
