# The math module: constants and common functions.
import math
print(math.pi, math.e, math.tau, math.inf, -math.inf, math.isnan(math.nan))
print(math.sqrt(16), math.sqrt(2), math.floor(3.7), math.ceil(3.2), math.floor(-3.5), math.ceil(-3.5))
print(math.trunc(-2.9), math.fabs(-3), math.factorial(20), math.gcd(48, 18), math.gcd(0, 5))
print(math.pow(2, 10), math.exp(1), math.log(math.e), math.log(8, 2), math.log10(1000), math.log2(1024))
print(math.sin(0), math.cos(0), round(math.sin(math.pi / 2), 12), math.atan2(1, 1), math.hypot(3, 4))
print(math.degrees(math.pi), math.radians(180), math.isclose(0.1 + 0.2, 0.3), math.isinf(1e309))
print(math.isqrt(17), math.comb(10, 3), math.perm(5, 2), math.prod([1, 2, 3, 4]), math.fsum([0.1] * 10))
print(math.copysign(3, -0.0), math.fmod(-7, 3), math.modf(2.5), math.floor(2 ** 70 + 0.5) == 2 ** 70)
print(type(math.floor(2.5)).__name__, type(math.sqrt(4)).__name__)
try:
    math.sqrt(-1)
except ValueError as e:
    print('ValueError:', e)
try:
    math.log(0)
except ValueError as e:
    print('ValueError:', e)
try:
    math.factorial(-1)
except ValueError as e:
    print('ValueError:', e)
