# An exception raised inside a call the JIT inlined into a hot loop: the traceback names every
# frame (the loop's function and the callee, with their lines) exactly as without the JIT.

def ratio(a, b):
    scaled = a * 10
    return scaled // b


def run(n):
    total = 0
    for k in range(n):
        total += ratio(k, n - 1 - k)
    return total


print(run(500))
