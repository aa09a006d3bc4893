# An uncaught TypeError from calling a function with too many arguments.
def pair(a, b):
    return (a, b)
print(pair(1, 2))
try:
    pair(1)
except TypeError as e:
    print('caught:', e)
pair(1, 2, 3)
