# List indexing read and written inline by traces: negative indices, growth while indexing,
# a tuple where a list was, and an index out of range (IndexError with CPython's traceback
# text, caught here).


def window_sums(xs, w):
    out = []
    for i in range(w, len(xs)):
        out.append(xs[i] - xs[i - w] + xs[-1 - (i % 3)])
    return out


def reverse_in_place(xs):
    i = 0
    j = -1
    while i < len(xs) // 2:
        xs[i], xs[j] = xs[j], xs[i]
        i += 1
        j -= 1
    return xs


def grow_and_read(n):
    xs = [1]
    total = 0
    for i in range(n):
        xs.append(xs[i] * 2 % 1009)
        total += xs[-1] + xs[i // 2]
    return total


def mixed_sequences(seqs):
    total = 0
    for s in seqs:
        total += s[0] + s[-1]
    return total


def out_of_range(xs, n):
    total = 0
    for i in range(n):
        total += xs[i]
    return total


xs = [k * k % 97 for k in range(400)]
print(sum(window_sums(xs, 5)))
print(reverse_in_place(list(range(301)))[:5])
print(grow_and_read(500))
seqs = [[k, k + 1] for k in range(300)] + [(5, 6)] + [[k] for k in range(100)]
print(mixed_sequences(seqs))
floats = [k / 4 for k in range(200)]
fs = [0.0] * 200
for k in range(200):
    fs[k] = floats[k] * 2 + fs[k - 1]
print(fs[-1])
print(out_of_range(list(range(300)), 300))
try:
    out_of_range(list(range(300)), 301)
except IndexError as e:
    print("IndexError:", e)
