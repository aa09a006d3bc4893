/* The GDB JIT interface's two well-known symbols (GDB manual, "JIT Compilation Interface").
 *
 * Both are weak, so when several JITs in one process each define them the linker keeps one
 * and every JIT talks to the same descriptor, the one GDB watches. GDB sets a breakpoint in
 * __jit_debug_register_code: it must exist, not be inlined, and not be optimized away, hence
 * noinline and the empty volatile asm. Rust reaches both only through the accessors below. */

#include <stdint.h>

struct jit_code_entry {
    struct jit_code_entry *next_entry;
    struct jit_code_entry *prev_entry;
    const char *symfile_addr;
    uint64_t symfile_size;
};

struct jit_descriptor {
    uint32_t version;
    uint32_t action_flag; /* 0 JIT_NOACTION, 1 JIT_REGISTER_FN, 2 JIT_UNREGISTER_FN */
    struct jit_code_entry *relevant_entry;
    struct jit_code_entry *first_entry;
};

__attribute__((weak)) struct jit_descriptor __jit_debug_descriptor = {1, 0, 0, 0};

__attribute__((weak, noinline)) void __jit_debug_register_code(void) {
    __asm__ volatile("" ::: "memory");
}

struct jit_descriptor *lucent_jit_debug_descriptor(void) {
    return &__jit_debug_descriptor;
}

void lucent_jit_debug_register_code(void) {
    __jit_debug_register_code();
}
