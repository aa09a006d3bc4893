# getattr/setattr/hasattr/delattr with defaults, and attribute errors on user classes.
class Config:
    debug = False
    def __init__(self):
        self.level = 3
c = Config()
print(getattr(c, 'level'), getattr(c, 'debug'), getattr(c, 'missing', 'dflt'), hasattr(c, 'level'), hasattr(c, 'nope'))
setattr(c, 'level', 5)
setattr(c, 'name', 'cfg')
print(c.level, c.name, Config.debug)
delattr(c, 'name')
print(hasattr(c, 'name'))
for name in ['level', 'debug']:
    setattr(c, name, getattr(c, name) or 'set')
print(c.level, c.debug, Config.debug)
try:
    getattr(c, 'absent')
except AttributeError as e:
    print('AttributeError:', e)
try:
    Config.absent
except AttributeError as e:
    print('AttributeError:', e)
class Dyn:
    def __getattr__(self, name):
        if name.startswith('x_'):
            return name[2:].upper()
        raise AttributeError(f'no {name}')
d = Dyn()
print(d.x_hello, getattr(d, 'x_a'), hasattr(d, 'y'), getattr(d, 'y', None))
print(getattr(5, 'real'), hasattr([], 'append'), getattr('abc', 'upper')())
print(type(c).__name__, type(Config).__name__, type(len).__name__, type(print).__name__)
print(callable(Config), callable(c), callable(len), callable(lambda: 0), callable(3))
