# Sourced by the AArch64 scripts: builds with Debian's rustc (which has the aarch64 standard
# library) into its own target directory, links with the cross gcc, runs under qemu-user.
# `-L /` with the multiarch libc6:arm64: with `-L /usr/aarch64-linux-gnu` qemu 7.2 hangs on every
# thread creation (and the VM runs scripts on a thread).
export RUSTC=/usr/bin/rustc
export CARGO_TARGET_AARCH64_UNKNOWN_LINUX_GNU_LINKER=aarch64-linux-gnu-gcc
export CARGO_TARGET_AARCH64_UNKNOWN_LINUX_GNU_RUNNER="qemu-aarch64 -L /"
export CC_aarch64_unknown_linux_gnu=aarch64-linux-gnu-gcc
AARCH64_TARGET=aarch64-unknown-linux-gnu
AARCH64_TARGET_DIR="${AARCH64_TARGET_DIR:-$PWD/target/aarch64}"
aarch64_cargo() {
  cargo "$1" --target "$AARCH64_TARGET" --target-dir "$AARCH64_TARGET_DIR" "${@:2}"
}
