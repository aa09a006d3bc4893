# Single inheritance, method overriding, super(), isinstance and issubclass.
class Animal:
    sound = '...'
    def __init__(self, name):
        self.name = name
    def speak(self):
        return f'{self.name} says {self.sound}'
    def kind(self):
        return 'animal'
class Dog(Animal):
    sound = 'woof'
    def __init__(self, name, tricks):
        super().__init__(name)
        self.tricks = tricks
    def kind(self):
        return 'dog/' + super().kind()
class Puppy(Dog):
    def speak(self):
        return super().speak() + '!'
a, d, p = Animal('generic'), Dog('rex', ['sit']), Puppy('bit', [])
for x in (a, d, p):
    print(x.speak(), x.kind(), type(x).__name__)
print(isinstance(p, Dog), isinstance(p, Animal), isinstance(d, Puppy), isinstance(a, (int, Animal)))
print(issubclass(Puppy, Animal), issubclass(Animal, Dog), issubclass(Dog, Dog), issubclass(bool, int))
print(issubclass(Dog, object), issubclass(Puppy, (int, Dog)))
print(p.tricks, d.tricks, Puppy.sound)
class Base:
    def template(self):
        return 'base:' + self.hook()
    def hook(self):
        return 'default'
class Derived(Base):
    def hook(self):
        return 'override'
print(Base().template(), Derived().template())
class Shape:
    def area(self):
        raise NotImplementedError('subclass must implement area')
class Sq(Shape):
    def __init__(self, s):
        self.s = s
    def area(self):
        return self.s ** 2
print(Sq(3).area())
try:
    Shape().area()
except NotImplementedError as e:
    print('NotImplementedError:', e)
print([c.__name__ for c in Puppy.__mro__])
