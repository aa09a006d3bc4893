# chr/ord, bin/hex/oct, callable, id equality and type names.
print(chr(72) + chr(105), ord('A'), ord('z'), ord('\n'), chr(0x263A), ord('\u263a'))
print([chr(c) for c in range(97, 102)], [ord(c) - ord('a') for c in 'hey'])
print(bin(10), hex(3054), oct(64), bin(-3), hex(0), int(bin(77), 2), int(hex(77), 16))
a = [1]
b = a
print(id(a) == id(b), id(a) == id([1]), callable(print), callable(1), callable(str))
print(type(1).__name__, type('').__name__, type([]).__name__, type(None).__name__, type(range(1)).__name__)
print(type(print).__name__, type(lambda: 0).__name__, type(len).__name__, type(type).__name__)
try:
    chr(-1)
except ValueError as e:
    print('ValueError:', e)
try:
    ord('ab')
except TypeError as e:
    print('TypeError:', e)
