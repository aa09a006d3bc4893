# An uncaught TypeError from calling an int.
handlers = {'x': 5}
def dispatch(name):
    return handlers[name]()
dispatch('x')
