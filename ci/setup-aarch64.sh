#!/usr/bin/env bash
# Installs what building for and running on AArch64 needs on an x86_64 Debian 12 machine:
# Debian's rustc-web (1.96, which ships an arm64 standard library, unlike this rustup), the
# arm64 std and libc, the cross linker and binutils, qemu-user, and gdb-multiarch.
# Idempotent, and quick when everything is already present. Sourced by ci/aarch64.sh.
set -euo pipefail

die() {
  printf 'ci/setup-aarch64.sh: %s\n' "$*" >&2
  exit 1
}

sudo=()
[ "$(id -u)" -eq 0 ] || sudo=(sudo)

pkgs=(rustc-web libstd-rust-web-dev:arm64 gcc-aarch64-linux-gnu binutils-aarch64-linux-gnu
  libc6:arm64 libc6-dev:arm64 qemu-user gdb-multiarch)
missing=()
for pkg in "${pkgs[@]}"; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  command -v apt-get >/dev/null || die "missing packages ${missing[*]} and no apt-get to install them"
  if ! dpkg --print-foreign-architectures | grep -qx arm64; then
    "${sudo[@]}" dpkg --add-architecture arm64
  fi
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
fi
[ -x /usr/bin/rustc ] || die "/usr/bin/rustc (Debian's rustc-web) is missing after the install"
[ -d /usr/lib/rustlib/aarch64-unknown-linux-gnu ] \
  || die "Debian's rustc has no aarch64-unknown-linux-gnu standard library (libstd-rust-web-dev:arm64)"
