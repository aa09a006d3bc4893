# 70 functions, each with a loop that becomes a trace: more traces than one GDB symfile batch
# holds (64), so the gdb tests see traces from a merged batch and from the open one.

def f0(n):
    s = 0
    for i in range(n):
        s += i * 1
    return s

def f1(n):
    s = 0
    for i in range(n):
        s += i * 2
    return s

def f2(n):
    s = 0
    for i in range(n):
        s += i * 3
    return s

def f3(n):
    s = 0
    for i in range(n):
        s += i * 4
    return s

def f4(n):
    s = 0
    for i in range(n):
        s += i * 5
    return s

def f5(n):
    s = 0
    for i in range(n):
        s += i * 6
    return s

def f6(n):
    s = 0
    for i in range(n):
        s += i * 7
    return s

def f7(n):
    s = 0
    for i in range(n):
        s += i * 8
    return s

def f8(n):
    s = 0
    for i in range(n):
        s += i * 9
    return s

def f9(n):
    s = 0
    for i in range(n):
        s += i * 10
    return s

def f10(n):
    s = 0
    for i in range(n):
        s += i * 11
    return s

def f11(n):
    s = 0
    for i in range(n):
        s += i * 12
    return s

def f12(n):
    s = 0
    for i in range(n):
        s += i * 13
    return s

def f13(n):
    s = 0
    for i in range(n):
        s += i * 14
    return s

def f14(n):
    s = 0
    for i in range(n):
        s += i * 15
    return s

def f15(n):
    s = 0
    for i in range(n):
        s += i * 16
    return s

def f16(n):
    s = 0
    for i in range(n):
        s += i * 17
    return s

def f17(n):
    s = 0
    for i in range(n):
        s += i * 18
    return s

def f18(n):
    s = 0
    for i in range(n):
        s += i * 19
    return s

def f19(n):
    s = 0
    for i in range(n):
        s += i * 20
    return s

def f20(n):
    s = 0
    for i in range(n):
        s += i * 21
    return s

def f21(n):
    s = 0
    for i in range(n):
        s += i * 22
    return s

def f22(n):
    s = 0
    for i in range(n):
        s += i * 23
    return s

def f23(n):
    s = 0
    for i in range(n):
        s += i * 24
    return s

def f24(n):
    s = 0
    for i in range(n):
        s += i * 25
    return s

def f25(n):
    s = 0
    for i in range(n):
        s += i * 26
    return s

def f26(n):
    s = 0
    for i in range(n):
        s += i * 27
    return s

def f27(n):
    s = 0
    for i in range(n):
        s += i * 28
    return s

def f28(n):
    s = 0
    for i in range(n):
        s += i * 29
    return s

def f29(n):
    s = 0
    for i in range(n):
        s += i * 30
    return s

def f30(n):
    s = 0
    for i in range(n):
        s += i * 31
    return s

def f31(n):
    s = 0
    for i in range(n):
        s += i * 32
    return s

def f32(n):
    s = 0
    for i in range(n):
        s += i * 33
    return s

def f33(n):
    s = 0
    for i in range(n):
        s += i * 34
    return s

def f34(n):
    s = 0
    for i in range(n):
        s += i * 35
    return s

def f35(n):
    s = 0
    for i in range(n):
        s += i * 36
    return s

def f36(n):
    s = 0
    for i in range(n):
        s += i * 37
    return s

def f37(n):
    s = 0
    for i in range(n):
        s += i * 38
    return s

def f38(n):
    s = 0
    for i in range(n):
        s += i * 39
    return s

def f39(n):
    s = 0
    for i in range(n):
        s += i * 40
    return s

def f40(n):
    s = 0
    for i in range(n):
        s += i * 41
    return s

def f41(n):
    s = 0
    for i in range(n):
        s += i * 42
    return s

def f42(n):
    s = 0
    for i in range(n):
        s += i * 43
    return s

def f43(n):
    s = 0
    for i in range(n):
        s += i * 44
    return s

def f44(n):
    s = 0
    for i in range(n):
        s += i * 45
    return s

def f45(n):
    s = 0
    for i in range(n):
        s += i * 46
    return s

def f46(n):
    s = 0
    for i in range(n):
        s += i * 47
    return s

def f47(n):
    s = 0
    for i in range(n):
        s += i * 48
    return s

def f48(n):
    s = 0
    for i in range(n):
        s += i * 49
    return s

def f49(n):
    s = 0
    for i in range(n):
        s += i * 50
    return s

def f50(n):
    s = 0
    for i in range(n):
        s += i * 51
    return s

def f51(n):
    s = 0
    for i in range(n):
        s += i * 52
    return s

def f52(n):
    s = 0
    for i in range(n):
        s += i * 53
    return s

def f53(n):
    s = 0
    for i in range(n):
        s += i * 54
    return s

def f54(n):
    s = 0
    for i in range(n):
        s += i * 55
    return s

def f55(n):
    s = 0
    for i in range(n):
        s += i * 56
    return s

def f56(n):
    s = 0
    for i in range(n):
        s += i * 57
    return s

def f57(n):
    s = 0
    for i in range(n):
        s += i * 58
    return s

def f58(n):
    s = 0
    for i in range(n):
        s += i * 59
    return s

def f59(n):
    s = 0
    for i in range(n):
        s += i * 60
    return s

def f60(n):
    s = 0
    for i in range(n):
        s += i * 61
    return s

def f61(n):
    s = 0
    for i in range(n):
        s += i * 62
    return s

def f62(n):
    s = 0
    for i in range(n):
        s += i * 63
    return s

def f63(n):
    s = 0
    for i in range(n):
        s += i * 64
    return s

def f64(n):
    s = 0
    for i in range(n):
        s += i * 65
    return s

def f65(n):
    s = 0
    for i in range(n):
        s += i * 66
    return s

def f66(n):
    s = 0
    for i in range(n):
        s += i * 67
    return s

def f67(n):
    s = 0
    for i in range(n):
        s += i * 68
    return s

def f68(n):
    s = 0
    for i in range(n):
        s += i * 69
    return s

def f69(n):
    s = 0
    for i in range(n):
        s += i * 70
    return s

total = 0
total += f0(200)
total += f1(200)
total += f2(200)
total += f3(200)
total += f4(200)
total += f5(200)
total += f6(200)
total += f7(200)
total += f8(200)
total += f9(200)
total += f10(200)
total += f11(200)
total += f12(200)
total += f13(200)
total += f14(200)
total += f15(200)
total += f16(200)
total += f17(200)
total += f18(200)
total += f19(200)
total += f20(200)
total += f21(200)
total += f22(200)
total += f23(200)
total += f24(200)
total += f25(200)
total += f26(200)
total += f27(200)
total += f28(200)
total += f29(200)
total += f30(200)
total += f31(200)
total += f32(200)
total += f33(200)
total += f34(200)
total += f35(200)
total += f36(200)
total += f37(200)
total += f38(200)
total += f39(200)
total += f40(200)
total += f41(200)
total += f42(200)
total += f43(200)
total += f44(200)
total += f45(200)
total += f46(200)
total += f47(200)
total += f48(200)
total += f49(200)
total += f50(200)
total += f51(200)
total += f52(200)
total += f53(200)
total += f54(200)
total += f55(200)
total += f56(200)
total += f57(200)
total += f58(200)
total += f59(200)
total += f60(200)
total += f61(200)
total += f62(200)
total += f63(200)
total += f64(200)
total += f65(200)
total += f66(200)
total += f67(200)
total += f68(200)
total += f69(200)
print(total)
