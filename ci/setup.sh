#!/usr/bin/env bash
# Prepares a machine for ci/test.sh and ci/bench.sh: checks the toolchain and installs missing
# apt packages. Idempotent, and quick when everything is already present.
# Usage: bash ci/setup.sh [bench]    ("bench" adds what only ci/bench.sh needs)
set -euo pipefail

die() {
  printf 'ci/setup.sh: %s\n' "$*" >&2
  exit 1
}

apt_updated=0

# need_pkgs PKG...: apt-get install the packages dpkg does not report as installed.
# `apt-get update` runs at most once per invocation, and only when something is missing.
need_pkgs() {
  local missing=() pkg
  for pkg in "$@"; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  command -v apt-get >/dev/null || die "missing packages ${missing[*]} and no apt-get to install them"
  local sudo=()
  [ "$(id -u)" -eq 0 ] || sudo=(sudo)
  if [ "$apt_updated" -eq 0 ]; then
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q
    apt_updated=1
  fi
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
}

check_toolchain() {
  command -v cargo >/dev/null || die "cargo not found: install Rust from https://rustup.rs"
  command -v python3 >/dev/null || die "python3 not found: CPython 3.11 is the test oracle"
  local version
  version=$(python3 -c 'import sys; print("%d.%d" % sys.version_info[:2])')
  [ "$version" = "3.11" ] || die "python3 is $version; the expected outputs come from CPython 3.11.x"
}

check_toolchain
# The real tools the tests drive: gdb (JIT symfiles, backtraces), perf (perf map, jitdump) and
# tmux (the `lucent top` terminal tests).
need_pkgs gdb linux-perf tmux
if [ "${1:-}" = "bench" ]; then
  # GNU time measures peak RSS; any install of it will do.
  [ -x /usr/bin/time ] || need_pkgs time
  # PyPy runs beside CPython in the comparison (compare.py skips engines that are missing).
  need_pkgs pypy3
fi
