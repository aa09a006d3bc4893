//! Methods of `str`, including `str.format`.

use super::{def_method, int_arg, self_str};
use crate::call::Args;
use crate::fmt::template::{self, AutoNumber, FieldAccessor, ItemKey, TemplatePiece};
use crate::object::Obj;
use crate::ops;
use crate::value::Value;
use crate::vm::Vm;
use crate::PyResult;

pub fn install(vm: &mut Vm) {
    let s = vm.types.str_;
    let methods: [(&'static str, crate::object::NativeFn); 41] = [
        ("join", join),
        ("split", split),
        ("rsplit", rsplit),
        ("splitlines", splitlines),
        ("strip", strip),
        ("lstrip", lstrip),
        ("rstrip", rstrip),
        ("replace", replace),
        ("startswith", startswith),
        ("endswith", endswith),
        ("find", find),
        ("rfind", rfind),
        ("index", index),
        ("rindex", rindex),
        ("count", count),
        ("upper", upper),
        ("lower", lower),
        ("casefold", lower),
        ("title", title),
        ("capitalize", capitalize),
        ("swapcase", swapcase),
        ("isdigit", isdigit),
        ("isdecimal", isdigit),
        ("isnumeric", isnumeric),
        ("isalpha", isalpha),
        ("isalnum", isalnum),
        ("isspace", isspace),
        ("isupper", isupper),
        ("islower", islower),
        ("isidentifier", isidentifier),
        ("center", center),
        ("ljust", ljust),
        ("rjust", rjust),
        ("zfill", zfill),
        ("partition", partition),
        ("rpartition", rpartition),
        ("format", format),
        ("expandtabs", expandtabs),
        ("istitle", istitle),
        ("removeprefix", removeprefix),
        ("removesuffix", removesuffix),
    ];
    for (n, f) in methods {
        def_method(vm, s, n, f);
    }
}

fn new_str(vm: &mut Vm, s: String) -> PyResult<Value> {
    Ok(vm.new_str(s))
}

fn str_arg<'a>(vm: &mut Vm, v: Value, what: &str) -> PyResult<&'a str> {
    match vm.str_of(v) {
        Some(s) => Ok(s),
        None => {
            let t = vm.type_name(v);
            Err(vm
                .type_error(format!("{what} arg must be None or str, not {t}").replace("  ", " ")))
        }
    }
}

fn join(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    a.check(vm, "join", 2, 2, &[])?;
    let sep = self_str(vm, a, "join")?;
    let items = vm.collect_iterable(a.pos[1])?;
    let mut out = String::new();
    for (i, x) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(sep);
        }
        match vm.str_of(*x) {
            Some(s) => out.push_str(s),
            None => {
                let t = vm.type_name(*x);
                return Err(vm.type_error(format!(
                    "sequence item {i}: expected str instance, {t} found"
                )));
            }
        }
    }
    new_str(vm, out)
}

fn split_args(vm: &mut Vm, a: &Args, name: &str) -> PyResult<(Option<String>, i64)> {
    a.check(vm, name, 1, 3, &["sep", "maxsplit"])?;
    let sep = match a.get(1).or_else(|| a.kw(vm, "sep")) {
        Some(v) if !v.is_none() => {
            let s = str_arg(vm, v, "must be str or None,")?;
            if s.is_empty() {
                return Err(vm.value_error("empty separator"));
            }
            Some(s.to_string())
        }
        _ => None,
    };
    let max = match a.get(2).or_else(|| a.kw(vm, "maxsplit")) {
        Some(v) => int_arg(vm, v, "")?,
        None => -1,
    };
    Ok((sep, max))
}

fn list_of_strs(vm: &mut Vm, parts: Vec<&str>) -> Value {
    let items: Vec<Value> = parts.into_iter().map(|p| vm.new_str(p)).collect();
    vm.new_list(items)
}

