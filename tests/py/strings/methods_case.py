# Case conversion and character-class predicates.
s = 'Hello, World! 123'
print(s.upper(), s.lower(), s.swapcase(), s.title(), s.capitalize())
print('hello world'.title(), "they're bill's".title(), 'ABC def'.capitalize())
for t in ['123', 'abc', 'ABC', 'aBc1', '', ' ', '12.5', 'Title Case', 'x y']:
    print(repr(t), t.isdigit(), t.isalpha(), t.isalnum(), t.isspace(),
          t.isupper(), t.islower(), t.istitle(), t.isdecimal(), t.isnumeric())
print('abc'.isidentifier(), '1abc'.isidentifier(), '_x1'.isidentifier())
print('straße'.upper(), 'ÀÉÎ'.lower(), 'ÿ'.upper())
