# Comparing deeply nested containers raises RecursionError instead of crashing.
a = []
b = []
for i in range(5000):
    a = [a]
    b = [b]
try:
    print(a == b)
except RecursionError as e:
    print("RecursionError:", e)

t = u = ()
for i in range(5000):
    t = (t, i)
    u = (u, i)
try:
    print(t < u)
except RecursionError as e:
    print("RecursionError:", e)
print(a is a, [[1]] == [[1]])