fn split(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = self_str(vm, a, "split")?;
    let (sep, max) = split_args(vm, a, "split")?;
    let max = if max < 0 { usize::MAX } else { max as usize };
    let parts: Vec<&str> = match &sep {
        Some(sep) => s.splitn(max.saturating_add(1), sep.as_str()).collect(),
        None => {
            let mut out = Vec::new();
            let mut rest = s.trim_start();
            while !rest.is_empty() {
                if out.len() == max {
                    out.push(rest);
                    break;
                }
                match rest.find(char::is_whitespace) {
                    Some(i) => {
                        out.push(&rest[..i]);
                        rest = rest[i..].trim_start();
                    }
                    None => {
                        out.push(rest);
                        rest = "";
                    }
                }
            }
            out
        }
    };
    Ok(list_of_strs(vm, parts))
}

fn rsplit(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = self_str(vm, a, "rsplit")?;
    let (sep, max) = split_args(vm, a, "rsplit")?;
    let max = if max < 0 { usize::MAX } else { max as usize };
    let mut parts: Vec<&str> = match &sep {
        Some(sep) => s.rsplitn(max.saturating_add(1), sep.as_str()).collect(),
        None => {
            let mut out = Vec::new();
            let mut rest = s.trim_end();
            while !rest.is_empty() {
                if out.len() == max {
                    out.push(rest);
                    break;
                }
                match rest.rfind(char::is_whitespace) {
                    Some(i) => {
                        let w = rest[i..].chars().next().map_or(1, char::len_utf8);
                        out.push(&rest[i + w..]);
                        rest = rest[..i].trim_end();
                    }
                    None => {
                        out.push(rest);
                        rest = "";
                    }
                }
            }
            out
        }
    };
    parts.reverse();
    Ok(list_of_strs(vm, parts))
}

fn splitlines(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    a.check(vm, "splitlines", 1, 2, &["keepends"])?;
    let s = self_str(vm, a, "splitlines")?;
    let keep = match a.get(1).or_else(|| a.kw(vm, "keepends")) {
        Some(v) => ops::truthy(vm, v)?,
        None => false,
    };
    let mut parts = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (pos, c) = chars[i];
        let is_break = matches!(
            c,
            '\n' | '\r'
                | '\x0b'
                | '\x0c'
                | '\x1c'
                | '\x1d'
                | '\x1e'
                | '\u{85}'
                | '\u{2028}'
                | '\u{2029}'
        );
        if is_break {
            let mut end = pos + c.len_utf8();
            if c == '\r' && i + 1 < chars.len() && chars[i + 1].1 == '\n' {
                end += 1;
                i += 1;
            }
            parts.push(if keep { &s[start..end] } else { &s[start..pos] });
            start = end;
        }
        i += 1;
    }
    if start < s.len() {
        parts.push(&s[start..]);
    }
    Ok(list_of_strs(vm, parts))
}

fn strip_impl(vm: &mut Vm, a: &Args, name: &str, left: bool, right: bool) -> PyResult<Value> {
    a.check(vm, name, 1, 2, &[])?;
    let s = self_str(vm, a, name)?;
    let chars: Option<Vec<char>> = match a.get(1) {
        Some(v) if !v.is_none() => Some(str_arg(vm, v, name)?.chars().collect()),
        _ => None,
    };
    let pred = |c: char| match &chars {
        Some(cs) => cs.contains(&c),
        None => c.is_whitespace(),
    };
    let mut r = s;
    if left {
        r = r.trim_start_matches(pred);
    }
    if right {
        r = r.trim_end_matches(pred);
    }
    if r.len() == s.len() {
        return Ok(a.pos[0]);
    }
    new_str(vm, r.to_string())
}

fn strip(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    strip_impl(vm, a, "strip", true, true)
}
fn lstrip(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    strip_impl(vm, a, "lstrip", true, false)
}
fn rstrip(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    strip_impl(vm, a, "rstrip", false, true)
}

