# A SyntaxError (missing colon): nothing runs, exit status 1.
print('this line must not run')
x = 1
if x == 1
    print('one')
