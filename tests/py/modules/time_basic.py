# The time module: only types and monotonicity are checked, never actual times.
import time
t0 = time.time()
m0 = time.monotonic()
p0 = time.perf_counter()
total = 0
for i in range(10000):
    total += i
t1 = time.time()
m1 = time.monotonic()
p1 = time.perf_counter()
print(type(t0).__name__, type(m0).__name__, type(p0).__name__)
print(t1 >= t0, m1 >= m0, p1 >= p0, t0 > 1.6e9)
print(type(time.perf_counter_ns()).__name__, type(time.time_ns()).__name__, time.time_ns() > 0)
time.sleep(0.01)
print(time.monotonic() - m0 >= 0.009, total)