fn replace(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    a.check(vm, "replace", 3, 4, &[])?;
    let s = self_str(vm, a, "replace")?;
    let old = str_arg(vm, a.pos[1], "replace()")?;
    let new = str_arg(vm, a.pos[2], "replace()")?;
    let count = match a.get(3) {
        Some(v) => int_arg(vm, v, "")?,
        None => -1,
    };
    let r = if count < 0 {
        s.replace(old, new)
    } else {
        s.replacen(old, new, count as usize)
    };
    new_str(vm, r)
}

/// Resolves optional `start, end` arguments (in characters) to a byte range of `s`.
fn char_range(vm: &mut Vm, s: &str, a: &Args, from: usize) -> PyResult<Option<(usize, usize)>> {
    let n = s.chars().count() as i64;
    let get = |vm: &mut Vm, i: usize, default: i64| -> PyResult<i64> {
        match a.get(i) {
            Some(v) if !v.is_none() => {
                let x = int_arg(vm, v, "")?;
                Ok(if x < 0 { (x + n).max(0) } else { x.min(n) })
            }
            _ => Ok(default),
        }
    };
    let start = get(vm, from, 0)?;
    let end = get(vm, from + 1, n)?;
    if start > end {
        return Ok(None);
    }
    let byte = |c: i64| s.char_indices().nth(c as usize).map_or(s.len(), |(b, _)| b);
    Ok(Some((byte(start), byte(end))))
}

fn affix(vm: &mut Vm, a: &Args, name: &str, prefix: bool) -> PyResult<Value> {
    a.check(vm, name, 2, 4, &[])?;
    let s = self_str(vm, a, name)?;
    let Some((lo, hi)) = char_range(vm, s, a, 2)? else {
        return Ok(Value::FALSE);
    };
    let sub = &s[lo..hi];
    let test = |p: &str| {
        if prefix {
            sub.starts_with(p)
        } else {
            sub.ends_with(p)
        }
    };
    match a.pos[1].as_obj() {
        Some(Obj::Tuple(t)) => {
            for x in t.iter() {
                match vm.str_of(*x) {
                    Some(p) if test(p) => return Ok(Value::TRUE),
                    Some(_) => {}
                    None => {
                        let tn = vm.type_name(*x);
                        return Err(vm.type_error(format!(
                            "tuple for {name} must only contain str, not {tn}"
                        )));
                    }
                }
            }
            Ok(Value::FALSE)
        }
        _ => match vm.str_of(a.pos[1]) {
            Some(p) => Ok(Value::bool(test(p))),
            None => {
                let tn = vm.type_name(a.pos[1]);
                Err(vm.type_error(format!(
                    "{name} first arg must be str or a tuple of str, not {tn}"
                )))
            }
        },
    }
}

fn remove_affix(vm: &mut Vm, a: &Args, name: &str, prefix: bool) -> PyResult<Value> {
    a.check(vm, name, 2, 2, &[])?;
    let s = self_str(vm, a, name)?;
    let Some(p) = vm.str_of(a.pos[1]) else {
        let tn = vm.type_name(a.pos[1]);
        return Err(vm.type_error(format!("{name}() argument must be str, not {tn}")));
    };
    let r = if prefix {
        s.strip_prefix(p)
    } else {
        s.strip_suffix(p)
    };
    match r {
        Some(r) if !p.is_empty() => new_str(vm, r.to_string()),
        _ => Ok(a.pos[0]),
    }
}

fn removeprefix(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    remove_affix(vm, a, "removeprefix", true)
}
fn removesuffix(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    remove_affix(vm, a, "removesuffix", false)
}

fn startswith(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    affix(vm, a, "startswith", true)
}
fn endswith(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    affix(vm, a, "endswith", false)
}

