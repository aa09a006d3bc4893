#!/usr/bin/env python3
"""Regenerate the expected outputs of the conformance corpus by running CPython 3.11.

Usage:
  python3 ci/regen-expected.py            rewrite every expected file
  python3 ci/regen-expected.py --check    write nothing; exit 1 if any expected file is stale
  python3 ci/regen-expected.py SUBSTR...  only scripts whose path (relative to tests/py) contains SUBSTR

This file is the single description of the expected-file format; tests/conformance.rs implements
the same rules and points here.

Running a script
  Every tests/py/**/*.py is run as `python3 REL [ARGS...]` with the working directory tests/py,
  where REL is the script's path relative to tests/py (so tracebacks name e.g. `errors/x.py`),
  stdin empty, and a 60-second limit. ARGS come from an optional first line of the form
  `# args: a b c`: the text after `# args:` split on runs of spaces and tabs (no quoting).
  CPython names the script by its absolute path in tracebacks; that tests/py prefix is removed
  from stderr (`File "/.../tests/py/errors/x.py"` becomes `File "errors/x.py"`), as lucent
  prints the path it was given.
  Each script runs twice, with PYTHONHASHSEED=0 and =1; differing results are an error, since a
  test whose output depends on string hashing (e.g. printing a set of strings) is not portable.

Expected files, beside the script
  NAME.out  always: the exact bytes of stdout.
  NAME.err  only when the exit status is non-zero or stderr is non-empty:
              line 1: `exit: N` (N the decimal exit status)
              then:   stderr, normalized as below.
            No NAME.err means: exit status 0 and empty stderr.

Normalization of stderr (applied to CPython's stderr here and to lucent's by the harness)
  Split the bytes on b"\\n". Drop every line that contains at least one '^' or '~' and otherwise
  only spaces and tabs: these are CPython 3.11's caret lines under traceback source lines, which
  lucent is not required to reproduce. Keep every other line, blank lines included (they separate
  chained tracebacks), and join the rest with b"\\n" again, so a trailing newline is preserved.
"""
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CORPUS = os.path.join(ROOT, "tests", "py")
TIMEOUT_S = 60
HASH_SEEDS = ("0", "1")
CARET_LINE_CHARS = frozenset(b" \t^~")


def normalize_stderr(data: bytes) -> bytes:
    """Drop CPython's caret lines; see the module docstring for the rule."""
    kept = [
        line
        for line in data.split(b"\n")
        if not (set(line) <= CARET_LINE_CHARS and (b"^" in line or b"~" in line))
    ]
    return b"\n".join(kept)


def script_args(path: str) -> list:
    """Extra argv from an optional `# args: ...` first line."""
    with open(path, encoding="utf-8") as f:
        first = f.readline()
    prefix = "# args:"
    return first[len(prefix):].split() if first.startswith(prefix) else []


def discover(filters: list) -> list:
    """Every corpus script as a path relative to tests/py, sorted, '/'-separated."""
    found = []
    for dirpath, dirnames, filenames in os.walk(CORPUS):
        dirnames.sort()
        for name in filenames:
            if name.endswith(".py"):
                rel = os.path.relpath(os.path.join(dirpath, name), CORPUS).replace(os.sep, "/")
                if not filters or any(f in rel for f in filters):
                    found.append(rel)
    return sorted(found)


def child_env(seed: str) -> dict:
    """The caller's environment without PYTHON* settings that could change output."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    env["PYTHONHASHSEED"] = seed
    # Force UTF-8 stdio whatever the CI locale is, so non-ASCII output is stable.
    env["PYTHONUTF8"] = "1"
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    return env


def run(rel: str, seed: str):
    """(exit status, stdout, raw stderr) of one CPython run."""
    args = script_args(os.path.join(CORPUS, rel))
    p = subprocess.run(
        ["python3", rel, *args],
        cwd=CORPUS,
        env=child_env(seed),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        timeout=TIMEOUT_S,
    )
    return p.returncode, p.stdout, p.stderr


def expected_files(rel: str):
    """{path: bytes or None} for NAME.out and NAME.err; None means the file must not exist."""
    code, out, err = run(rel, HASH_SEEDS[0])
    for seed in HASH_SEEDS[1:]:
        if run(rel, seed) != (code, out, err):
            raise SystemExit(f"regen-expected: {rel}: output depends on PYTHONHASHSEED; "
                             "avoid printing sets of strings or other hash-ordered data")
    base = os.path.join(CORPUS, rel[: -len(".py")])
    err_file = None
    if code != 0 or err:
        # CPython 3.9+ reports the script by its absolute path; lucent reports the path it was
        # given. Strip the checkout-specific prefix so the files read `errors/x.py` everywhere.
        err = err.replace(b'"' + CORPUS.encode() + b"/", b'"')
        err_file = f"exit: {code}\n".encode() + normalize_stderr(err)
    return {base + ".out": out, base + ".err": err_file}


def orphans() -> list:
    """Expected files whose script no longer exists."""
    stale = []
    for dirpath, _, filenames in os.walk(CORPUS):
        for name in filenames:
            stem, ext = os.path.splitext(name)
            if ext in (".out", ".err") and not os.path.exists(os.path.join(dirpath, stem + ".py")):
                stale.append(os.path.join(dirpath, name))
    return sorted(stale)


def read_or_none(path: str):
    try:
        with open(path, "rb") as f:
            return f.read()
    except FileNotFoundError:
        return None


def check_python() -> None:
    """Refuse to run unless the `python3` on PATH is CPython 3.11.x: it is the oracle."""
    probe = subprocess.run(
        ["python3", "-c", "import sys, platform; print(platform.python_implementation(), *sys.version_info[:3])"],
        stdout=subprocess.PIPE, text=True, check=True,
    ).stdout.split()
    if probe[:3] != ["CPython", "3", "11"]:
        raise SystemExit(f"regen-expected: python3 is {' '.join(probe)}; expected outputs must come "
                         "from CPython 3.11.x (install python3.11 and put it first on PATH)")


def main() -> int:
    argv = sys.argv[1:]
    check = "--check" in argv
    filters = [a for a in argv if a != "--check"]
    check_python()
    scripts = discover(filters)
    if not scripts:
        raise SystemExit(f"regen-expected: no scripts under {CORPUS} match {filters}")
    stale = []
    for rel in scripts:
        for path, want in expected_files(rel).items():
            if read_or_none(path) == want:
                continue
            stale.append(os.path.relpath(path, ROOT))
            if check:
                continue
            if want is None:
                os.remove(path)
            else:
                with open(path, "wb") as f:
                    f.write(want)
    if not filters:
        for path in orphans():
            stale.append(os.path.relpath(path, ROOT))
            if not check:
                os.remove(path)
    verb = "stale" if check else "updated"
    for path in stale:
        print(f"{verb}: {path}")
    print(f"regen-expected: {len(scripts)} scripts, {len(stale)} files {verb}")
    if check and stale:
        print("regen-expected: run `python3 ci/regen-expected.py` and commit the result", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
