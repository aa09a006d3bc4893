lucent-gdb.py
# (The first line above is the script's name in .debug_gdb_scripts, not Python.)
#
# lucent's gdb extension, embedded in the lucent binary's .debug_gdb_scripts section and
# auto-loaded by gdb when the binary is on gdb's auto-load safe path (see docs/gdb.md).
#
# lucent-bt: the Python script's call stack (most recent call last) - interpreted and JIT frames
# alike - read from the VM's frame records with memory reads only, through the layout the
# descriptor `lucent_debug` publishes (vm/src/debugger.rs). The innermost frame's line comes from
# the newest JIT trace on the native stack when there is one (exact, from its line table).
import struct

import gdb


def _read(addr, size):
    return bytes(gdb.selected_inferior().read_memory(addr, size))


def _u64(addr):
    return struct.unpack("<Q", _read(addr, 8))[0]


def _u32(addr):
    return struct.unpack("<I", _read(addr, 4))[0]


def _text(ptr, length):
    return _read(ptr, length).decode("utf-8", "replace") if length else ""


def _descriptor_address():
    sym = gdb.lookup_global_symbol("lucent_debug") or gdb.lookup_static_symbol("lucent_debug")
    if sym is not None:
        return int(sym.value().address)
    minsym = gdb.execute("info address lucent_debug", to_string=True)
    # "Symbol "lucent_debug" is at 0x... in a file compiled without debugging."
    for word in minsym.split():
        if word.startswith("0x"):
            return int(word.rstrip("."), 16)
    raise gdb.GdbError("lucent-bt: no lucent_debug symbol (is this lucent?)")


def _innermost_jit_line():
    frame = gdb.newest_frame()
    while frame is not None:
        name = frame.name() or ""
        if name.startswith("py::"):
            sal = frame.find_sal()
            # Traces have line tables; trampolines of interpreted functions do not.
            return sal.line if sal.symtab is not None and sal.line else 0
        if "run_mode" in name:
            return 0
        frame = frame.older()
    return 0


def script_stack():
    """[(file, line, function)] of the running script, outermost first."""
    d = _descriptor_address()
    fields = struct.unpack("<12I", _read(d, 48))
    (version, frames_off, vec_ptr, vec_len, frame_size, frame_code, frame_ip, rc_value,
     code_debug, line_size, line_start, line_line) = fields
    vm = _u64(d + 48)
    if version != 1:
        raise gdb.GdbError("lucent-bt: unknown lucent_debug version %d" % version)
    if vm == 0:
        return []
    frames = vm + frames_off
    data = _u64(frames + 8 * vec_ptr)
    count = _u64(frames + 8 * vec_len)
    stack = []
    for k in range(count):
        frame = data + k * frame_size
        code = _u64(frame + frame_code) + rc_value
        ip = _u64(frame + frame_ip)
        dbg = _u64(code + code_debug)
        name_ptr, name_len, file_ptr, file_len, lines, nlines = struct.unpack(
            "<6Q", _read(dbg, 48))
        line = _u32(dbg + 48)
        pc = max(ip - 1, 0)
        for i in range(nlines):
            row = lines + i * line_size
            if _u32(row + line_start) > pc:
                break
            line = _u32(row + line_line)
        stack.append([_text(file_ptr, file_len), line, _text(name_ptr, name_len)])
    jit_line = _innermost_jit_line()
    if stack and jit_line:
        stack[-1][1] = jit_line
    return stack


class LucentBacktrace(gdb.Command):
    """Print the running Python script's call stack (most recent call last)."""

    def __init__(self):
        super().__init__("lucent-bt", gdb.COMMAND_STACK)

    def invoke(self, arg, from_tty):
        stack = script_stack()
        if not stack:
            gdb.write("lucent-bt: no script is running\n")
            return
        gdb.write("Script stack (most recent call last):\n")
        for file, line, name in stack:
            gdb.write('  File "%s", line %d, in %s\n' % (file, line, name))


LucentBacktrace()