/// Character index of `sub` in `s[start:end]`, searching from the left or right.
fn find_impl(vm: &mut Vm, a: &Args, name: &str, right: bool) -> PyResult<i64> {
    a.check(vm, name, 2, 4, &[])?;
    let s = self_str(vm, a, name)?;
    let sub = match vm.str_of(a.pos[1]) {
        Some(x) => x,
        None => {
            let t = vm.type_name(a.pos[1]);
            return Err(vm.type_error(format!("must be str, not {t}")));
        }
    };
    let Some((lo, hi)) = char_range(vm, s, a, 2)? else {
        return Ok(-1);
    };
    let hay = &s[lo..hi];
    let found = if right { hay.rfind(sub) } else { hay.find(sub) };
    Ok(match found {
        Some(b) => s[..lo + b].chars().count() as i64,
        None => -1,
    })
}

fn find(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let i = find_impl(vm, a, "find", false)?;
    Ok(vm.new_int(i))
}
fn rfind(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let i = find_impl(vm, a, "rfind", true)?;
    Ok(vm.new_int(i))
}
fn index(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    match find_impl(vm, a, "index", false)? {
        -1 => Err(vm.value_error("substring not found")),
        i => Ok(vm.new_int(i)),
    }
}
fn rindex(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    match find_impl(vm, a, "rindex", true)? {
        -1 => Err(vm.value_error("substring not found")),
        i => Ok(vm.new_int(i)),
    }
}

fn count(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    a.check(vm, "count", 2, 4, &[])?;
    let s = self_str(vm, a, "count")?;
    let sub = str_arg(vm, a.pos[1], "count()")?;
    let Some((lo, hi)) = char_range(vm, s, a, 2)? else {
        return Ok(Value::int_unchecked(0));
    };
    let hay = &s[lo..hi];
    let n = if sub.is_empty() {
        hay.chars().count() + 1
    } else {
        hay.matches(sub).count()
    };
    Ok(vm.new_int(n as i64))
}

fn map_str(vm: &mut Vm, a: &Args, name: &str, f: fn(&str) -> String) -> PyResult<Value> {
    a.check(vm, name, 1, 1, &[])?;
    let s = self_str(vm, a, name)?;
    new_str(vm, f(s))
}

fn upper(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    map_str(vm, a, "upper", str::to_uppercase)
}
fn lower(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    map_str(vm, a, "lower", str::to_lowercase)
}
fn title(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    map_str(vm, a, "title", |s| {
        let mut out = String::with_capacity(s.len());
        let mut prev_cased = false;
        for c in s.chars() {
            if prev_cased {
                out.extend(c.to_lowercase());
            } else {
                out.extend(c.to_uppercase());
            }
            prev_cased = c.is_alphabetic();
        }
        out
    })
}
fn capitalize(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    map_str(vm, a, "capitalize", |s| {
        let mut cs = s.chars();
        match cs.next() {
            Some(f) => f
                .to_uppercase()
                .chain(cs.flat_map(char::to_lowercase))
                .collect(),
            None => String::new(),
        }
    })
}
fn swapcase(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    map_str(vm, a, "swapcase", |s| {
        s.chars()
            .flat_map(|c| {
                if c.is_uppercase() {
                    c.to_lowercase().collect::<Vec<_>>()
                } else {
                    c.to_uppercase().collect()
                }
            })
            .collect()
    })
}

fn pred_str(vm: &mut Vm, a: &Args, name: &str, f: fn(&str) -> bool) -> PyResult<Value> {
    a.check(vm, name, 1, 1, &[])?;
    let s = self_str(vm, a, name)?;
    Ok(Value::bool(f(s)))
}

