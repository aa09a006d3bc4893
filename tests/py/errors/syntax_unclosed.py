# A SyntaxError from an unclosed bracket: nothing runs.
print('this line must not run')
values = [1, 2,
          3, 4
total = 0
