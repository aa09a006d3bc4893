# from-imports, aliases and module attribute access.
from math import sqrt, pi
from math import floor as fl, ceil
import math as m
import math
print(sqrt(81), pi, fl(2.5), ceil(2.1), m.sqrt(4.0))
print(m is math, sqrt is math.sqrt, type(math).__name__, math.__name__)
def area(r):
    return pi * r * r
print(round(area(2), 6))
import sys, math as mm
print(mm.gcd(12, 8), sys.maxsize)
try:
    from math import not_a_function
except ImportError as e:
    # The message ends with the module's file location, which differs between builds.
    print('ImportError:', str(e).split(' (')[0])
print(hasattr(math, 'sqrt'), hasattr(math, 'nope'), getattr(math, 'pi') == pi)