fn isdigit(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    pred_str(vm, a, "isdigit", |s| {
        !s.is_empty() && s.chars().all(|c| c.is_ascii_digit())
    })
}
fn isnumeric(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    pred_str(vm, a, "isnumeric", |s| {
        !s.is_empty() && s.chars().all(char::is_numeric)
    })
}
fn isalpha(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    pred_str(vm, a, "isalpha", |s| {
        !s.is_empty() && s.chars().all(char::is_alphabetic)
    })
}
fn isalnum(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    pred_str(vm, a, "isalnum", |s| {
        !s.is_empty() && s.chars().all(char::is_alphanumeric)
    })
}
fn isspace(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    pred_str(vm, a, "isspace", |s| {
        !s.is_empty() && s.chars().all(char::is_whitespace)
    })
}
fn isupper(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    pred_str(vm, a, "isupper", |s| {
        s.chars().any(char::is_uppercase) && !s.chars().any(char::is_lowercase)
    })
}
fn islower(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    pred_str(vm, a, "islower", |s| {
        s.chars().any(char::is_lowercase) && !s.chars().any(char::is_uppercase)
    })
}
fn isidentifier(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    pred_str(vm, a, "isidentifier", |s| {
        let mut cs = s.chars();
        matches!(cs.next(), Some(c) if c == '_' || c.is_alphabetic())
            && cs.all(|c| c == '_' || c.is_alphanumeric())
    })
}
fn istitle(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    pred_str(vm, a, "istitle", |s| {
        let mut prev_cased = false;
        let mut any = false;
        for c in s.chars() {
            if c.is_uppercase() {
                if prev_cased {
                    return false;
                }
                prev_cased = true;
                any = true;
            } else if c.is_lowercase() {
                if !prev_cased {
                    return false;
                }
                prev_cased = true;
                any = true;
            } else {
                prev_cased = false;
            }
        }
        any
    })
}

fn pad_args(vm: &mut Vm, a: &Args, name: &str) -> PyResult<(usize, char)> {
    a.check(vm, name, 2, 3, &[])?;
    let w = int_arg(vm, a.pos[1], "")?.max(0) as usize;
    let fill = match a.get(2) {
        Some(v) => {
            let f = vm.str_of(v).unwrap_or("");
            let mut cs = f.chars();
            match (cs.next(), cs.next()) {
                (Some(c), None) => c,
                _ => {
                    return Err(
                        vm.type_error("The fill character must be exactly one character long")
                    )
                }
            }
        }
        None => ' ',
    };
    Ok((w, fill))
}

fn center(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = self_str(vm, a, "center")?;
    let (w, fill) = pad_args(vm, a, "center")?;
    let n = s.chars().count();
    if w <= n {
        return Ok(a.pos[0]);
    }
    let marg = w - n;
    let left = marg / 2 + (marg & w & 1);
    let f = |k: usize| std::iter::repeat_n(fill, k).collect::<String>();
    new_str(vm, format!("{}{s}{}", f(left), f(marg - left)))
}
fn ljust(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = self_str(vm, a, "ljust")?;
    let (w, fill) = pad_args(vm, a, "ljust")?;
    let n = s.chars().count();
    let pad: String = std::iter::repeat_n(fill, w.saturating_sub(n)).collect();
    new_str(vm, format!("{s}{pad}"))
}
fn rjust(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = self_str(vm, a, "rjust")?;
    let (w, fill) = pad_args(vm, a, "rjust")?;
    let n = s.chars().count();
    let pad: String = std::iter::repeat_n(fill, w.saturating_sub(n)).collect();
    new_str(vm, format!("{pad}{s}"))
}
fn zfill(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    a.check(vm, "zfill", 2, 2, &[])?;
    let s = self_str(vm, a, "zfill")?;
    let w = int_arg(vm, a.pos[1], "")?.max(0) as usize;
    let n = s.chars().count();
    if w <= n {
        return Ok(a.pos[0]);
    }
    let zeros = "0".repeat(w - n);
    let r = match s.chars().next() {
        Some(c @ ('+' | '-')) => format!("{c}{zeros}{}", &s[1..]),
        _ => format!("{zeros}{s}"),
    };
    new_str(vm, r)
}

fn partition_impl(vm: &mut Vm, a: &Args, name: &str, right: bool) -> PyResult<Value> {
    a.check(vm, name, 2, 2, &[])?;
    let s = self_str(vm, a, name)?;
    let sep = str_arg(vm, a.pos[1], "")?;
    if sep.is_empty() {
        return Err(vm.value_error("empty separator"));
    }
    let found = if right { s.rfind(sep) } else { s.find(sep) };
    let parts: [&str; 3] = match found {
        Some(i) => [&s[..i], sep, &s[i + sep.len()..]],
        None if right => ["", "", s],
        None => [s, "", ""],
    };
    let items: Vec<Value> = parts.iter().map(|p| vm.new_str(*p)).collect();
    Ok(vm.new_tuple(items))
}

