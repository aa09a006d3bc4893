//! Temporary disassembler for debugging.
use lucent_vm::*;
fn dump(c: &code::Code, vm: &vm::Vm) {
    println!("== code {:?}", vm.str_of(c.name));
    for i in 0..c.instrs.len() { let ins = c.instr(i); println!("{i:4} {:?} {}", ins.op, ins.arg); }
    for e in c.exc_table.iter() { println!("exc {:?}", e); }
    for ch in c.children.iter() { dump(ch, vm); }
}
fn main() {
    let path = std::env::args().nth(1).unwrap();
    let src = std::fs::read_to_string(&path).unwrap();
    let mut vm = vm::Vm::new(0);
    match compiler::compile_module(&mut vm, &src, &path) { Ok(c) => dump(&c, &vm), Err(_) => println!("err") }
}
