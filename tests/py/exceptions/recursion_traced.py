# An exception raised deep in a recursion that runs as a function trace, never caught: the
# traceback lists every level (repeats folded as CPython folds them), as without the JIT.


def down(n, key):
    if n == 0:
        return {"present": 0}[key]
    return down(n - 1, key) + 1


for _ in range(20):
    print(down(100, "present"))
down(150, "missing")