fn partition(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    partition_impl(vm, a, "partition", false)
}
fn rpartition(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    partition_impl(vm, a, "rpartition", true)
}

fn expandtabs(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    a.check(vm, "expandtabs", 1, 2, &["tabsize"])?;
    let s = self_str(vm, a, "expandtabs")?;
    let ts = match a.get(1).or_else(|| a.kw(vm, "tabsize")) {
        Some(v) => int_arg(vm, v, "")?,
        None => 8,
    };
    let mut out = String::new();
    let mut col = 0i64;
    for c in s.chars() {
        match c {
            '\t' => {
                if ts > 0 {
                    let n = ts - col % ts;
                    out.extend(std::iter::repeat_n(' ', n as usize));
                    col += n;
                }
            }
            '\n' | '\r' => {
                out.push(c);
                col = 0;
            }
            c => {
                out.push(c);
                col += 1;
            }
        }
    }
    new_str(vm, out)
}

/// `str.format(*args, **kwargs)`.
fn format(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let s = self_str(vm, a, "format")?.to_string();
    let mut auto = AutoNumber::new();
    let out = expand_template(vm, &s, a, &mut auto, 2)?;
    new_str(vm, out)
}

fn expand_template(
    vm: &mut Vm,
    s: &str,
    a: &Args,
    auto: &mut AutoNumber,
    depth: u32,
) -> PyResult<String> {
    if depth == 0 {
        return Err(vm.value_error(template::MSG_MAX_RECURSION));
    }
    let mut out = String::new();
    for piece in template::TemplateParser::new(s) {
        let piece = piece.map_err(|m| vm.value_error(m))?;
        let field = match piece {
            TemplatePiece::Literal(l) => {
                out.push_str(&l);
                continue;
            }
            TemplatePiece::Field(f) => f,
        };
        if let Some(e) = &field.name.rest_error {
            return Err(vm.value_error(e.clone()));
        }
        let mut v = match auto
            .resolve(&field.name.first)
            .map_err(|m| vm.value_error(m))?
        {
            template::ArgRef::Index(i) => match a.get(i + 1) {
                Some(v) => v,
                None => {
                    return Err(vm.index_error(format!(
                        "Replacement index {i} out of range for positional args tuple"
                    )));
                }
            },
            template::ArgRef::Name(n) => match a.kw(vm, n) {
                Some(v) => v,
                None => {
                    let k = vm.new_str(n);
                    return Err(vm.key_error(k));
                }
            },
        };
        for acc in &field.name.rest {
            v = match acc {
                FieldAccessor::Attr(n) => {
                    let k = vm.intern(n);
                    crate::attr::get_attr(vm, v, k)?
                }
                FieldAccessor::Item(ItemKey::Index(i)) => {
                    let k = vm.new_int(*i as i64);
                    ops::getitem(vm, v, k)?
                }
                FieldAccessor::Item(ItemKey::Name(n)) => {
                    let k = vm.new_str(n.as_str());
                    ops::getitem(vm, v, k)?
                }
            };
        }
        v = match field.conversion {
            Some('r') => crate::repr::repr_value(vm, v)?,
            Some('s') => crate::repr::str_value(vm, v)?,
            Some('a') => crate::repr::ascii_value(vm, v)?,
            _ => v,
        };
        let spec = if field.spec_needs_expanding {
            expand_template(vm, &field.spec, a, auto, depth - 1)?
        } else {
            field.spec.clone()
        };
        vm.temp_roots.push(v);
        let r = if spec.is_empty() {
            crate::repr::str_string(vm, v)
        } else {
            super::format_str_spec(vm, v, &spec)
        };
        vm.temp_roots.pop();
        out.push_str(&r?);
    }
    Ok(out)
}
