//! Compiles the GDB JIT interface shim (`src/gdb_jit.c`).

fn main() {
    println!("cargo::rerun-if-changed=src/gdb_jit.c");
    cc::Build::new()
        .file("src/gdb_jit.c")
        .opt_level(2)
        .compile("lucent_gdb_jit");
}
