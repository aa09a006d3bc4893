# args: alpha --beta two words 42
# sys.argv holds the script path followed by the extra arguments; sys.maxsize and friends.
import sys
print(sys.argv)
print(len(sys.argv), sys.argv[0].endswith('sys_argv.py'), sys.argv[1:])
print(sys.maxsize, sys.maxsize == 2 ** 63 - 1, type(sys.argv).__name__)
args = sys.argv[1:]
nums = [int(a) for a in args if a.isdigit()]
print(nums, sum(nums))
