# sys.exit(3): exit status 3, stdout kept, nothing on stderr.
import sys
def finish():
    print('finishing with status 3')
    sys.exit(3)
finish()
print('not reached')
