# List items and instance attributes in loops.
class Stats:
    def __init__(self):
        self.total = 0
        self.peak = 0


def scan(values, rounds):
    st = Stats()
    n = len(values)
    for _ in range(rounds):
        i = 0
        while i < n:
            v = values[i]
            st.total = st.total + v
            if v > st.peak:
                st.peak = v
            values[i] = v + 1
            i += 1
    return st.total, st.peak


print(scan(list(range(1000)), 6000))
