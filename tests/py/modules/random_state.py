# Re-seeding reproduces a sequence; int seeds of any sign and size are accepted.
import random
random.seed(42)
first = [random.random() for _ in range(3)]
random.seed(42)
print(first == [random.random() for _ in range(3)], first)
print(random.randint(0, 100), random.choice('xyz'), random.uniform(10, 20))
random.seed(7)
a = [random.randrange(1, 50) for _ in range(6)]
random.seed(7)
b = [random.randrange(1, 50) for _ in range(6)]
print(a, a == b)
random.seed(-7)
print(random.random())
random.seed(2 ** 80 + 3)
print(random.random(), random.randint(1, 10))
random.seed(99)
rolls = [random.randint(1, 6) for _ in range(600)]
print([rolls.count(face) for face in range(1, 7)])
random.seed(5)
items = ['a', 'b', 'c', 'd', 'e']
random.shuffle(items)
print(items, random.randrange(0, 100, 5), random.randrange(-50, 50))
