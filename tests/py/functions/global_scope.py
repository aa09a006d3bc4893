# global statements, module-level state and name resolution (LEGB).
counter = 0
def bump():
    global counter
    counter += 1
    return counter
bump(); bump()
print(counter)
def make_global():
    global created
    created = 'made inside'
make_global()
print(created)
x = 'global x'
def shadow():
    x = 'local x'
    return x
print(shadow(), x)
def reads_global():
    return x
print(reads_global())
def unbound():
    print(x)
    x = 1
try:
    unbound()
except UnboundLocalError as e:
    print('UnboundLocalError:', e)
print(isinstance(UnboundLocalError(), NameError))
len = lambda v: 'shadowed builtin'
print(len([1, 2]))
del len
print(len([1, 2]))
print(__name__)
