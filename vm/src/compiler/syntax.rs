//! CPython-shaped syntax errors from ruff's parse errors: the exception class, CPython's wording
//! for the common messages, and the tokenizer-level bracket errors (`'(' was never closed`,
//! unmatched and mismatched closers) that CPython reports in preference to the parser's error.

/// A syntax error as CPython reports it: class name, message, and byte offset it points at.
pub(super) struct Reported {
    pub class: &'static str,
    pub message: String,
    pub at: usize,
}

/// Translates ruff's error `ruff` at byte offset `at` of `src`.
pub(super) fn translate(src: &str, ruff: &str, at: usize) -> Reported {
    let at = at.min(src.len());
    // String errors come from CPython's tokenizer before any bracket check.
    if ruff.starts_with("missing closing quote") {
        let last_line = line_of(src, src.len().saturating_sub(1).max(at));
        let rest = src
            .get(at..)
            .unwrap_or("")
            .trim_start_matches(|c: char| c.is_ascii_alphabetic());
        let triple = rest.starts_with("\"\"\"") || rest.starts_with("'''");
        let what = if triple {
            "unterminated triple-quoted string literal"
        } else {
            "unterminated string literal"
        };
        let detected = if triple { last_line } else { line_of(src, at) };
        return Reported {
            class: "SyntaxError",
            message: format!("{what} (detected at line {detected})"),
            at,
        };
    }
    if let Some(r) = bracket_error(src, at) {
        return r;
    }
    let (class, message) = message(src, ruff, at);
    Reported { class, message, at }
}

