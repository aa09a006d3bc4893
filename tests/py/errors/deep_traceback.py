# An uncaught KeyError raised four calls deep: the traceback lists every frame.
def lookup(table, key):
    return table[key]
def resolve(name):
    settings = {'host': 'localhost'}
    return lookup(settings, name)
def connect():
    host = resolve('host')
    port = resolve('port')
    return host, port
def main():
    print('starting')
    connect()
    print('not reached')
main()
