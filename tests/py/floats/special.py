# inf and nan: printing, comparisons and arithmetic.
inf = float('inf')
nan = float('nan')
print(inf, -inf, nan, repr(inf), repr(nan))
print(inf > 1e308, -inf < -1e308, inf == inf, nan == nan, nan != nan)
print(inf + 1, inf - inf, inf * 0, inf * -1, 1 / inf, -1 / inf)
print(nan < 1, nan > 1, nan == 0, [nan][0] is nan)
print(float('Infinity'), float('-INF'), float('NaN'))
print(1e308 * 10, -1e308 * 10, 1e-320 / 1e10)
print(str(inf), str(-inf), f'{inf}', f'{nan:.2f}')
print(max(1.0, inf), min(-inf, 0))
print(inf // 1, inf % 1 != inf % 1)
try:
    print(float(10 ** 400))
except OverflowError as e:
    print('OverflowError:', e)
try:
    int(inf)
except OverflowError as e:
    print('OverflowError:', e)