/// 1-based line number of byte offset `at`.
fn line_of(src: &str, at: usize) -> usize {
    src.as_bytes()[..at.min(src.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// CPython's class and wording for ruff's message.
fn message(src: &str, ruff: &str, at: usize) -> (&'static str, String) {
    let syntax = |m: &str| ("SyntaxError", m.to_string());
    if let Some(rest) = ruff.strip_prefix("Expected an indented block after ") {
        // CPython names the line of the compound statement's header.
        let what = rest.replace('`', "'");
        let keyword = match what.as_str() {
            "function definition" => "def",
            "class definition" => "class",
            w => w.split('\'').nth(1).unwrap_or(""),
        };
        let line = header_line(src, at, keyword);
        return (
            "IndentationError",
            format!("expected an indented block after {what} on line {line}"),
        );
    }
    match ruff {
        "Unexpected indentation" => return ("IndentationError", "unexpected indent".into()),
        "unindent does not match any outer indentation level" => {
            return ("IndentationError", ruff.into())
        }
        "Unparenthesized generator expression cannot be used here" => {
            return syntax("Generator expression must be parenthesized")
        }
        "Iterable argument unpacking cannot follow keyword argument unpacking" => {
            return syntax("iterable argument unpacking follows keyword argument unpacking")
        }
        "Expected `except` or `finally` after `try` block" => {
            return syntax("expected 'except' or 'finally' block")
        }
        _ => {}
    }
    if ruff.starts_with("Expected `:`") {
        return syntax("expected ':'");
    }
    if ruff.starts_with("Expected `else`") {
        return syntax("expected 'else' after 'if' expression");
    }
    if ruff.starts_with("Expected ")
        || ruff.starts_with("Unexpected token")
        || ruff.starts_with("Got unexpected")
        || ruff.starts_with("Simple statements must be separated")
        || ruff.starts_with("Invalid assignment target")
        || ruff.starts_with("Invalid annotated assignment target")
        || ruff.starts_with("Invalid augmented assignment target")
    {
        return syntax("invalid syntax");
    }
    syntax(ruff)
}

/// The line of the compound statement whose block is missing: the nearest line above the error
/// that starts with `keyword` (else the nearest code line above it).
fn header_line(src: &str, at: usize, keyword: &str) -> usize {
    let err_line = line_of(src, at);
    let lines: Vec<&str> = src.lines().collect();
    let code_above = (1..err_line).rev().filter(|&n| {
        let t = lines.get(n - 1).map_or("", |l| l.trim_start());
        !t.is_empty() && !t.starts_with('#')
    });
    let mut nearest = None;
    for n in code_above {
        nearest.get_or_insert(n);
        let t = lines[n - 1].trim_start();
        let t = t.strip_prefix("async ").unwrap_or(t);
        if !keyword.is_empty()
            && t.starts_with(keyword)
            && !t[keyword.len()..].starts_with(|c: char| c.is_alphanumeric() || c == '_')
        {
            return n;
        }
    }
    nearest.unwrap_or(err_line)
}

/// The bracket errors of CPython's tokenizer, checked over the whole source as CPython does after
/// a parse failure: a closer that matches nothing or the wrong opener (before the parser's error
/// position), or an opener never closed on an earlier line than the error (or at end of input).
fn bracket_error(src: &str, err_at: usize) -> Option<Reported> {
    let bytes = src.as_bytes();
    let mut open: Vec<(u8, usize)> = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        match c {
            b'#' => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
                continue;
            }
            b'\'' | b'"' => {
                let triple = bytes.get(i..i + 3) == Some(&[c, c, c][..]);
                i += if triple { 3 } else { 1 };
                loop {
                    match bytes.get(i) {
                        // An unterminated string is the tokenizer's own error, reported by ruff.
                        None => return None,
                        Some(b'\\') => i += 2,
                        Some(b'\n') if !triple => return None,
                        Some(&q)
                            if q == c
                                && (!triple || bytes.get(i..i + 3) == Some(&[c, c, c][..])) =>
                        {
                            i += if triple { 3 } else { 1 };
                            break;
                        }
                        Some(_) => i += 1,
                    }
                }
                continue;
            }
            b'(' | b'[' | b'{' => open.push((c, i)),
            b')' | b']' | b'}' => {
                let want = match c {
                    b')' => b'(',
                    b']' => b'[',
                    _ => b'{',
                };
                match open.pop() {
                    Some((o, _)) if o == want => {}
                    found if i <= err_at => {
                        let message = match found {
                            None => format!("unmatched '{}'", c as char),
                            Some((o, at)) => {
                                let (ol, cl) = (line_of(src, at), line_of(src, i));
                                let on = if ol == cl {
                                    String::new()
                                } else {
                                    format!(" on line {ol}")
                                };
                                format!("closing parenthesis '{}' does not match opening parenthesis '{}'{on}", c as char, o as char)
                            }
                        };
                        return Some(Reported {
                            class: "SyntaxError",
                            message,
                            at: i,
                        });
                    }
                    _ => return None,
                }
            }
            _ => {}
        }
        i += 1;
    }
    let &(o, at) = open.last()?;
    let at_eof = src.get(err_at..).unwrap_or("").trim().is_empty();
    if line_of(src, at) < line_of(src, err_at) || at_eof {
        return Some(Reported {
            class: "SyntaxError",
            message: format!("'{}' was never closed", o as char),
            at,
        });
    }
    None
}

/// CPython's tokenizer limit on open brackets (`MAXLEVEL`): the 201st nested opener is a
/// SyntaxError ("too many nested parentheses"). ruff parses deeper, so lucent checks it here.
const MAX_BRACKET_NESTING: usize = 200;

/// The position of the first opening bracket nested deeper than CPython allows, if any.
pub(super) fn too_deeply_nested(
    tokens: &[ruff_python_ast::token::Token],
) -> Option<ruff_text_size::TextSize> {
    use ruff_python_ast::token::TokenKind;
    use ruff_text_size::Ranged;
    let mut depth = 0usize;
    for t in tokens {
        match t.kind() {
            TokenKind::Lpar | TokenKind::Lsqb | TokenKind::Lbrace => {
                if depth == MAX_BRACKET_NESTING {
                    return Some(t.start());
                }
                depth += 1;
            }
            TokenKind::Rpar | TokenKind::Rsqb | TokenKind::Rbrace => {
                depth = depth.saturating_sub(1)
            }
            _ => {}
        }
    }
    None
}
