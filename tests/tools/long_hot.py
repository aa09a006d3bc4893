# The script the monitor tests watch: hot loops the JIT compiles (`work`'s loop, line 10 its
# header, 11-12 its body, with a branch that becomes a side exit), an interpreted function
# (`tally`), and a bound on its life: it stops after ~SECONDS (argv[1], default 20) so a test
# that forgets to kill it cannot leave it running forever.
import sys
import time


def work(n):
    s = 0.0
    for i in range(n):
        s += i * 0.5
        if i % 3 == 0:
            s -= 1.0
    return s


def tally(n):
    d = {}
    for i in range(n):
        d[i % 7] = d.get(i % 7, 0) + 1
    return d


def main():
    seconds = float(sys.argv[1]) if len(sys.argv) > 1 else 20.0
    end = time.time() + seconds
    t = 0.0
    rounds = 0
    while time.time() < end:
        t += work(200000)
        tally(20000)
        rounds += 1
    print(rounds > 0)


main()
