# sys.exit(0) ends the program cleanly; finally blocks still run; SystemExit can be caught.
import sys
try:
    sys.exit(5)
except SystemExit as e:
    print('caught SystemExit', e.code, e.args)
try:
    sys.exit('message')
except SystemExit as e:
    print('caught with message:', e.code)
print(isinstance(SystemExit(), Exception), issubclass(SystemExit, BaseException))
try:
    print('exiting')
    sys.exit(0)
finally:
    print('finally runs on exit')
print('never printed')
