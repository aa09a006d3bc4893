# An uncaught AttributeError on an int, raised from a method.
class Wrapper:
    def __init__(self, value):
        self.value = value
    def describe(self):
        return self.value.foo
w = Wrapper(5)
print(w.value)
print(w.describe())
