//! Temporary: prints ruff's raw parse error for a file.
fn main() {
    let path = std::env::args().nth(1).unwrap();
    let src = std::fs::read_to_string(&path).unwrap();
    match ruff_python_parser::parse_module(&src) { Ok(_) => println!("ok"), Err(e) => println!("{:?} | {}", e.location, e.error) }
}
