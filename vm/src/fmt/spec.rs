//! The format-spec mini-language (`format()`, `str.format`, f-strings) for int, float and str.

use num_bigint::{BigInt, Sign};
use num_traits::{Signed, ToPrimitive};

use super::float_repr::{double_to_string, DtoaFlags, FloatStyle};

/// Exception class a formatting error message must be raised as.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorClass {
    /// `ValueError(msg)`: the default for every message not listed below.
    Value,
    /// `OverflowError(msg)`.
    Overflow,
    /// `MemoryError()` with no arguments; signalled by an empty message.
    Memory,
}

/// Message for a value that does not fit in a C long (`OverflowError`).
pub const MSG_C_LONG: &str = "Python int too large to convert to C long";
/// Message for `'c'` arguments outside `range(0x110000)` (`OverflowError`).
pub const MSG_C_RANGE: &str = "%c arg not in range(0x110000)";
/// Message for ints too large for a float conversion (`OverflowError`).
pub const MSG_INT_TO_FLOAT: &str = "int too large to convert to float";
/// Message for `%`-format integer precisions near `INT_MAX` (`OverflowError`).
pub const MSG_PRECISION_TOO_LARGE: &str = "precision too large";

/// Classifies an `Err` message produced anywhere in `crate::fmt` into the
/// exception class CPython raises for it.
pub fn error_class(msg: &str) -> ErrorClass {
    match msg {
        "" => ErrorClass::Memory,
        MSG_C_LONG | MSG_C_RANGE | MSG_INT_TO_FLOAT | MSG_PRECISION_TOO_LARGE => {
            ErrorClass::Overflow
        }
        _ => ErrorClass::Value,
    }
}

/// Allocates an empty string able to hold `len` bytes, or fails with the
/// `MemoryError` message (`""`) instead of aborting the process.
pub fn alloc_output(len: usize) -> Result<String, String> {
    let mut s = String::new();
    s.try_reserve(len).map_err(|_| String::new())?;
    Ok(s)
}

/// Zero digits of every Unicode `Nd` run (each run holds the values 0..=9).
const DECIMAL_ZEROS: &[u32] = &[
    0x30, 0x660, 0x6F0, 0x7C0, 0x966, 0x9E6, 0xA66, 0xAE6, 0xB66, 0xBE6, 0xC66, 0xCE6, 0xD66,
    0xDE6, 0xE50, 0xED0, 0xF20, 0x1040, 0x1090, 0x17E0, 0x1810, 0x1946, 0x19D0, 0x1A80, 0x1A90,
    0x1B50, 0x1BB0, 0x1C40, 0x1C50, 0xA620, 0xA8D0, 0xA900, 0xA9D0, 0xA9F0, 0xAA50, 0xABF0, 0xFF10,
    0x104A0, 0x10D30, 0x11066, 0x110F0, 0x11136, 0x111D0, 0x112F0, 0x11450, 0x114D0, 0x11650,
    0x116C0, 0x11730, 0x118E0, 0x11950, 0x11C50, 0x11D50, 0x11DA0, 0x16A60, 0x16AC0, 0x16B50,
    0x1D7CE, 0x1D7D8, 0x1D7E2, 0x1D7EC, 0x1D7F6, 0x1E140, 0x1E2F0, 0x1E950, 0x1FBF0,
];

/// Decimal value of `c` as CPython's `Py_UNICODE_TODECIMAL` sees it (any
/// Unicode decimal digit, e.g. `'٣'` is 3), or `None`.
pub fn decimal_value(c: char) -> Option<u32> {
    let cp = c as u32;
    let idx = DECIMAL_ZEROS.partition_point(|&z| z <= cp);
    let zero = *DECIMAL_ZEROS.get(idx.checked_sub(1)?)?;
    let d = cp - zero;
    (d < 10).then_some(d)
}

/// Thousands grouping requested by a spec.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Grouping {
    /// `','`.
    Comma,
    /// `'_'`.
    Underscore,
}

/// A parsed format spec:
/// `[[fill]align][sign]["z"]["#"]["0"][width][grouping]["." precision][type]`.
///
/// Type-dependent validation (an over-long spec, `','` with a wrong type) is
/// deferred to the `format_*` functions, which know the type name and the
/// default presentation type; their error order matches CPython's.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FormatSpec {
    /// Fill character (`' '` unless given, `'0'` for the `0` flag).
    pub fill: char,
    /// Explicit alignment (`<`, `>`, `^`, `=`), if any.
    pub align: Option<char>,
    /// Explicit sign option (`+`, `-`, `' '`), if any.
    pub sign: Option<char>,
    /// `z`: coerce negative zero to positive (floats only).
    pub no_neg_0: bool,
    /// `#`: alternate form.
    pub alternate: bool,
    /// The `0` flag was given without an explicit fill; numbers then default
    /// to `=` alignment.
    pub zero_pad: bool,
    /// Minimum field width.
    pub width: Option<usize>,
    /// Thousands separator option.
    pub grouping: Option<Grouping>,
    /// Precision after `.`.
    pub precision: Option<usize>,
    /// Presentation type character, if any.
    pub ty: Option<char>,
    /// The whole spec text, for error messages.
    pub raw: String,
    /// More than one character was left where the type was expected; every
    /// `format_*` call then fails with "Invalid format specifier ...".
    pub invalid: bool,
}

fn is_align(c: char) -> bool {
    matches!(c, '<' | '>' | '=' | '^')
}

/// Parses decimal digits at `*pos`; returns `(digits consumed, value)`.
fn get_integer(chars: &[char], pos: &mut usize) -> Result<(usize, usize), String> {
    let mut acc: i64 = 0;
    let mut n = 0;
    while let Some(d) = chars.get(*pos).and_then(|&c| decimal_value(c)) {
        let d = i64::from(d);
        if acc > (i64::MAX - d) / 10 {
            return Err("Too many decimal digits in format string".to_string());
        }
        acc = acc * 10 + d;
        *pos += 1;
        n += 1;
    }
    Ok((n, acc as usize))
}

/// Parses a format spec. Errors (CPython's `ValueError` messages): "Too many
/// decimal digits in format string", "Cannot specify both ',' and '_'.",
/// "Format specifier missing precision".
pub fn parse_format_spec(spec: &str) -> Result<FormatSpec, String> {
    let c: Vec<char> = spec.chars().collect();
    let end = c.len();
    let mut pos = 0;
    let mut fs = FormatSpec {
        fill: ' ',
        align: None,
        sign: None,
        no_neg_0: false,
        alternate: false,
        zero_pad: false,
        width: None,
        grouping: None,
        precision: None,
        ty: None,
        raw: spec.to_string(),
        invalid: false,
    };
    let mut fill_specified = false;
    if end >= 2 && is_align(c[1]) {
        fs.align = Some(c[1]);
        fs.fill = c[0];
        fill_specified = true;
        pos = 2;
    } else if end >= 1 && is_align(c[0]) {
        fs.align = Some(c[0]);
        pos = 1;
    }
    if let Some(&s) = c.get(pos).filter(|&&s| matches!(s, '+' | '-' | ' ')) {
        fs.sign = Some(s);
        pos += 1;
    }
    if c.get(pos) == Some(&'z') {
        fs.no_neg_0 = true;
        pos += 1;
    }
    if c.get(pos) == Some(&'#') {
        fs.alternate = true;
        pos += 1;
    }
    if !fill_specified && c.get(pos) == Some(&'0') {
        fs.fill = '0';
        fs.zero_pad = true;
        pos += 1;
    }
    let (n, width) = get_integer(&c, &mut pos)?;
    if n > 0 {
        fs.width = Some(width);
    }
    if c.get(pos) == Some(&',') {
        fs.grouping = Some(Grouping::Comma);
        pos += 1;
    }
    let both = "Cannot specify both ',' and '_'.";
    if c.get(pos) == Some(&'_') {
        if fs.grouping.is_some() {
            return Err(both.to_string());
        }
        fs.grouping = Some(Grouping::Underscore);
        pos += 1;
    }
    if c.get(pos) == Some(&',') && fs.grouping == Some(Grouping::Underscore) {
        return Err(both.to_string());
    }
    if c.get(pos) == Some(&'.') {
        pos += 1;
        let (n, precision) = get_integer(&c, &mut pos)?;
        if n == 0 {
            return Err("Format specifier missing precision".to_string());
        }
        fs.precision = Some(precision);
    }
    match end - pos {
        0 => {}
        1 => fs.ty = Some(c[pos]),
        _ => fs.invalid = true,
    }
    Ok(fs)
}

/// Renders a presentation-type character the way CPython's error messages do.
fn type_char_text(ty: char) -> String {
    let cp = ty as u32;
    if cp > 32 && cp < 128 {
        ty.to_string()
    } else {
        format!("\\x{cp:x}")
    }
}

fn unknown_type(ty: char, type_name: &str) -> String {
    format!(
        "Unknown format code '{}' for object of type '{}'",
        type_char_text(ty),
        type_name
    )
}

/// Fully resolved layout options for one formatting call.
struct Layout {
    fill: char,
    align: char,
    sign: Option<char>,
    width: i64,
    /// Separator and group size; `None` for no grouping.
    group: Option<(char, usize)>,
}

impl FormatSpec {
    /// Performs the deferred checks: over-long spec, then separator/type
    /// compatibility (`ty` is the effective presentation type).
    fn validate(&self, ty: char, type_name: &str) -> Result<Option<(char, usize)>, String> {
        if self.invalid {
            return Err(format!(
                "Invalid format specifier '{}' for object of type '{}'",
                self.raw, type_name
            ));
        }
        let Some(grouping) = self.grouping else {
            return Ok(None);
        };
        let sep = match grouping {
            Grouping::Comma => ',',
            Grouping::Underscore => '_',
        };
        match ty {
            'd' | 'e' | 'f' | 'g' | 'E' | 'G' | '%' | 'F' | '\0' => Ok(Some((sep, 3))),
            'b' | 'o' | 'x' | 'X' if grouping == Grouping::Underscore => Ok(Some((sep, 4))),
            _ => Err(format!(
                "Cannot specify '{}' with '{}'.",
                sep,
                type_char_text(ty)
            )),
        }
    }

    fn layout(&self, default_align: char, group: Option<(char, usize)>) -> Layout {
        let align = self
            .align
            .unwrap_or(if self.zero_pad && default_align == '>' {
                '='
            } else {
                default_align
            });
        Layout {
            fill: self.fill,
            align,
            sign: self.sign,
            width: self.width.map_or(-1, |w| w.min(i64::MAX as usize) as i64),
            group,
        }
    }
}

/// Port of CPython's `_PyUnicode_InsertThousandsGrouping`: groups ASCII
/// `digits` from the right, left-padding with zeros up to `min_width`.
fn group_digits(digits: &str, min_width: i64, group: Option<(char, usize)>) -> String {
    let bytes = digits.as_bytes();
    let mut min_width = min_width.max(0);
    let mut remaining = bytes.len() as i64;
    let mut pos = bytes.len();
    // (zeros, chars, separator-after) from right to left.
    let mut chunks: Vec<(i64, &str, bool)> = Vec::new();
    let mut use_sep = false;
    let mut finished = false;
    let mut take = |len: i64, remaining: &mut i64, use_sep: bool| {
        let n_zeros = (len - *remaining).max(0);
        let n_chars = (*remaining).min(len).max(0) as usize;
        let start = pos - n_chars;
        chunks.push((n_zeros, &digits[start..pos], use_sep));
        pos = start;
        *remaining -= n_chars as i64;
    };
    if let Some((_, size)) = group {
        let size = size as i64;
        loop {
            let len = size.min(remaining.max(min_width).max(1));
            take(len, &mut remaining, use_sep);
            use_sep = true;
            min_width -= len;
            if remaining <= 0 && min_width <= 0 {
                finished = true;
                break;
            }
            min_width -= 1;
        }
    }
    if !finished {
        let len = remaining.max(min_width).max(1);
        take(len, &mut remaining, use_sep);
    }
    let sep = group.map_or(',', |(c, _)| c);
    let mut out = String::new();
    for &(zeros, chars, sep_after) in chunks.iter().rev() {
        out.extend(std::iter::repeat_n('0', zeros as usize));
        out.push_str(chars);
        if sep_after {
            out.push(sep);
        }
    }
    out
}

/// Port of CPython's `calc_number_widths` + `fill_number`. `digits` are the
/// ASCII integer digits (may be empty), followed by an optional `.` and the
/// `remainder` text.
fn layout_number(
    lay: &Layout,
    negative: bool,
    prefix: &str,
    digits: &str,
    has_decimal: bool,
    remainder: &str,
) -> Result<String, String> {
    let sign = match lay.sign {
        Some('+') => Some(if negative { '-' } else { '+' }),
        Some(' ') => Some(if negative { '-' } else { ' ' }),
        _ => negative.then_some('-'),
    };
    let n_prefix = prefix.chars().count() as i64;
    let n_remainder = remainder.chars().count() as i64;
    let n_non_digit = i64::from(sign.is_some()) + n_prefix + i64::from(has_decimal) + n_remainder;
    let min_width = if lay.fill == '0' && lay.align == '=' {
        lay.width.saturating_sub(n_non_digit)
    } else {
        0
    };
    let mut out = alloc_output(
        (lay.width.max(0) as usize)
            .saturating_mul(lay.fill.len_utf8())
            .saturating_add(2 * digits.len() + remainder.len() + 16),
    )?;
    let grouped = if digits.is_empty() {
        String::new()
    } else {
        group_digits(digits, min_width, lay.group)
    };
    let n_padding = lay.width - (n_non_digit + grouped.len() as i64);
    let (mut lpad, mut spad, mut rpad) = (0, 0, 0);
    if n_padding > 0 {
        match lay.align {
            '<' => rpad = n_padding,
            '^' => {
                lpad = n_padding / 2;
                rpad = n_padding - lpad;
            }
            '=' => spad = n_padding,
            _ => lpad = n_padding,
        }
    }
    let fill = |out: &mut String, n: i64| out.extend(std::iter::repeat_n(lay.fill, n as usize));
    fill(&mut out, lpad);
    if let Some(s) = sign {
        out.push(s);
    }
    out.push_str(prefix);
    fill(&mut out, spad);
    out.push_str(&grouped);
    if has_decimal {
        out.push('.');
    }
    out.push_str(remainder);
    fill(&mut out, rpad);
    Ok(out)
}

/// `format(v, spec)` for an `int`; see [`format_int_as`].
pub fn format_int(v: &BigInt, spec: &FormatSpec) -> Result<String, String> {
    format_int_as(v, spec, "int")
}

/// `int.__format__` for an object whose type is named `type_name` (e.g.
/// `"bool"` for `True`). Types `b c d o x X n` (default `d`) format the
/// integer; `e E f F g G %` convert it to float first. The caller must
/// return `str(obj)` itself for an empty spec (matters for subclasses).
/// Errors are CPython's messages; classify them with [`error_class`].
pub fn format_int_as(v: &BigInt, spec: &FormatSpec, type_name: &str) -> Result<String, String> {
    let ty = spec.ty.unwrap_or('d');
    let group = spec.validate(ty, type_name)?;
    match ty {
        'b' | 'c' | 'd' | 'o' | 'x' | 'X' | 'n' => format_long(v, spec, ty, group),
        'e' | 'E' | 'f' | 'F' | 'g' | 'G' | '%' => {
            let f = v.to_f64().filter(|f| f.is_finite());
            let f = f.ok_or_else(|| MSG_INT_TO_FLOAT.to_string())?;
            format_float_inner(f, spec, ty, group)
        }
        _ => Err(unknown_type(ty, type_name)),
    }
}

fn format_long(
    v: &BigInt,
    spec: &FormatSpec,
    ty: char,
    group: Option<(char, usize)>,
) -> Result<String, String> {
    if spec.precision.is_some() {
        return Err("Precision not allowed in integer format specifier".to_string());
    }
    if spec.no_neg_0 {
        return Err(
            "Negative zero coercion (z) not allowed in integer format specifier".to_string(),
        );
    }
    let lay = spec.layout('>', if ty == 'n' { None } else { group });
    if ty == 'c' {
        if spec.sign.is_some() {
            return Err("Sign not allowed with integer format specifier 'c'".to_string());
        }
        if spec.alternate {
            return Err(
                "Alternate form (#) not allowed with integer format specifier 'c'".to_string(),
            );
        }
        let x = v.to_i64().ok_or_else(|| MSG_C_LONG.to_string())?;
        if !(0..=0x10ffff).contains(&x) {
            return Err(MSG_C_RANGE.to_string());
        }
        let ch = char::from_u32(x as u32)
            .ok_or_else(|| format!("%c arg {x:#x} is a lone surrogate (unsupported)"))?;
        return layout_number(&lay, false, "", "", false, &ch.to_string());
    }
    let (radix, prefix) = match ty {
        'b' => (2, "0b"),
        'o' => (8, "0o"),
        'x' => (16, "0x"),
        'X' => (16, "0X"),
        _ => (10, ""),
    };
    let mut digits = v.abs().to_str_radix(radix);
    if ty == 'X' {
        digits.make_ascii_uppercase();
    }
    let prefix = if spec.alternate { prefix } else { "" };
    let negative = v.sign() == Sign::Minus;
    layout_number(&lay, negative, prefix, &digits, false, "")
}

/// `format(v, spec)` for a `float`; see [`format_float_as`].
pub fn format_float(v: f64, spec: &FormatSpec) -> Result<String, String> {
    format_float_as(v, spec, "float")
}

/// `float.__format__` for an object whose type is named `type_name`. Types
/// `e E f F g G n %` and none: with no type and no precision the digits are
/// `repr`'s; with a precision it is `g`-like but keeps at least one digit
/// after the point (`format(1.0, '.3') == '1.0'`).
pub fn format_float_as(v: f64, spec: &FormatSpec, type_name: &str) -> Result<String, String> {
    let ty = spec.ty.unwrap_or('\0');
    let group = spec.validate(ty, type_name)?;
    match ty {
        '\0' | 'e' | 'E' | 'f' | 'F' | 'g' | 'G' | 'n' | '%' => {
            format_float_inner(v, spec, ty, group)
        }
        _ => Err(unknown_type(ty, type_name)),
    }
}

/// Port of CPython's `format_float_internal`; `ty` is `'\0'` for no type.
fn format_float_inner(
    v: f64,
    spec: &FormatSpec,
    ty: char,
    group: Option<(char, usize)>,
) -> Result<String, String> {
    if spec.precision.is_some_and(|p| p > i32::MAX as usize) {
        return Err("precision too big".to_string());
    }
    let mut flags = DtoaFlags {
        alt: spec.alternate,
        no_neg_0: spec.no_neg_0,
        ..DtoaFlags::default()
    };
    let mut code = ty;
    let mut default_precision = 6;
    if code == '\0' {
        flags.add_dot_0 = true;
        code = 'r';
        default_precision = 0;
    }
    if code == 'n' {
        code = 'g';
    }
    let mut val = v;
    let add_pct = code == '%';
    if add_pct {
        code = 'f';
        val *= 100.0;
    }
    let precision = match spec.precision {
        None => default_precision,
        Some(p) => {
            if code == 'r' {
                code = 'g';
            }
            p
        }
    };
    let (style, upper) = FloatStyle::from_code(code).unwrap_or((FloatStyle::Repr, false));
    // Only layouts that pad to `precision` can produce huge output.
    if precision > 10_000 && (style != FloatStyle::General || spec.alternate) {
        alloc_output(precision.saturating_add(400))?;
    }
    let mut buf = double_to_string(val, style, precision, upper, flags);
    if add_pct {
        buf.push('%');
    }
    let (negative, body) = match buf.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, buf.as_str()),
    };
    let n_int = body.bytes().take_while(u8::is_ascii_digit).count();
    let (digits, rest) = body.split_at(n_int);
    let (has_decimal, remainder) = match rest.strip_prefix('.') {
        Some(r) => (true, r),
        None => (false, rest),
    };
    let lay = spec.layout('>', if ty == 'n' { None } else { group });
    layout_number(&lay, negative, "", digits, has_decimal, remainder)
}

/// `format(v, spec)` for a `str`; see [`format_str_as`].
pub fn format_str(v: &str, spec: &FormatSpec) -> Result<String, String> {
    format_str_as(v, spec, "str")
}

/// `str.__format__` for an object whose type is named `type_name`. Only
/// types `s` and none; left-aligned by default; precision truncates.
pub fn format_str_as(v: &str, spec: &FormatSpec, type_name: &str) -> Result<String, String> {
    let ty = spec.ty.unwrap_or('s');
    spec.validate(ty, type_name)?;
    if ty != 's' {
        return Err(unknown_type(ty, type_name));
    }
    match spec.sign {
        Some(' ') => return Err("Space not allowed in string format specifier".to_string()),
        Some(_) => return Err("Sign not allowed in string format specifier".to_string()),
        None => {}
    }
    if spec.no_neg_0 {
        return Err(
            "Negative zero coercion (z) not allowed in string format specifier".to_string(),
        );
    }
    if spec.alternate {
        return Err("Alternate form (#) not allowed in string format specifier".to_string());
    }
    if spec.align == Some('=') {
        return Err("'=' alignment not allowed in string format specifier".to_string());
    }
    let lay = spec.layout('<', None);
    let mut len = v.chars().count();
    let mut text = v;
    if let Some(p) = spec.precision.filter(|&p| p < len) {
        let cut = v.char_indices().nth(p).map_or(v.len(), |(i, _)| i);
        text = &v[..cut];
        len = p;
    }
    let total = (lay.width.max(0) as usize).max(len);
    let lpad = match lay.align {
        '>' => total - len,
        '^' => (total - len) / 2,
        _ => 0,
    };
    let rpad = total - len - lpad;
    let mut out = alloc_output(
        text.len()
            .saturating_add((total - len).saturating_mul(lay.fill.len_utf8())),
    )?;
    out.extend(std::iter::repeat_n(lay.fill, lpad));
    out.push_str(text);
    out.extend(std::iter::repeat_n(lay.fill, rpad));
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use num_bigint::BigInt;

    /// Runs one case the way the VM would, producing "ok:<text>" or
    /// "<ExceptionClass>:<message>" like the generator below.
    fn outcome(r: Result<String, String>) -> String {
        match r {
            Ok(s) => format!("ok:{s}"),
            Err(m) => match error_class(&m) {
                ErrorClass::Value => format!("ValueError:{m}"),
                ErrorClass::Overflow => format!("OverflowError:{m}"),
                ErrorClass::Memory => "MemoryError:".to_string(),
            },
        }
    }

    // Tables generated by python3 (CPython 3.11.7): `python3 gen_spec.py` where
    // gen_spec.py is:
    // from common import *
    // ints = [0, -1, 42, 255, -1234567, 2**70, 65, 0x110000, 2**64, 2**1024]
    // ispecs = ['', 'd', '>10', '<10', '^10', '=10', '*^11', '+d', ' d', '-d', '08d', '08', '+08', ',', '_',
    //   '010,', '09,', '08,', '_x', '_b', '#_b', 'x', 'X', '#x', '#X', '#o', 'o', 'b', '#b', '#010b', 'c', '+c',
    //   '#c', '>5c', 'n', ',n', '.2', 'z', 'e', '.2f', '%', '.2%', 'g', 'E', ',f', 'q', 'xx', ',s', '_c', '0=+12,',
    //   'x<8X', '\x01', ',_', '_,', '.', '1.', '99999999999999999999999', '_o', ',x', '#012_x', '-^+#012,', 'é>6', '0<6', '0>6',
    //   '0^7', ' 07_']
    // fvals = [0.0, -0.0, 1.0, -1.5, 0.125, 1234.5, 1234567.891, 1e16, 1e-7, float('nan'),
    //   -float('inf'), 1/3, 5e-324, 2.675, -0.0001]
    // fspecs = ['', '.3', '.2', '.0', '10', '<10', '^10.2f', '=+12.3', '08.2f', '+.3e', 'e', 'E', 'f', 'F', 'g', 'G',
    //   '.3g', '#.3g', '#g', '.2%', '%', ',', ',.2f', '_.3f', '012,.2f', 'n', '.3n', 'z', 'z.1f', ' ', '+', '#',
    //   '#.0f', '#.0e', '.0e', 'd', 'x', 's', 'c', 'xx', ',n', '010', '010.3', '*>+10.2e', '.17g', '.20f', '_', 'z.0f',
    //   '.3000000000f', '#.0', '+z08.1f', '^', '=', '0=12']
    // svals = ['', 'abc', 'héllo', 'longer than ten chars']
    // sspecs = ['', 's', '10', '<10', '>10', '^10', '^9', '*^9', '.2', '10.2', '05', '010s', '=10', '+', ' ', '-',
    //   'z', '#', ',', '_', 'd', 'xx', '.0', 'é^8', '\x00<5', '>3.1', '^.3']
    // print('INT')
    // for v in ints:
    //     for s in ispecs:
    //         print('        (%s, %s, %s),' % (rs(str(v)), rs(s), rs(outcome(lambda: format(v, s)))))
    // print('FLOAT')
    // for v in fvals:
    //     for s in fspecs:
    //         print('        (%s, %s, %s),' % (fbits(v), rs(s), rs(outcome(lambda: format(v, s)))))
    // print('STR')
    // for v in svals:
    //     for s in sspecs:
    //         print('        (%s, %s, %s),' % (rs(v), rs(s), rs(outcome(lambda: format(v, s)))))
    // and common.py is:
    // import struct
    // def rs(s):
    //     out = []
    //     for ch in s:
    //         o = ord(ch)
    //         if ch == '"': out.append('\\"')
    //         elif ch == '\\': out.append('\\\\')
    //         elif 32 <= o < 127 or (o >= 160 and ch.isprintable()): out.append(ch)
    //         else: out.append('\\u{%x}' % o)
    //     return '"' + ''.join(out) + '"'
    // def fbits(v):
    //     return 'f64::from_bits(0x%016x)' % struct.unpack('<Q', struct.pack('<d', v))[0]
    // def outcome(f):
    //     try:
    //         return 'ok:' + f()
    //     except Exception as e:
    //         return type(e).__name__ + ':' + str(e)
    const INT_CASES: &[(&str, &str, &str)] = &[
        ("0", "", "ok:0"),
        ("0", "d", "ok:0"),
        ("0", ">10", "ok:         0"),
        ("0", "<10", "ok:0         "),
        ("0", "^10", "ok:    0     "),
        ("0", "=10", "ok:         0"),
        ("0", "*^11", "ok:*****0*****"),
        ("0", "+d", "ok:+0"),
        ("0", " d", "ok: 0"),
        ("0", "-d", "ok:0"),
        ("0", "08d", "ok:00000000"),
        ("0", "08", "ok:00000000"),
        ("0", "+08", "ok:+0000000"),
        ("0", ",", "ok:0"),
        ("0", "_", "ok:0"),
        ("0", "010,", "ok:00,000,000"),
        ("0", "09,", "ok:0,000,000"),
        ("0", "08,", "ok:0,000,000"),
        ("0", "_x", "ok:0"),
        ("0", "_b", "ok:0"),
        ("0", "#_b", "ok:0b0"),
        ("0", "x", "ok:0"),
        ("0", "X", "ok:0"),
        ("0", "#x", "ok:0x0"),
        ("0", "#X", "ok:0X0"),
        ("0", "#o", "ok:0o0"),
        ("0", "o", "ok:0"),
        ("0", "b", "ok:0"),
        ("0", "#b", "ok:0b0"),
        ("0", "#010b", "ok:0b00000000"),
        ("0", "c", "ok:\u{0}"),
        ("0", "+c", "ValueError:Sign not allowed with integer format specifier 'c'"),
        ("0", "#c", "ValueError:Alternate form (#) not allowed with integer format specifier 'c'"),
        ("0", ">5c", "ok:    \u{0}"),
        ("0", "n", "ok:0"),
        ("0", ",n", "ValueError:Cannot specify ',' with 'n'."),
        ("0", ".2", "ValueError:Precision not allowed in integer format specifier"),
        ("0", "z", "ValueError:Negative zero coercion (z) not allowed in integer format specifier"),
        ("0", "e", "ok:0.000000e+00"),
        ("0", ".2f", "ok:0.00"),
        ("0", "%", "ok:0.000000%"),
        ("0", ".2%", "ok:0.00%"),
        ("0", "g", "ok:0"),
        ("0", "E", "ok:0.000000E+00"),
        ("0", ",f", "ok:0.000000"),
        ("0", "q", "ValueError:Unknown format code 'q' for object of type 'int'"),
        ("0", "xx", "ValueError:Invalid format specifier 'xx' for object of type 'int'"),
        ("0", ",s", "ValueError:Cannot specify ',' with 's'."),
        ("0", "_c", "ValueError:Cannot specify '_' with 'c'."),
        ("0", "0=+12,", "ok:+000,000,000"),
        ("0", "x<8X", "ok:0xxxxxxx"),
        ("0", "\u{1}", "ValueError:Unknown format code '\\x1' for object of type 'int'"),
        ("0", ",_", "ValueError:Cannot specify both ',' and '_'."),
        ("0", "_,", "ValueError:Cannot specify both ',' and '_'."),
        ("0", ".", "ValueError:Format specifier missing precision"),
        ("0", "1.", "ValueError:Format specifier missing precision"),
        ("0", "99999999999999999999999", "ValueError:Too many decimal digits in format string"),
        ("0", "_o", "ok:0"),
        ("0", ",x", "ValueError:Cannot specify ',' with 'x'."),
        ("0", "#012_x", "ok:0x0_0000_0000"),
        ("0", "-^+#012,", "ok:-----+0-----"),
        ("0", "é>6", "ok:ééééé0"),
        ("0", "0<6", "ok:000000"),
        ("0", "0>6", "ok:000000"),
        ("0", "0^7", "ok:0000000"),
        ("0", " 07_", "ok: 00_000"),
        ("-1", "", "ok:-1"),
        ("-1", "d", "ok:-1"),
        ("-1", ">10", "ok:        -1"),
        ("-1", "<10", "ok:-1        "),
        ("-1", "^10", "ok:    -1    "),
        ("-1", "=10", "ok:-        1"),
        ("-1", "*^11", "ok:****-1*****"),
        ("-1", "+d", "ok:-1"),
        ("-1", " d", "ok:-1"),
        ("-1", "-d", "ok:-1"),
        ("-1", "08d", "ok:-0000001"),
        ("-1", "08", "ok:-0000001"),
        ("-1", "+08", "ok:-0000001"),
        ("-1", ",", "ok:-1"),
        ("-1", "_", "ok:-1"),
        ("-1", "010,", "ok:-0,000,001"),
        ("-1", "09,", "ok:-0,000,001"),
        ("-1", "08,", "ok:-000,001"),
        ("-1", "_x", "ok:-1"),
        ("-1", "_b", "ok:-1"),
        ("-1", "#_b", "ok:-0b1"),
        ("-1", "x", "ok:-1"),
        ("-1", "X", "ok:-1"),
        ("-1", "#x", "ok:-0x1"),
        ("-1", "#X", "ok:-0X1"),
        ("-1", "#o", "ok:-0o1"),
        ("-1", "o", "ok:-1"),
        ("-1", "b", "ok:-1"),
        ("-1", "#b", "ok:-0b1"),
        ("-1", "#010b", "ok:-0b0000001"),
        ("-1", "c", "OverflowError:%c arg not in range(0x110000)"),
        ("-1", "+c", "ValueError:Sign not allowed with integer format specifier 'c'"),
        ("-1", "#c", "ValueError:Alternate form (#) not allowed with integer format specifier 'c'"),
        ("-1", ">5c", "OverflowError:%c arg not in range(0x110000)"),
        ("-1", "n", "ok:-1"),
        ("-1", ",n", "ValueError:Cannot specify ',' with 'n'."),
        ("-1", ".2", "ValueError:Precision not allowed in integer format specifier"),
        ("-1", "z", "ValueError:Negative zero coercion (z) not allowed in integer format specifier"),
        ("-1", "e", "ok:-1.000000e+00"),
        ("-1", ".2f", "ok:-1.00"),
        ("-1", "%", "ok:-100.000000%"),
        ("-1", ".2%", "ok:-100.00%"),
        ("-1", "g", "ok:-1"),
        ("-1", "E", "ok:-1.000000E+00"),
        ("-1", ",f", "ok:-1.000000"),
        ("-1", "q", "ValueError:Unknown format code 'q' for object of type 'int'"),
        ("-1", "xx", "ValueError:Invalid format specifier 'xx' for object of type 'int'"),
        ("-1", ",s", "ValueError:Cannot specify ',' with 's'."),
        ("-1", "_c", "ValueError:Cannot specify '_' with 'c'."),
        ("-1", "0=+12,", "ok:-000,000,001"),
        ("-1", "x<8X", "ok:-1xxxxxx"),
        ("-1", "\u{1}", "ValueError:Unknown format code '\\x1' for object of type 'int'"),
        ("-1", ",_", "ValueError:Cannot specify both ',' and '_'."),
        ("-1", "_,", "ValueError:Cannot specify both ',' and '_'."),
        ("-1", ".", "ValueError:Format specifier missing precision"),
        ("-1", "1.", "ValueError:Format specifier missing precision"),
        ("-1", "99999999999999999999999", "ValueError:Too many decimal digits in format string"),
        ("-1", "_o", "ok:-1"),
        ("-1", ",x", "ValueError:Cannot specify ',' with 'x'."),
        ("-1", "#012_x", "ok:-0x0000_0001"),
        ("-1", "-^+#012,", "ok:------1-----"),
        ("-1", "é>6", "ok:éééé-1"),
        ("-1", "0<6", "ok:-10000"),
        ("-1", "0>6", "ok:0000-1"),
        ("-1", "0^7", "ok:00-1000"),
        ("-1", " 07_", "ok:-00_001"),
        ("42", "", "ok:42"),
        ("42", "d", "ok:42"),
        ("42", ">10", "ok:        42"),
        ("42", "<10", "ok:42        "),
        ("42", "^10", "ok:    42    "),
        ("42", "=10", "ok:        42"),
        ("42", "*^11", "ok:****42*****"),
        ("42", "+d", "ok:+42"),
        ("42", " d", "ok: 42"),
        ("42", "-d", "ok:42"),
        ("42", "08d", "ok:00000042"),
        ("42", "08", "ok:00000042"),
        ("42", "+08", "ok:+0000042"),
        ("42", ",", "ok:42"),
        ("42", "_", "ok:42"),
        ("42", "010,", "ok:00,000,042"),
        ("42", "09,", "ok:0,000,042"),
        ("42", "08,", "ok:0,000,042"),
        ("42", "_x", "ok:2a"),
        ("42", "_b", "ok:10_1010"),
        ("42", "#_b", "ok:0b10_1010"),
        ("42", "x", "ok:2a"),
        ("42", "X", "ok:2A"),
        ("42", "#x", "ok:0x2a"),
        ("42", "#X", "ok:0X2A"),
        ("42", "#o", "ok:0o52"),
        ("42", "o", "ok:52"),
        ("42", "b", "ok:101010"),
        ("42", "#b", "ok:0b101010"),
        ("42", "#010b", "ok:0b00101010"),
        ("42", "c", "ok:*"),
        ("42", "+c", "ValueError:Sign not allowed with integer format specifier 'c'"),
        ("42", "#c", "ValueError:Alternate form (#) not allowed with integer format specifier 'c'"),
        ("42", ">5c", "ok:    *"),
        ("42", "n", "ok:42"),
        ("42", ",n", "ValueError:Cannot specify ',' with 'n'."),
        ("42", ".2", "ValueError:Precision not allowed in integer format specifier"),
        ("42", "z", "ValueError:Negative zero coercion (z) not allowed in integer format specifier"),
        ("42", "e", "ok:4.200000e+01"),
        ("42", ".2f", "ok:42.00"),
        ("42", "%", "ok:4200.000000%"),
        ("42", ".2%", "ok:4200.00%"),
        ("42", "g", "ok:42"),
        ("42", "E", "ok:4.200000E+01"),
        ("42", ",f", "ok:42.000000"),
        ("42", "q", "ValueError:Unknown format code 'q' for object of type 'int'"),
        ("42", "xx", "ValueError:Invalid format specifier 'xx' for object of type 'int'"),
        ("42", ",s", "ValueError:Cannot specify ',' with 's'."),
        ("42", "_c", "ValueError:Cannot specify '_' with 'c'."),
        ("42", "0=+12,", "ok:+000,000,042"),
        ("42", "x<8X", "ok:2Axxxxxx"),
        ("42", "\u{1}", "ValueError:Unknown format code '\\x1' for object of type 'int'"),
        ("42", ",_", "ValueError:Cannot specify both ',' and '_'."),
        ("42", "_,", "ValueError:Cannot specify both ',' and '_'."),
        ("42", ".", "ValueError:Format specifier missing precision"),
        ("42", "1.", "ValueError:Format specifier missing precision"),
        ("42", "99999999999999999999999", "ValueError:Too many decimal digits in format string"),
        ("42", "_o", "ok:52"),
        ("42", ",x", "ValueError:Cannot specify ',' with 'x'."),
        ("42", "#012_x", "ok:0x0_0000_002a"),
        ("42", "-^+#012,", "ok:----+42-----"),
        ("42", "é>6", "ok:éééé42"),
        ("42", "0<6", "ok:420000"),
        ("42", "0>6", "ok:000042"),
        ("42", "0^7", "ok:0042000"),
        ("42", " 07_", "ok: 00_042"),
        ("255", "", "ok:255"),
        ("255", "d", "ok:255"),
        ("255", ">10", "ok:       255"),
        ("255", "<10", "ok:255       "),
        ("255", "^10", "ok:   255    "),
        ("255", "=10", "ok:       255"),
        ("255", "*^11", "ok:****255****"),
        ("255", "+d", "ok:+255"),
        ("255", " d", "ok: 255"),
        ("255", "-d", "ok:255"),
        ("255", "08d", "ok:00000255"),
        ("255", "08", "ok:00000255"),
        ("255", "+08", "ok:+0000255"),
        ("255", ",", "ok:255"),
        ("255", "_", "ok:255"),
        ("255", "010,", "ok:00,000,255"),
        ("255", "09,", "ok:0,000,255"),
        ("255", "08,", "ok:0,000,255"),
        ("255", "_x", "ok:ff"),
        ("255", "_b", "ok:1111_1111"),
        ("255", "#_b", "ok:0b1111_1111"),
        ("255", "x", "ok:ff"),
        ("255", "X", "ok:FF"),
        ("255", "#x", "ok:0xff"),
        ("255", "#X", "ok:0XFF"),
        ("255", "#o", "ok:0o377"),
        ("255", "o", "ok:377"),
        ("255", "b", "ok:11111111"),
        ("255", "#b", "ok:0b11111111"),
        ("255", "#010b", "ok:0b11111111"),
        ("255", "c", "ok:ÿ"),
        ("255", "+c", "ValueError:Sign not allowed with integer format specifier 'c'"),
        ("255", "#c", "ValueError:Alternate form (#) not allowed with integer format specifier 'c'"),
        ("255", ">5c", "ok:    ÿ"),
        ("255", "n", "ok:255"),
        ("255", ",n", "ValueError:Cannot specify ',' with 'n'."),
        ("255", ".2", "ValueError:Precision not allowed in integer format specifier"),
        ("255", "z", "ValueError:Negative zero coercion (z) not allowed in integer format specifier"),
        ("255", "e", "ok:2.550000e+02"),
        ("255", ".2f", "ok:255.00"),
        ("255", "%", "ok:25500.000000%"),
        ("255", ".2%", "ok:25500.00%"),
        ("255", "g", "ok:255"),
        ("255", "E", "ok:2.550000E+02"),
        ("255", ",f", "ok:255.000000"),
        ("255", "q", "ValueError:Unknown format code 'q' for object of type 'int'"),
        ("255", "xx", "ValueError:Invalid format specifier 'xx' for object of type 'int'"),
        ("255", ",s", "ValueError:Cannot specify ',' with 's'."),
        ("255", "_c", "ValueError:Cannot specify '_' with 'c'."),
        ("255", "0=+12,", "ok:+000,000,255"),
        ("255", "x<8X", "ok:FFxxxxxx"),
        ("255", "\u{1}", "ValueError:Unknown format code '\\x1' for object of type 'int'"),
        ("255", ",_", "ValueError:Cannot specify both ',' and '_'."),
        ("255", "_,", "ValueError:Cannot specify both ',' and '_'."),
        ("255", ".", "ValueError:Format specifier missing precision"),
        ("255", "1.", "ValueError:Format specifier missing precision"),
        ("255", "99999999999999999999999", "ValueError:Too many decimal digits in format string"),
        ("255", "_o", "ok:377"),
        ("255", ",x", "ValueError:Cannot specify ',' with 'x'."),
        ("255", "#012_x", "ok:0x0_0000_00ff"),
        ("255", "-^+#012,", "ok:----+255----"),
        ("255", "é>6", "ok:ééé255"),
        ("255", "0<6", "ok:255000"),
        ("255", "0>6", "ok:000255"),
        ("255", "0^7", "ok:0025500"),
        ("255", " 07_", "ok: 00_255"),
        ("-1234567", "", "ok:-1234567"),
        ("-1234567", "d", "ok:-1234567"),
        ("-1234567", ">10", "ok:  -1234567"),
        ("-1234567", "<10", "ok:-1234567  "),
        ("-1234567", "^10", "ok: -1234567 "),
        ("-1234567", "=10", "ok:-  1234567"),
        ("-1234567", "*^11", "ok:*-1234567**"),
        ("-1234567", "+d", "ok:-1234567"),
        ("-1234567", " d", "ok:-1234567"),
        ("-1234567", "-d", "ok:-1234567"),
        ("-1234567", "08d", "ok:-1234567"),
        ("-1234567", "08", "ok:-1234567"),
        ("-1234567", "+08", "ok:-1234567"),
        ("-1234567", ",", "ok:-1,234,567"),
        ("-1234567", "_", "ok:-1_234_567"),
        ("-1234567", "010,", "ok:-1,234,567"),
        ("-1234567", "09,", "ok:-1,234,567"),
        ("-1234567", "08,", "ok:-1,234,567"),
        ("-1234567", "_x", "ok:-12_d687"),
        ("-1234567", "_b", "ok:-1_0010_1101_0110_1000_0111"),
        ("-1234567", "#_b", "ok:-0b1_0010_1101_0110_1000_0111"),
        ("-1234567", "x", "ok:-12d687"),
        ("-1234567", "X", "ok:-12D687"),
        ("-1234567", "#x", "ok:-0x12d687"),
        ("-1234567", "#X", "ok:-0X12D687"),
        ("-1234567", "#o", "ok:-0o4553207"),
        ("-1234567", "o", "ok:-4553207"),
        ("-1234567", "b", "ok:-100101101011010000111"),
        ("-1234567", "#b", "ok:-0b100101101011010000111"),
        ("-1234567", "#010b", "ok:-0b100101101011010000111"),
        ("-1234567", "c", "OverflowError:%c arg not in range(0x110000)"),
        ("-1234567", "+c", "ValueError:Sign not allowed with integer format specifier 'c'"),
        ("-1234567", "#c", "ValueError:Alternate form (#) not allowed with integer format specifier 'c'"),
        ("-1234567", ">5c", "OverflowError:%c arg not in range(0x110000)"),
        ("-1234567", "n", "ok:-1234567"),
        ("-1234567", ",n", "ValueError:Cannot specify ',' with 'n'."),
        ("-1234567", ".2", "ValueError:Precision not allowed in integer format specifier"),
        ("-1234567", "z", "ValueError:Negative zero coercion (z) not allowed in integer format specifier"),
        ("-1234567", "e", "ok:-1.234567e+06"),
        ("-1234567", ".2f", "ok:-1234567.00"),
        ("-1234567", "%", "ok:-123456700.000000%"),
        ("-1234567", ".2%", "ok:-123456700.00%"),
        ("-1234567", "g", "ok:-1.23457e+06"),
        ("-1234567", "E", "ok:-1.234567E+06"),
        ("-1234567", ",f", "ok:-1,234,567.000000"),
        ("-1234567", "q", "ValueError:Unknown format code 'q' for object of type 'int'"),
        ("-1234567", "xx", "ValueError:Invalid format specifier 'xx' for object of type 'int'"),
        ("-1234567", ",s", "ValueError:Cannot specify ',' with 's'."),
        ("-1234567", "_c", "ValueError:Cannot specify '_' with 'c'."),
        ("-1234567", "0=+12,", "ok:-001,234,567"),
        ("-1234567", "x<8X", "ok:-12D687x"),
        ("-1234567", "\u{1}", "ValueError:Unknown format code '\\x1' for object of type 'int'"),
        ("-1234567", ",_", "ValueError:Cannot specify both ',' and '_'."),
        ("-1234567", "_,", "ValueError:Cannot specify both ',' and '_'."),
        ("-1234567", ".", "ValueError:Format specifier missing precision"),
        ("-1234567", "1.", "ValueError:Format specifier missing precision"),
        ("-1234567", "99999999999999999999999", "ValueError:Too many decimal digits in format string"),
        ("-1234567", "_o", "ok:-455_3207"),
        ("-1234567", ",x", "ValueError:Cannot specify ',' with 'x'."),
        ("-1234567", "#012_x", "ok:-0x0012_d687"),
        ("-1234567", "-^+#012,", "ok:--1,234,567-"),
        ("-1234567", "é>6", "ok:-1234567"),
        ("-1234567", "0<6", "ok:-1234567"),
        ("-1234567", "0>6", "ok:-1234567"),
        ("-1234567", "0^7", "ok:-1234567"),
        ("-1234567", " 07_", "ok:-1_234_567"),
        ("1180591620717411303424", "", "ok:1180591620717411303424"),
        ("1180591620717411303424", "d", "ok:1180591620717411303424"),
        ("1180591620717411303424", ">10", "ok:1180591620717411303424"),
        ("1180591620717411303424", "<10", "ok:1180591620717411303424"),
        ("1180591620717411303424", "^10", "ok:1180591620717411303424"),
        ("1180591620717411303424", "=10", "ok:1180591620717411303424"),
        ("1180591620717411303424", "*^11", "ok:1180591620717411303424"),
        ("1180591620717411303424", "+d", "ok:+1180591620717411303424"),
        ("1180591620717411303424", " d", "ok: 1180591620717411303424"),
        ("1180591620717411303424", "-d", "ok:1180591620717411303424"),
        ("1180591620717411303424", "08d", "ok:1180591620717411303424"),
        ("1180591620717411303424", "08", "ok:1180591620717411303424"),
        ("1180591620717411303424", "+08", "ok:+1180591620717411303424"),
        ("1180591620717411303424", ",", "ok:1,180,591,620,717,411,303,424"),
        ("1180591620717411303424", "_", "ok:1_180_591_620_717_411_303_424"),
        ("1180591620717411303424", "010,", "ok:1,180,591,620,717,411,303,424"),
        ("1180591620717411303424", "09,", "ok:1,180,591,620,717,411,303,424"),
        ("1180591620717411303424", "08,", "ok:1,180,591,620,717,411,303,424"),
        ("1180591620717411303424", "_x", "ok:40_0000_0000_0000_0000"),
        ("1180591620717411303424", "_b", "ok:100_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000"),
        ("1180591620717411303424", "#_b", "ok:0b100_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000"),
        ("1180591620717411303424", "x", "ok:400000000000000000"),
        ("1180591620717411303424", "X", "ok:400000000000000000"),
        ("1180591620717411303424", "#x", "ok:0x400000000000000000"),
        ("1180591620717411303424", "#X", "ok:0X400000000000000000"),
        ("1180591620717411303424", "#o", "ok:0o200000000000000000000000"),
        ("1180591620717411303424", "o", "ok:200000000000000000000000"),
        ("1180591620717411303424", "b", "ok:10000000000000000000000000000000000000000000000000000000000000000000000"),
        ("1180591620717411303424", "#b", "ok:0b10000000000000000000000000000000000000000000000000000000000000000000000"),
        ("1180591620717411303424", "#010b", "ok:0b10000000000000000000000000000000000000000000000000000000000000000000000"),
        ("1180591620717411303424", "c", "OverflowError:Python int too large to convert to C long"),
        ("1180591620717411303424", "+c", "ValueError:Sign not allowed with integer format specifier 'c'"),
        ("1180591620717411303424", "#c", "ValueError:Alternate form (#) not allowed with integer format specifier 'c'"),
        ("1180591620717411303424", ">5c", "OverflowError:Python int too large to convert to C long"),
        ("1180591620717411303424", "n", "ok:1180591620717411303424"),
        ("1180591620717411303424", ",n", "ValueError:Cannot specify ',' with 'n'."),
        ("1180591620717411303424", ".2", "ValueError:Precision not allowed in integer format specifier"),
        ("1180591620717411303424", "z", "ValueError:Negative zero coercion (z) not allowed in integer format specifier"),
        ("1180591620717411303424", "e", "ok:1.180592e+21"),
        ("1180591620717411303424", ".2f", "ok:1180591620717411303424.00"),
        ("1180591620717411303424", "%", "ok:118059162071741130342400.000000%"),
        ("1180591620717411303424", ".2%", "ok:118059162071741130342400.00%"),
        ("1180591620717411303424", "g", "ok:1.18059e+21"),
        ("1180591620717411303424", "E", "ok:1.180592E+21"),
        ("1180591620717411303424", ",f", "ok:1,180,591,620,717,411,303,424.000000"),
        ("1180591620717411303424", "q", "ValueError:Unknown format code 'q' for object of type 'int'"),
        ("1180591620717411303424", "xx", "ValueError:Invalid format specifier 'xx' for object of type 'int'"),
        ("1180591620717411303424", ",s", "ValueError:Cannot specify ',' with 's'."),
        ("1180591620717411303424", "_c", "ValueError:Cannot specify '_' with 'c'."),
        ("1180591620717411303424", "0=+12,", "ok:+1,180,591,620,717,411,303,424"),
        ("1180591620717411303424", "x<8X", "ok:400000000000000000"),
        ("1180591620717411303424", "\u{1}", "ValueError:Unknown format code '\\x1' for object of type 'int'"),
        ("1180591620717411303424", ",_", "ValueError:Cannot specify both ',' and '_'."),
        ("1180591620717411303424", "_,", "ValueError:Cannot specify both ',' and '_'."),
        ("1180591620717411303424", ".", "ValueError:Format specifier missing precision"),
        ("1180591620717411303424", "1.", "ValueError:Format specifier missing precision"),
        ("1180591620717411303424", "99999999999999999999999", "ValueError:Too many decimal digits in format string"),
        ("1180591620717411303424", "_o", "ok:2000_0000_0000_0000_0000_0000"),
        ("1180591620717411303424", ",x", "ValueError:Cannot specify ',' with 'x'."),
        ("1180591620717411303424", "#012_x", "ok:0x40_0000_0000_0000_0000"),
        ("1180591620717411303424", "-^+#012,", "ok:+1,180,591,620,717,411,303,424"),
        ("1180591620717411303424", "é>6", "ok:1180591620717411303424"),
        ("1180591620717411303424", "0<6", "ok:1180591620717411303424"),
        ("1180591620717411303424", "0>6", "ok:1180591620717411303424"),
        ("1180591620717411303424", "0^7", "ok:1180591620717411303424"),
        ("1180591620717411303424", " 07_", "ok: 1_180_591_620_717_411_303_424"),
        ("65", "", "ok:65"),
        ("65", "d", "ok:65"),
        ("65", ">10", "ok:        65"),
        ("65", "<10", "ok:65        "),
        ("65", "^10", "ok:    65    "),
        ("65", "=10", "ok:        65"),
        ("65", "*^11", "ok:****65*****"),
        ("65", "+d", "ok:+65"),
        ("65", " d", "ok: 65"),
        ("65", "-d", "ok:65"),
        ("65", "08d", "ok:00000065"),
        ("65", "08", "ok:00000065"),
        ("65", "+08", "ok:+0000065"),
        ("65", ",", "ok:65"),
        ("65", "_", "ok:65"),
        ("65", "010,", "ok:00,000,065"),
        ("65", "09,", "ok:0,000,065"),
        ("65", "08,", "ok:0,000,065"),
        ("65", "_x", "ok:41"),
        ("65", "_b", "ok:100_0001"),
        ("65", "#_b", "ok:0b100_0001"),
        ("65", "x", "ok:41"),
        ("65", "X", "ok:41"),
        ("65", "#x", "ok:0x41"),
        ("65", "#X", "ok:0X41"),
        ("65", "#o", "ok:0o101"),
        ("65", "o", "ok:101"),
        ("65", "b", "ok:1000001"),
        ("65", "#b", "ok:0b1000001"),
        ("65", "#010b", "ok:0b01000001"),
        ("65", "c", "ok:A"),
        ("65", "+c", "ValueError:Sign not allowed with integer format specifier 'c'"),
        ("65", "#c", "ValueError:Alternate form (#) not allowed with integer format specifier 'c'"),
        ("65", ">5c", "ok:    A"),
        ("65", "n", "ok:65"),
        ("65", ",n", "ValueError:Cannot specify ',' with 'n'."),
        ("65", ".2", "ValueError:Precision not allowed in integer format specifier"),
        ("65", "z", "ValueError:Negative zero coercion (z) not allowed in integer format specifier"),
        ("65", "e", "ok:6.500000e+01"),
        ("65", ".2f", "ok:65.00"),
        ("65", "%", "ok:6500.000000%"),
        ("65", ".2%", "ok:6500.00%"),
        ("65", "g", "ok:65"),
        ("65", "E", "ok:6.500000E+01"),
        ("65", ",f", "ok:65.000000"),
        ("65", "q", "ValueError:Unknown format code 'q' for object of type 'int'"),
        ("65", "xx", "ValueError:Invalid format specifier 'xx' for object of type 'int'"),
        ("65", ",s", "ValueError:Cannot specify ',' with 's'."),
        ("65", "_c", "ValueError:Cannot specify '_' with 'c'."),
        ("65", "0=+12,", "ok:+000,000,065"),
        ("65", "x<8X", "ok:41xxxxxx"),
        ("65", "\u{1}", "ValueError:Unknown format code '\\x1' for object of type 'int'"),
        ("65", ",_", "ValueError:Cannot specify both ',' and '_'."),
        ("65", "_,", "ValueError:Cannot specify both ',' and '_'."),
        ("65", ".", "ValueError:Format specifier missing precision"),
        ("65", "1.", "ValueError:Format specifier missing precision"),
        ("65", "99999999999999999999999", "ValueError:Too many decimal digits in format string"),
        ("65", "_o", "ok:101"),
        ("65", ",x", "ValueError:Cannot specify ',' with 'x'."),
        ("65", "#012_x", "ok:0x0_0000_0041"),
        ("65", "-^+#012,", "ok:----+65-----"),
        ("65", "é>6", "ok:éééé65"),
        ("65", "0<6", "ok:650000"),
        ("65", "0>6", "ok:000065"),
        ("65", "0^7", "ok:0065000"),
        ("65", " 07_", "ok: 00_065"),
        ("1114112", "", "ok:1114112"),
        ("1114112", "d", "ok:1114112"),
        ("1114112", ">10", "ok:   1114112"),
        ("1114112", "<10", "ok:1114112   "),
        ("1114112", "^10", "ok: 1114112  "),
        ("1114112", "=10", "ok:   1114112"),
        ("1114112", "*^11", "ok:**1114112**"),
        ("1114112", "+d", "ok:+1114112"),
        ("1114112", " d", "ok: 1114112"),
        ("1114112", "-d", "ok:1114112"),
        ("1114112", "08d", "ok:01114112"),
        ("1114112", "08", "ok:01114112"),
        ("1114112", "+08", "ok:+1114112"),
        ("1114112", ",", "ok:1,114,112"),
        ("1114112", "_", "ok:1_114_112"),
        ("1114112", "010,", "ok:01,114,112"),
        ("1114112", "09,", "ok:1,114,112"),
        ("1114112", "08,", "ok:1,114,112"),
        ("1114112", "_x", "ok:11_0000"),
        ("1114112", "_b", "ok:1_0001_0000_0000_0000_0000"),
        ("1114112", "#_b", "ok:0b1_0001_0000_0000_0000_0000"),
        ("1114112", "x", "ok:110000"),
        ("1114112", "X", "ok:110000"),
        ("1114112", "#x", "ok:0x110000"),
        ("1114112", "#X", "ok:0X110000"),
        ("1114112", "#o", "ok:0o4200000"),
        ("1114112", "o", "ok:4200000"),
        ("1114112", "b", "ok:100010000000000000000"),
        ("1114112", "#b", "ok:0b100010000000000000000"),
        ("1114112", "#010b", "ok:0b100010000000000000000"),
        ("1114112", "c", "OverflowError:%c arg not in range(0x110000)"),
        ("1114112", "+c", "ValueError:Sign not allowed with integer format specifier 'c'"),
        ("1114112", "#c", "ValueError:Alternate form (#) not allowed with integer format specifier 'c'"),
        ("1114112", ">5c", "OverflowError:%c arg not in range(0x110000)"),
        ("1114112", "n", "ok:1114112"),
        ("1114112", ",n", "ValueError:Cannot specify ',' with 'n'."),
        ("1114112", ".2", "ValueError:Precision not allowed in integer format specifier"),
        ("1114112", "z", "ValueError:Negative zero coercion (z) not allowed in integer format specifier"),
        ("1114112", "e", "ok:1.114112e+06"),
        ("1114112", ".2f", "ok:1114112.00"),
        ("1114112", "%", "ok:111411200.000000%"),
        ("1114112", ".2%", "ok:111411200.00%"),
        ("1114112", "g", "ok:1.11411e+06"),
        ("1114112", "E", "ok:1.114112E+06"),
        ("1114112", ",f", "ok:1,114,112.000000"),
        ("1114112", "q", "ValueError:Unknown format code 'q' for object of type 'int'"),
        ("1114112", "xx", "ValueError:Invalid format specifier 'xx' for object of type 'int'"),
        ("1114112", ",s", "ValueError:Cannot specify ',' with 's'."),
        ("1114112", "_c", "ValueError:Cannot specify '_' with 'c'."),
        ("1114112", "0=+12,", "ok:+001,114,112"),
        ("1114112", "x<8X", "ok:110000xx"),
        ("1114112", "\u{1}", "ValueError:Unknown format code '\\x1' for object of type 'int'"),
        ("1114112", ",_", "ValueError:Cannot specify both ',' and '_'."),
        ("1114112", "_,", "ValueError:Cannot specify both ',' and '_'."),
        ("1114112", ".", "ValueError:Format specifier missing precision"),
        ("1114112", "1.", "ValueError:Format specifier missing precision"),
        ("1114112", "99999999999999999999999", "ValueError:Too many decimal digits in format string"),
        ("1114112", "_o", "ok:420_0000"),
        ("1114112", ",x", "ValueError:Cannot specify ',' with 'x'."),
        ("1114112", "#012_x", "ok:0x0_0011_0000"),
        ("1114112", "-^+#012,", "ok:-+1,114,112-"),
        ("1114112", "é>6", "ok:1114112"),
        ("1114112", "0<6", "ok:1114112"),
        ("1114112", "0>6", "ok:1114112"),
        ("1114112", "0^7", "ok:1114112"),
        ("1114112", " 07_", "ok: 1_114_112"),
        ("18446744073709551616", "", "ok:18446744073709551616"),
        ("18446744073709551616", "d", "ok:18446744073709551616"),
        ("18446744073709551616", ">10", "ok:18446744073709551616"),
        ("18446744073709551616", "<10", "ok:18446744073709551616"),
        ("18446744073709551616", "^10", "ok:18446744073709551616"),
        ("18446744073709551616", "=10", "ok:18446744073709551616"),
        ("18446744073709551616", "*^11", "ok:18446744073709551616"),
        ("18446744073709551616", "+d", "ok:+18446744073709551616"),
        ("18446744073709551616", " d", "ok: 18446744073709551616"),
        ("18446744073709551616", "-d", "ok:18446744073709551616"),
        ("18446744073709551616", "08d", "ok:18446744073709551616"),
        ("18446744073709551616", "08", "ok:18446744073709551616"),
        ("18446744073709551616", "+08", "ok:+18446744073709551616"),
        ("18446744073709551616", ",", "ok:18,446,744,073,709,551,616"),
        ("18446744073709551616", "_", "ok:18_446_744_073_709_551_616"),
        ("18446744073709551616", "010,", "ok:18,446,744,073,709,551,616"),
        ("18446744073709551616", "09,", "ok:18,446,744,073,709,551,616"),
        ("18446744073709551616", "08,", "ok:18,446,744,073,709,551,616"),
        ("18446744073709551616", "_x", "ok:1_0000_0000_0000_0000"),
        ("18446744073709551616", "_b", "ok:1_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000"),
        ("18446744073709551616", "#_b", "ok:0b1_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000"),
        ("18446744073709551616", "x", "ok:10000000000000000"),
        ("18446744073709551616", "X", "ok:10000000000000000"),
        ("18446744073709551616", "#x", "ok:0x10000000000000000"),
        ("18446744073709551616", "#X", "ok:0X10000000000000000"),
        ("18446744073709551616", "#o", "ok:0o2000000000000000000000"),
        ("18446744073709551616", "o", "ok:2000000000000000000000"),
        ("18446744073709551616", "b", "ok:10000000000000000000000000000000000000000000000000000000000000000"),
        ("18446744073709551616", "#b", "ok:0b10000000000000000000000000000000000000000000000000000000000000000"),
        ("18446744073709551616", "#010b", "ok:0b10000000000000000000000000000000000000000000000000000000000000000"),
        ("18446744073709551616", "c", "OverflowError:Python int too large to convert to C long"),
        ("18446744073709551616", "+c", "ValueError:Sign not allowed with integer format specifier 'c'"),
        ("18446744073709551616", "#c", "ValueError:Alternate form (#) not allowed with integer format specifier 'c'"),
        ("18446744073709551616", ">5c", "OverflowError:Python int too large to convert to C long"),
        ("18446744073709551616", "n", "ok:18446744073709551616"),
        ("18446744073709551616", ",n", "ValueError:Cannot specify ',' with 'n'."),
        ("18446744073709551616", ".2", "ValueError:Precision not allowed in integer format specifier"),
        ("18446744073709551616", "z", "ValueError:Negative zero coercion (z) not allowed in integer format specifier"),
        ("18446744073709551616", "e", "ok:1.844674e+19"),
        ("18446744073709551616", ".2f", "ok:18446744073709551616.00"),
        ("18446744073709551616", "%", "ok:1844674407370955161600.000000%"),
        ("18446744073709551616", ".2%", "ok:1844674407370955161600.00%"),
        ("18446744073709551616", "g", "ok:1.84467e+19"),
        ("18446744073709551616", "E", "ok:1.844674E+19"),
        ("18446744073709551616", ",f", "ok:18,446,744,073,709,551,616.000000"),
        ("18446744073709551616", "q", "ValueError:Unknown format code 'q' for object of type 'int'"),
        ("18446744073709551616", "xx", "ValueError:Invalid format specifier 'xx' for object of type 'int'"),
        ("18446744073709551616", ",s", "ValueError:Cannot specify ',' with 's'."),
        ("18446744073709551616", "_c", "ValueError:Cannot specify '_' with 'c'."),
        ("18446744073709551616", "0=+12,", "ok:+18,446,744,073,709,551,616"),
        ("18446744073709551616", "x<8X", "ok:10000000000000000"),
        ("18446744073709551616", "\u{1}", "ValueError:Unknown format code '\\x1' for object of type 'int'"),
        ("18446744073709551616", ",_", "ValueError:Cannot specify both ',' and '_'."),
        ("18446744073709551616", "_,", "ValueError:Cannot specify both ',' and '_'."),
        ("18446744073709551616", ".", "ValueError:Format specifier missing precision"),
        ("18446744073709551616", "1.", "ValueError:Format specifier missing precision"),
        ("18446744073709551616", "99999999999999999999999", "ValueError:Too many decimal digits in format string"),
        ("18446744073709551616", "_o", "ok:20_0000_0000_0000_0000_0000"),
        ("18446744073709551616", ",x", "ValueError:Cannot specify ',' with 'x'."),
        ("18446744073709551616", "#012_x", "ok:0x1_0000_0000_0000_0000"),
        ("18446744073709551616", "-^+#012,", "ok:+18,446,744,073,709,551,616"),
        ("18446744073709551616", "é>6", "ok:18446744073709551616"),
        ("18446744073709551616", "0<6", "ok:18446744073709551616"),
        ("18446744073709551616", "0>6", "ok:18446744073709551616"),
        ("18446744073709551616", "0^7", "ok:18446744073709551616"),
        ("18446744073709551616", " 07_", "ok: 18_446_744_073_709_551_616"),
        ("179769313486231590772930519078902473361797697894230657273430081157732675805500963132708477322407536021120113879871393357658789768814416622492847430639474124377767893424865485276302219601246094119453082952085005768838150682342462881473913110540827237163350510684586298239947245938479716304835356329624224137216", "", "ok:179769313486231590772930519078902473361797697894230657273430081157732675805500963132708477322407536021120113879871393357658789768814416622492847430639474124377767893424865485276302219601246094119453082952085005768838150682342462881473913110540827237163350510684586298239947245938479716304835356329624224137216"),
        ("179769313486231590772930519078902473361797697894230657273430081157732675805500963132708477322407536021120113879871393357658789768814416622492847430639474124377767893424865485276302219601246094119453082952085005768838150682342462881473913110540827237163350510684586298239947245938479716304835356329624224137216", "d", "ok:179769313486231590772930519078902473361797697894230657273430081157732675805500963132708477322407536021120113879871393357658789768814416622492847430639474124377767893424865485276302219601246094119453082952085005768838150682342462881473913110540827237163350510684586298239947245938479716304835356329624224137216"),
        ("179769313486231590772930519078902473361797697894230657273430081157732675805500963132708477322407536021120113879871393357658789768814416622492847430639474124377767893424865485276302219601246094119453082952085005768838150682342462881473913110540827237163350510684586298239947245938479716304835356329624224137216", ">10", "ok:179769313486231590772930519078902473361797697894230657273430081157732675805500963132708477322407536021120113879871393357658789768814416622492847430639474124377767893424865485276302219601246094119453082952085005768838150682342462881473913110540827237163350510684586298239947245938479716304835356329624224137216"),
        ("179769313486231590772930519078902473361797697894230657273430081157732675805500963132708477322407536021120113879871393357658789768814416622492847430639474124377767893424865485276302219601246094119453082952085005768838150682342462881473913110540827237163350510684586298239947245938479716304835356329624224137216", "<10", "ok:179769313486231590772930519078902473361797697894230657273430081157732675805500963132708477322407536021120113879871393357658789768814416622492847430639474124377767893424865485276302219601246094119453082952085005768838150682342462881473913110540827237163350510684586298239947245938479716304835356329624224137216"),
        ("179769313486231590772930519078902473361797697894230657273430081157732675805500963132708477322407536021120113879871393357658789768814416622492847430639474124377767893424865485276302219601246094119453082952085005768838150682342462881473913110540827237163350510684586298239947245938479716304835356329624224137216", "^10", "ok:179769313486231590772930519078902473361797697894230657273430081157732675805500963132708477322407536021120113879871393357658789768814416622492847430639474124377767893424865485276302219601246094119453082952085005768838150682342462881473913110540827237163350510684586298239947245938479716304835356329624224137216"),
        ("179769313486231590772930519078902473361797697894230657273430081157732675805500963132708477322407536021120113879871393357658789768814416622492847430639474124377767893424865485276302219601246094119453082952085005768838150682342462881473913110540827237163350510684586298239947245938479716304835356329624224137216", "=10", "ok:179769313486231590772930519078902473361797697894230657273430081157732675805500963132708477322407536021120113879871393357658789768814416622492847430639474124377767893424865485276302219601246094119453082952085005768838150682342462881473913110540827237163350510684586298239947245938479716304835356329624224137216"),
        ("179769313486231590772930519078902473361797697894230657273430081157732675805500963132708477322407536021120113879871393357658789768814416622492847430639474124377767893424865485276302219601246094119453082952085005768838150682342462881473913110540827237163350510684586298239947245938479716304835356329624224137216", "*^11", "ok:179769313486231590772930519078902473361797697894230657273430081157732675805500963132708477322407536021120113879871393357658789768814416622492847430639474124377767893424865485276302219601246094119453082952085005768838150682342462881473913110540827237163350510684586298239947245938479716304835356329624224137216"),
        ("179769313486231590772930519078902473361797697894230657273430081157732675805500963132708477322407536021120113879871393357658789768814416622492847430639474124377767893424865485276302219601246094119453082952085005768838150682342462881473913110540827237163350510684586298239947245938479716304835356329624224137216", "+d", "ok:+179769313486231590772930519078902473361797697894230657273430081157732675805500963132708477322407536021120113879871393357658789768814416622492847430639474124377767893424865485276302219601246094119453082952085005768838150682342462881473913110540827237163350510684586298239947245938479716304835356329624224137216"),
        ("179769313486231590772930519078902473361797697894230657273430081157732675805500963132708477322407536021120113879871393357658789768814416622492847430639474124377767893424865485276302219601246094119453082952085005768838150682342462881473913110540827237163350510684586298239947245938479716304835356329624224137216", " d", "ok: 179769313486231590772930519078902473361797697894230657273430081157732675805500963132708477322407536021120113879871393357658789768814416622492847430639474124377767893424865485276302219601246094119453082952085005768838150682342462881473913110540827237163350510684586298239947245938479716304835356329624224137216"),
        ("179769313486231590772930519078902473361797697894230657273430081157732675805500963132708477322407536021120113879871393357658789768814416622492847430639474124377767893424865485276302219601246094119453082952085005768838150682342462881473913110540827237163350510684586298239947245938479716304835356329624224137216", "-d", "ok:179769313486231590772930519078902473361797697894230657273430081157732675805500963132708477322407536021120113879871393357658789768814416622492847430639474124377767893424865485276302219601246094119453082952085005768838150682342462881473913110540827237163350510684586298239947245938479716304835356329624224137216"),
        ("179769313486231590772930519078902473361797697894230657273430081157732675805500963132708477322407536021120113879871393357658789768814416622492847430639474124377767893424865485276302219601246094119453082952085005768838150682342462881473913110540827237163350510684586298239947245938479716304835356329624224137216", "08d", "ok:179769313486231590772930519078902473361797697894230657273430081157732675805500963132708477322407536021120113879871393357658789768814416622492847430639474124377767893424865485276302219601246094119453082952085005768838150682342462881473913110540827237163350510684586298239947245938479716304835356329624224137216"),
        ("179769313486231590772930519078902473361797697894230657273430081157732675805500963132708477322407536021120113879871393357658789768814416622492847430639474124377767893424865485276302219601246094119453082952085005768838150682342462881473913110540827237163350510684586298239947245938479716304835356329624224137216", "08", "ok:179769313486231590772930519078902473361797697894230657273430081157732675805500963132708477322407536021120113879871393357658789768814416622492847430639474124377767893424865485276302219601246094119453082952085005768838150682342462881473913110540827237163350510684586298239947245938479716304835356329624224137216"),
        ("179769313486231590772930519078902473361797697894230657273430081157732675805500963132708477322407536021120113879871393357658789768814416622492847430639474124377767893424865485276302219601246094119453082952085005768838150682342462881473913110540827237163350510684586298239947245938479716304835356329624224137216", "+08", "ok:+179769313486231590772930519078902473361797697894230657273430081157732675805500963132708477322407536021120113879871393357658789768814416622492847430639474124377767893424865485276302219601246094119453082952085005768838150682342462881473913110540827237163350510684586298239947245938479716304835356329624224137216"),
        ("179769313486231590772930519078902473361797697894230657273430081157732675805500963132708477322407536021120113879871393357658789768814416622492847430639474124377767893424865485276302219601246094119453082952085005768838150682342462881473913110540827237163350510684586298239947245938479716304835356329624224137216", ",", "ok:179,769,313,486,231,590,772,930,519,078,902,473,361,797,697,894,230,657,273,430,081,157,732,675,805,500,963,132,708,477,322,407,536,021,120,113,879,871,393,357,658,789,768,814,416,622,492,847,430,639,474,124,377,767,893,424,865,485,276,302,219,601,246,094,119,453,082,952,085,005,768,838,150,682,342,462,881,473,913,110,540,827,237,163,350,510,684,586,298,239,947,245,938,479,716,304,835,356,329,624,224,137,216"),
        ("179769313486231590772930519078902473361797697894230657273430081157732675805500963132708477322407536021120113879871393357658789768814416622492847430639474124377767893424865485276302219601246094119453082952085005768838150682342462881473913110540827237163350510684586298239947245938479716304835356329624224137216", "_", "ok:179_769_313_486_231_590_772_930_519_078_902_473_361_797_697_894_230_657_273_430_081_157_732_675_805_500_963_132_708_477_322_407_536_021_120_113_879_871_393_357_658_789_768_814_416_622_492_847_430_639_474_124_377_767_893_424_865_485_276_302_219_601_246_094_119_453_082_952_085_005_768_838_150_682_342_462_881_473_913_110_540_827_237_163_350_510_684_586_298_239_947_245_938_479_716_304_835_356_329_624_224_137_216"),
        ("179769313486231590772930519078902473361797697894230657273430081157732675805500963132708477322407536021120113879871393357658789768814416622492847430639474124377767893424865485276302219601246094119453082952085005768838150682342462881473913110540827237163350510684586298239947245938479716304835356329624224137216", "010,", "ok:179,769,313,486,231,590,772,930,519,078,902,473,361,797,697,894,230,657,273,430,081,157,732,675,805,500,963,132,708,477,322,407,536,021,120,113,879,871,393,357,658,789,768,814,416,622,492,847,430,639,474,124,377,767,893,424,865,485,276,302,219,601,246,094,119,453,082,952,085,005,768,838,150,682,342,462,881,473,913,110,540,827,237,163,350,510,684,586,298,239,947,245,938,479,716,304,835,356,329,624,224,137,216"),
        ("179769313486231590772930519078902473361797697894230657273430081157732675805500963132708477322407536021120113879871393357658789768814416622492847430639474124377767893424865485276302219601246094119453082952085005768838150682342462881473913110540827237163350510684586298239947245938479716304835356329624224137216", "09,", "ok:179,769,313,486,231,590,772,930,519,078,902,473,361,797,697,894,230,657,273,430,081,157,732,675,805,500,963,132,708,477,322,407,536,021,120,113,879,871,393,357,658,789,768,814,416,622,492,847,430,639,474,124,377,767,893,424,865,485,276,302,219,601,246,094,119,453,082,952,085,005,768,838,150,682,342,462,881,473,913,110,540,827,237,163,350,510,684,586,298,239,947,245,938,479,716,304,835,356,329,624,224,137,216"),
        ("179769313486231590772930519078902473361797697894230657273430081157732675805500963132708477322407536021120113879871393357658789768814416622492847430639474124377767893424865485276302219601246094119453082952085005768838150682342462881473913110540827237163350510684586298239947245938479716304835356329624224137216", "08,", "ok:179,769,313,486,231,590,772,930,519,078,902,473,361,797,697,894,230,657,273,430,081,157,732,675,805,500,963,132,708,477,322,407,536,021,120,113,879,871,393,357,658,789,768,814,416,622,492,847,430,639,474,124,377,767,893,424,865,485,276,302,219,601,246,094,119,453,082,952,085,005,768,838,150,682,342,462,881,473,913,110,540,827,237,163,350,510,684,586,298,239,947,245,938,479,716,304,835,356,329,624,224,137,216"),
        ("179769313486231590772930519078902473361797697894230657273430081157732675805500963132708477322407536021120113879871393357658789768814416622492847430639474124377767893424865485276302219601246094119453082952085005768838150682342462881473913110540827237163350510684586298239947245938479716304835356329624224137216", "_x", "ok:1_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000"),
        ("179769313486231590772930519078902473361797697894230657273430081157732675805500963132708477322407536021120113879871393357658789768814416622492847430639474124377767893424865485276302219601246094119453082952085005768838150682342462881473913110540827237163350510684586298239947245938479716304835356329624224137216", "_b", "ok:1_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000"),
        ("179769313486231590772930519078902473361797697894230657273430081157732675805500963132708477322407536021120113879871393357658789768814416622492847430639474124377767893424865485276302219601246094119453082952085005768838150682342462881473913110540827237163350510684586298239947245938479716304835356329624224137216", "#_b", "ok:0b1_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000"),
        ("179769313486231590772930519078902473361797697894230657273430081157732675805500963132708477322407536021120113879871393357658789768814416622492847430639474124377767893424865485276302219601246094119453082952085005768838150682342462881473913110540827237163350510684586298239947245938479716304835356329624224137216", "x", "ok:10000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"),
        ("179769313486231590772930519078902473361797697894230657273430081157732675805500963132708477322407536021120113879871393357658789768814416622492847430639474124377767893424865485276302219601246094119453082952085005768838150682342462881473913110540827237163350510684586298239947245938479716304835356329624224137216", "X", "ok:10000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"),
        ("179769313486231590772930519078902473361797697894230657273430081157732675805500963132708477322407536021120113879871393357658789768814416622492847430639474124377767893424865485276302219601246094119453082952085005768838150682342462881473913110540827237163350510684586298239947245938479716304835356329624224137216", "#x", "ok:0x10000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"),
        ("179769313486231590772930519078902473361797697894230657273430081157732675805500963132708477322407536021120113879871393357658789768814416622492847430639474124377767893424865485276302219601246094119453082952085005768838150682342462881473913110540827237163350510684586298239947245938479716304835356329624224137216", "#X", "ok:0X10000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"),
        ("179769313486231590772930519078902473361797697894230657273430081157732675805500963132708477322407536021120113879871393357658789768814416622492847430639474124377767893424865485276302219601246094119453082952085005768838150682342462881473913110540827237163350510684586298239947245938479716304835356329624224137216", "#o", "ok:0o200000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"),
        ("179769313486231590772930519078902473361797697894230657273430081157732675805500963132708477322407536021120113879871393357658789768814416622492847430639474124377767893424865485276302219601246094119453082952085005768838150682342462881473913110540827237163350510684586298239947245938479716304835356329624224137216", "o", "ok:200000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"),
        ("179769313486231590772930519078902473361797697894230657273430081157732675805500963132708477322407536021120113879871393357658789768814416622492847430639474124377767893424865485276302219601246094119453082952085005768838150682342462881473913110540827237163350510684586298239947245938479716304835356329624224137216", "b", "ok:10000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"),
        ("179769313486231590772930519078902473361797697894230657273430081157732675805500963132708477322407536021120113879871393357658789768814416622492847430639474124377767893424865485276302219601246094119453082952085005768838150682342462881473913110540827237163350510684586298239947245938479716304835356329624224137216", "#b", "ok:0b10000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"),
        ("179769313486231590772930519078902473361797697894230657273430081157732675805500963132708477322407536021120113879871393357658789768814416622492847430639474124377767893424865485276302219601246094119453082952085005768838150682342462881473913110540827237163350510684586298239947245938479716304835356329624224137216", "#010b", "ok:0b10000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"),
        ("179769313486231590772930519078902473361797697894230657273430081157732675805500963132708477322407536021120113879871393357658789768814416622492847430639474124377767893424865485276302219601246094119453082952085005768838150682342462881473913110540827237163350510684586298239947245938479716304835356329624224137216", "c", "OverflowError:Python int too large to convert to C long"),
        ("179769313486231590772930519078902473361797697894230657273430081157732675805500963132708477322407536021120113879871393357658789768814416622492847430639474124377767893424865485276302219601246094119453082952085005768838150682342462881473913110540827237163350510684586298239947245938479716304835356329624224137216", "+c", "ValueError:Sign not allowed with integer format specifier 'c'"),
        ("179769313486231590772930519078902473361797697894230657273430081157732675805500963132708477322407536021120113879871393357658789768814416622492847430639474124377767893424865485276302219601246094119453082952085005768838150682342462881473913110540827237163350510684586298239947245938479716304835356329624224137216", "#c", "ValueError:Alternate form (#) not allowed with integer format specifier 'c'"),
        ("179769313486231590772930519078902473361797697894230657273430081157732675805500963132708477322407536021120113879871393357658789768814416622492847430639474124377767893424865485276302219601246094119453082952085005768838150682342462881473913110540827237163350510684586298239947245938479716304835356329624224137216", ">5c", "OverflowError:Python int too large to convert to C long"),
        ("179769313486231590772930519078902473361797697894230657273430081157732675805500963132708477322407536021120113879871393357658789768814416622492847430639474124377767893424865485276302219601246094119453082952085005768838150682342462881473913110540827237163350510684586298239947245938479716304835356329624224137216", "n", "ok:179769313486231590772930519078902473361797697894230657273430081157732675805500963132708477322407536021120113879871393357658789768814416622492847430639474124377767893424865485276302219601246094119453082952085005768838150682342462881473913110540827237163350510684586298239947245938479716304835356329624224137216"),
        ("179769313486231590772930519078902473361797697894230657273430081157732675805500963132708477322407536021120113879871393357658789768814416622492847430639474124377767893424865485276302219601246094119453082952085005768838150682342462881473913110540827237163350510684586298239947245938479716304835356329624224137216", ",n", "ValueError:Cannot specify ',' with 'n'."),
        ("179769313486231590772930519078902473361797697894230657273430081157732675805500963132708477322407536021120113879871393357658789768814416622492847430639474124377767893424865485276302219601246094119453082952085005768838150682342462881473913110540827237163350510684586298239947245938479716304835356329624224137216", ".2", "ValueError:Precision not allowed in integer format specifier"),
        ("179769313486231590772930519078902473361797697894230657273430081157732675805500963132708477322407536021120113879871393357658789768814416622492847430639474124377767893424865485276302219601246094119453082952085005768838150682342462881473913110540827237163350510684586298239947245938479716304835356329624224137216", "z", "ValueError:Negative zero coercion (z) not allowed in integer format specifier"),
        ("179769313486231590772930519078902473361797697894230657273430081157732675805500963132708477322407536021120113879871393357658789768814416622492847430639474124377767893424865485276302219601246094119453082952085005768838150682342462881473913110540827237163350510684586298239947245938479716304835356329624224137216", "e", "OverflowError:int too large to convert to float"),
        ("179769313486231590772930519078902473361797697894230657273430081157732675805500963132708477322407536021120113879871393357658789768814416622492847430639474124377767893424865485276302219601246094119453082952085005768838150682342462881473913110540827237163350510684586298239947245938479716304835356329624224137216", ".2f", "OverflowError:int too large to convert to float"),
        ("179769313486231590772930519078902473361797697894230657273430081157732675805500963132708477322407536021120113879871393357658789768814416622492847430639474124377767893424865485276302219601246094119453082952085005768838150682342462881473913110540827237163350510684586298239947245938479716304835356329624224137216", "%", "OverflowError:int too large to convert to float"),
        ("179769313486231590772930519078902473361797697894230657273430081157732675805500963132708477322407536021120113879871393357658789768814416622492847430639474124377767893424865485276302219601246094119453082952085005768838150682342462881473913110540827237163350510684586298239947245938479716304835356329624224137216", ".2%", "OverflowError:int too large to convert to float"),
        ("179769313486231590772930519078902473361797697894230657273430081157732675805500963132708477322407536021120113879871393357658789768814416622492847430639474124377767893424865485276302219601246094119453082952085005768838150682342462881473913110540827237163350510684586298239947245938479716304835356329624224137216", "g", "OverflowError:int too large to convert to float"),
        ("179769313486231590772930519078902473361797697894230657273430081157732675805500963132708477322407536021120113879871393357658789768814416622492847430639474124377767893424865485276302219601246094119453082952085005768838150682342462881473913110540827237163350510684586298239947245938479716304835356329624224137216", "E", "OverflowError:int too large to convert to float"),
        ("179769313486231590772930519078902473361797697894230657273430081157732675805500963132708477322407536021120113879871393357658789768814416622492847430639474124377767893424865485276302219601246094119453082952085005768838150682342462881473913110540827237163350510684586298239947245938479716304835356329624224137216", ",f", "OverflowError:int too large to convert to float"),
        ("179769313486231590772930519078902473361797697894230657273430081157732675805500963132708477322407536021120113879871393357658789768814416622492847430639474124377767893424865485276302219601246094119453082952085005768838150682342462881473913110540827237163350510684586298239947245938479716304835356329624224137216", "q", "ValueError:Unknown format code 'q' for object of type 'int'"),
        ("179769313486231590772930519078902473361797697894230657273430081157732675805500963132708477322407536021120113879871393357658789768814416622492847430639474124377767893424865485276302219601246094119453082952085005768838150682342462881473913110540827237163350510684586298239947245938479716304835356329624224137216", "xx", "ValueError:Invalid format specifier 'xx' for object of type 'int'"),
        ("179769313486231590772930519078902473361797697894230657273430081157732675805500963132708477322407536021120113879871393357658789768814416622492847430639474124377767893424865485276302219601246094119453082952085005768838150682342462881473913110540827237163350510684586298239947245938479716304835356329624224137216", ",s", "ValueError:Cannot specify ',' with 's'."),
        ("179769313486231590772930519078902473361797697894230657273430081157732675805500963132708477322407536021120113879871393357658789768814416622492847430639474124377767893424865485276302219601246094119453082952085005768838150682342462881473913110540827237163350510684586298239947245938479716304835356329624224137216", "_c", "ValueError:Cannot specify '_' with 'c'."),
        ("179769313486231590772930519078902473361797697894230657273430081157732675805500963132708477322407536021120113879871393357658789768814416622492847430639474124377767893424865485276302219601246094119453082952085005768838150682342462881473913110540827237163350510684586298239947245938479716304835356329624224137216", "0=+12,", "ok:+179,769,313,486,231,590,772,930,519,078,902,473,361,797,697,894,230,657,273,430,081,157,732,675,805,500,963,132,708,477,322,407,536,021,120,113,879,871,393,357,658,789,768,814,416,622,492,847,430,639,474,124,377,767,893,424,865,485,276,302,219,601,246,094,119,453,082,952,085,005,768,838,150,682,342,462,881,473,913,110,540,827,237,163,350,510,684,586,298,239,947,245,938,479,716,304,835,356,329,624,224,137,216"),
        ("179769313486231590772930519078902473361797697894230657273430081157732675805500963132708477322407536021120113879871393357658789768814416622492847430639474124377767893424865485276302219601246094119453082952085005768838150682342462881473913110540827237163350510684586298239947245938479716304835356329624224137216", "x<8X", "ok:10000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"),
        ("179769313486231590772930519078902473361797697894230657273430081157732675805500963132708477322407536021120113879871393357658789768814416622492847430639474124377767893424865485276302219601246094119453082952085005768838150682342462881473913110540827237163350510684586298239947245938479716304835356329624224137216", "\u{1}", "ValueError:Unknown format code '\\x1' for object of type 'int'"),
        ("179769313486231590772930519078902473361797697894230657273430081157732675805500963132708477322407536021120113879871393357658789768814416622492847430639474124377767893424865485276302219601246094119453082952085005768838150682342462881473913110540827237163350510684586298239947245938479716304835356329624224137216", ",_", "ValueError:Cannot specify both ',' and '_'."),
        ("179769313486231590772930519078902473361797697894230657273430081157732675805500963132708477322407536021120113879871393357658789768814416622492847430639474124377767893424865485276302219601246094119453082952085005768838150682342462881473913110540827237163350510684586298239947245938479716304835356329624224137216", "_,", "ValueError:Cannot specify both ',' and '_'."),
        ("179769313486231590772930519078902473361797697894230657273430081157732675805500963132708477322407536021120113879871393357658789768814416622492847430639474124377767893424865485276302219601246094119453082952085005768838150682342462881473913110540827237163350510684586298239947245938479716304835356329624224137216", ".", "ValueError:Format specifier missing precision"),
        ("179769313486231590772930519078902473361797697894230657273430081157732675805500963132708477322407536021120113879871393357658789768814416622492847430639474124377767893424865485276302219601246094119453082952085005768838150682342462881473913110540827237163350510684586298239947245938479716304835356329624224137216", "1.", "ValueError:Format specifier missing precision"),
        ("179769313486231590772930519078902473361797697894230657273430081157732675805500963132708477322407536021120113879871393357658789768814416622492847430639474124377767893424865485276302219601246094119453082952085005768838150682342462881473913110540827237163350510684586298239947245938479716304835356329624224137216", "99999999999999999999999", "ValueError:Too many decimal digits in format string"),
        ("179769313486231590772930519078902473361797697894230657273430081157732675805500963132708477322407536021120113879871393357658789768814416622492847430639474124377767893424865485276302219601246094119453082952085005768838150682342462881473913110540827237163350510684586298239947245938479716304835356329624224137216", "_o", "ok:20_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000"),
        ("179769313486231590772930519078902473361797697894230657273430081157732675805500963132708477322407536021120113879871393357658789768814416622492847430639474124377767893424865485276302219601246094119453082952085005768838150682342462881473913110540827237163350510684586298239947245938479716304835356329624224137216", ",x", "ValueError:Cannot specify ',' with 'x'."),
        ("179769313486231590772930519078902473361797697894230657273430081157732675805500963132708477322407536021120113879871393357658789768814416622492847430639474124377767893424865485276302219601246094119453082952085005768838150682342462881473913110540827237163350510684586298239947245938479716304835356329624224137216", "#012_x", "ok:0x1_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000"),
        ("179769313486231590772930519078902473361797697894230657273430081157732675805500963132708477322407536021120113879871393357658789768814416622492847430639474124377767893424865485276302219601246094119453082952085005768838150682342462881473913110540827237163350510684586298239947245938479716304835356329624224137216", "-^+#012,", "ok:+179,769,313,486,231,590,772,930,519,078,902,473,361,797,697,894,230,657,273,430,081,157,732,675,805,500,963,132,708,477,322,407,536,021,120,113,879,871,393,357,658,789,768,814,416,622,492,847,430,639,474,124,377,767,893,424,865,485,276,302,219,601,246,094,119,453,082,952,085,005,768,838,150,682,342,462,881,473,913,110,540,827,237,163,350,510,684,586,298,239,947,245,938,479,716,304,835,356,329,624,224,137,216"),
        ("179769313486231590772930519078902473361797697894230657273430081157732675805500963132708477322407536021120113879871393357658789768814416622492847430639474124377767893424865485276302219601246094119453082952085005768838150682342462881473913110540827237163350510684586298239947245938479716304835356329624224137216", "é>6", "ok:179769313486231590772930519078902473361797697894230657273430081157732675805500963132708477322407536021120113879871393357658789768814416622492847430639474124377767893424865485276302219601246094119453082952085005768838150682342462881473913110540827237163350510684586298239947245938479716304835356329624224137216"),
        ("179769313486231590772930519078902473361797697894230657273430081157732675805500963132708477322407536021120113879871393357658789768814416622492847430639474124377767893424865485276302219601246094119453082952085005768838150682342462881473913110540827237163350510684586298239947245938479716304835356329624224137216", "0<6", "ok:179769313486231590772930519078902473361797697894230657273430081157732675805500963132708477322407536021120113879871393357658789768814416622492847430639474124377767893424865485276302219601246094119453082952085005768838150682342462881473913110540827237163350510684586298239947245938479716304835356329624224137216"),
        ("179769313486231590772930519078902473361797697894230657273430081157732675805500963132708477322407536021120113879871393357658789768814416622492847430639474124377767893424865485276302219601246094119453082952085005768838150682342462881473913110540827237163350510684586298239947245938479716304835356329624224137216", "0>6", "ok:179769313486231590772930519078902473361797697894230657273430081157732675805500963132708477322407536021120113879871393357658789768814416622492847430639474124377767893424865485276302219601246094119453082952085005768838150682342462881473913110540827237163350510684586298239947245938479716304835356329624224137216"),
        ("179769313486231590772930519078902473361797697894230657273430081157732675805500963132708477322407536021120113879871393357658789768814416622492847430639474124377767893424865485276302219601246094119453082952085005768838150682342462881473913110540827237163350510684586298239947245938479716304835356329624224137216", "0^7", "ok:179769313486231590772930519078902473361797697894230657273430081157732675805500963132708477322407536021120113879871393357658789768814416622492847430639474124377767893424865485276302219601246094119453082952085005768838150682342462881473913110540827237163350510684586298239947245938479716304835356329624224137216"),
        ("179769313486231590772930519078902473361797697894230657273430081157732675805500963132708477322407536021120113879871393357658789768814416622492847430639474124377767893424865485276302219601246094119453082952085005768838150682342462881473913110540827237163350510684586298239947245938479716304835356329624224137216", " 07_", "ok: 179_769_313_486_231_590_772_930_519_078_902_473_361_797_697_894_230_657_273_430_081_157_732_675_805_500_963_132_708_477_322_407_536_021_120_113_879_871_393_357_658_789_768_814_416_622_492_847_430_639_474_124_377_767_893_424_865_485_276_302_219_601_246_094_119_453_082_952_085_005_768_838_150_682_342_462_881_473_913_110_540_827_237_163_350_510_684_586_298_239_947_245_938_479_716_304_835_356_329_624_224_137_216"),
    ];
    const FLOAT_CASES: &[(f64, &str, &str)] = &[
        (f64::from_bits(0x0000000000000000), "", "ok:0.0"),
        (f64::from_bits(0x0000000000000000), ".3", "ok:0.0"),
        (f64::from_bits(0x0000000000000000), ".2", "ok:0.0"),
        (f64::from_bits(0x0000000000000000), ".0", "ok:0e+00"),
        (f64::from_bits(0x0000000000000000), "10", "ok:       0.0"),
        (f64::from_bits(0x0000000000000000), "<10", "ok:0.0       "),
        (
            f64::from_bits(0x0000000000000000),
            "^10.2f",
            "ok:   0.00   ",
        ),
        (
            f64::from_bits(0x0000000000000000),
            "=+12.3",
            "ok:+        0.0",
        ),
        (f64::from_bits(0x0000000000000000), "08.2f", "ok:00000.00"),
        (f64::from_bits(0x0000000000000000), "+.3e", "ok:+0.000e+00"),
        (f64::from_bits(0x0000000000000000), "e", "ok:0.000000e+00"),
        (f64::from_bits(0x0000000000000000), "E", "ok:0.000000E+00"),
        (f64::from_bits(0x0000000000000000), "f", "ok:0.000000"),
        (f64::from_bits(0x0000000000000000), "F", "ok:0.000000"),
        (f64::from_bits(0x0000000000000000), "g", "ok:0"),
        (f64::from_bits(0x0000000000000000), "G", "ok:0"),
        (f64::from_bits(0x0000000000000000), ".3g", "ok:0"),
        (f64::from_bits(0x0000000000000000), "#.3g", "ok:0.00"),
        (f64::from_bits(0x0000000000000000), "#g", "ok:0.00000"),
        (f64::from_bits(0x0000000000000000), ".2%", "ok:0.00%"),
        (f64::from_bits(0x0000000000000000), "%", "ok:0.000000%"),
        (f64::from_bits(0x0000000000000000), ",", "ok:0.0"),
        (f64::from_bits(0x0000000000000000), ",.2f", "ok:0.00"),
        (f64::from_bits(0x0000000000000000), "_.3f", "ok:0.000"),
        (
            f64::from_bits(0x0000000000000000),
            "012,.2f",
            "ok:0,000,000.00",
        ),
        (f64::from_bits(0x0000000000000000), "n", "ok:0"),
        (f64::from_bits(0x0000000000000000), ".3n", "ok:0"),
        (f64::from_bits(0x0000000000000000), "z", "ok:0.0"),
        (f64::from_bits(0x0000000000000000), "z.1f", "ok:0.0"),
        (f64::from_bits(0x0000000000000000), " ", "ok: 0.0"),
        (f64::from_bits(0x0000000000000000), "+", "ok:+0.0"),
        (f64::from_bits(0x0000000000000000), "#", "ok:0.0"),
        (f64::from_bits(0x0000000000000000), "#.0f", "ok:0."),
        (f64::from_bits(0x0000000000000000), "#.0e", "ok:0.e+00"),
        (f64::from_bits(0x0000000000000000), ".0e", "ok:0e+00"),
        (
            f64::from_bits(0x0000000000000000),
            "d",
            "ValueError:Unknown format code 'd' for object of type 'float'",
        ),
        (
            f64::from_bits(0x0000000000000000),
            "x",
            "ValueError:Unknown format code 'x' for object of type 'float'",
        ),
        (
            f64::from_bits(0x0000000000000000),
            "s",
            "ValueError:Unknown format code 's' for object of type 'float'",
        ),
        (
            f64::from_bits(0x0000000000000000),
            "c",
            "ValueError:Unknown format code 'c' for object of type 'float'",
        ),
        (
            f64::from_bits(0x0000000000000000),
            "xx",
            "ValueError:Invalid format specifier 'xx' for object of type 'float'",
        ),
        (
            f64::from_bits(0x0000000000000000),
            ",n",
            "ValueError:Cannot specify ',' with 'n'.",
        ),
        (f64::from_bits(0x0000000000000000), "010", "ok:00000000.0"),
        (f64::from_bits(0x0000000000000000), "010.3", "ok:00000000.0"),
        (
            f64::from_bits(0x0000000000000000),
            "*>+10.2e",
            "ok:*+0.00e+00",
        ),
        (f64::from_bits(0x0000000000000000), ".17g", "ok:0"),
        (
            f64::from_bits(0x0000000000000000),
            ".20f",
            "ok:0.00000000000000000000",
        ),
        (f64::from_bits(0x0000000000000000), "_", "ok:0.0"),
        (f64::from_bits(0x0000000000000000), "z.0f", "ok:0"),
        (
            f64::from_bits(0x0000000000000000),
            ".3000000000f",
            "ValueError:precision too big",
        ),
        (f64::from_bits(0x0000000000000000), "#.0", "ok:0.e+00"),
        (f64::from_bits(0x0000000000000000), "+z08.1f", "ok:+00000.0"),
        (f64::from_bits(0x0000000000000000), "^", "ok:0.0"),
        (f64::from_bits(0x0000000000000000), "=", "ok:0.0"),
        (
            f64::from_bits(0x0000000000000000),
            "0=12",
            "ok:0000000000.0",
        ),
        (f64::from_bits(0x8000000000000000), "", "ok:-0.0"),
        (f64::from_bits(0x8000000000000000), ".3", "ok:-0.0"),
        (f64::from_bits(0x8000000000000000), ".2", "ok:-0.0"),
        (f64::from_bits(0x8000000000000000), ".0", "ok:-0e+00"),
        (f64::from_bits(0x8000000000000000), "10", "ok:      -0.0"),
        (f64::from_bits(0x8000000000000000), "<10", "ok:-0.0      "),
        (
            f64::from_bits(0x8000000000000000),
            "^10.2f",
            "ok:  -0.00   ",
        ),
        (
            f64::from_bits(0x8000000000000000),
            "=+12.3",
            "ok:-        0.0",
        ),
        (f64::from_bits(0x8000000000000000), "08.2f", "ok:-0000.00"),
        (f64::from_bits(0x8000000000000000), "+.3e", "ok:-0.000e+00"),
        (f64::from_bits(0x8000000000000000), "e", "ok:-0.000000e+00"),
        (f64::from_bits(0x8000000000000000), "E", "ok:-0.000000E+00"),
        (f64::from_bits(0x8000000000000000), "f", "ok:-0.000000"),
        (f64::from_bits(0x8000000000000000), "F", "ok:-0.000000"),
        (f64::from_bits(0x8000000000000000), "g", "ok:-0"),
        (f64::from_bits(0x8000000000000000), "G", "ok:-0"),
        (f64::from_bits(0x8000000000000000), ".3g", "ok:-0"),
        (f64::from_bits(0x8000000000000000), "#.3g", "ok:-0.00"),
        (f64::from_bits(0x8000000000000000), "#g", "ok:-0.00000"),
        (f64::from_bits(0x8000000000000000), ".2%", "ok:-0.00%"),
        (f64::from_bits(0x8000000000000000), "%", "ok:-0.000000%"),
        (f64::from_bits(0x8000000000000000), ",", "ok:-0.0"),
        (f64::from_bits(0x8000000000000000), ",.2f", "ok:-0.00"),
        (f64::from_bits(0x8000000000000000), "_.3f", "ok:-0.000"),
        (
            f64::from_bits(0x8000000000000000),
            "012,.2f",
            "ok:-0,000,000.00",
        ),
        (f64::from_bits(0x8000000000000000), "n", "ok:-0"),
        (f64::from_bits(0x8000000000000000), ".3n", "ok:-0"),
        (f64::from_bits(0x8000000000000000), "z", "ok:0.0"),
        (f64::from_bits(0x8000000000000000), "z.1f", "ok:0.0"),
        (f64::from_bits(0x8000000000000000), " ", "ok:-0.0"),
        (f64::from_bits(0x8000000000000000), "+", "ok:-0.0"),
        (f64::from_bits(0x8000000000000000), "#", "ok:-0.0"),
        (f64::from_bits(0x8000000000000000), "#.0f", "ok:-0."),
        (f64::from_bits(0x8000000000000000), "#.0e", "ok:-0.e+00"),
        (f64::from_bits(0x8000000000000000), ".0e", "ok:-0e+00"),
        (
            f64::from_bits(0x8000000000000000),
            "d",
            "ValueError:Unknown format code 'd' for object of type 'float'",
        ),
        (
            f64::from_bits(0x8000000000000000),
            "x",
            "ValueError:Unknown format code 'x' for object of type 'float'",
        ),
        (
            f64::from_bits(0x8000000000000000),
            "s",
            "ValueError:Unknown format code 's' for object of type 'float'",
        ),
        (
            f64::from_bits(0x8000000000000000),
            "c",
            "ValueError:Unknown format code 'c' for object of type 'float'",
        ),
        (
            f64::from_bits(0x8000000000000000),
            "xx",
            "ValueError:Invalid format specifier 'xx' for object of type 'float'",
        ),
        (
            f64::from_bits(0x8000000000000000),
            ",n",
            "ValueError:Cannot specify ',' with 'n'.",
        ),
        (f64::from_bits(0x8000000000000000), "010", "ok:-0000000.0"),
        (f64::from_bits(0x8000000000000000), "010.3", "ok:-0000000.0"),
        (
            f64::from_bits(0x8000000000000000),
            "*>+10.2e",
            "ok:*-0.00e+00",
        ),
        (f64::from_bits(0x8000000000000000), ".17g", "ok:-0"),
        (
            f64::from_bits(0x8000000000000000),
            ".20f",
            "ok:-0.00000000000000000000",
        ),
        (f64::from_bits(0x8000000000000000), "_", "ok:-0.0"),
        (f64::from_bits(0x8000000000000000), "z.0f", "ok:0"),
        (
            f64::from_bits(0x8000000000000000),
            ".3000000000f",
            "ValueError:precision too big",
        ),
        (f64::from_bits(0x8000000000000000), "#.0", "ok:-0.e+00"),
        (f64::from_bits(0x8000000000000000), "+z08.1f", "ok:+00000.0"),
        (f64::from_bits(0x8000000000000000), "^", "ok:-0.0"),
        (f64::from_bits(0x8000000000000000), "=", "ok:-0.0"),
        (
            f64::from_bits(0x8000000000000000),
            "0=12",
            "ok:-000000000.0",
        ),
        (f64::from_bits(0x3ff0000000000000), "", "ok:1.0"),
        (f64::from_bits(0x3ff0000000000000), ".3", "ok:1.0"),
        (f64::from_bits(0x3ff0000000000000), ".2", "ok:1.0"),
        (f64::from_bits(0x3ff0000000000000), ".0", "ok:1e+00"),
        (f64::from_bits(0x3ff0000000000000), "10", "ok:       1.0"),
        (f64::from_bits(0x3ff0000000000000), "<10", "ok:1.0       "),
        (
            f64::from_bits(0x3ff0000000000000),
            "^10.2f",
            "ok:   1.00   ",
        ),
        (
            f64::from_bits(0x3ff0000000000000),
            "=+12.3",
            "ok:+        1.0",
        ),
        (f64::from_bits(0x3ff0000000000000), "08.2f", "ok:00001.00"),
        (f64::from_bits(0x3ff0000000000000), "+.3e", "ok:+1.000e+00"),
        (f64::from_bits(0x3ff0000000000000), "e", "ok:1.000000e+00"),
        (f64::from_bits(0x3ff0000000000000), "E", "ok:1.000000E+00"),
        (f64::from_bits(0x3ff0000000000000), "f", "ok:1.000000"),
        (f64::from_bits(0x3ff0000000000000), "F", "ok:1.000000"),
        (f64::from_bits(0x3ff0000000000000), "g", "ok:1"),
        (f64::from_bits(0x3ff0000000000000), "G", "ok:1"),
        (f64::from_bits(0x3ff0000000000000), ".3g", "ok:1"),
        (f64::from_bits(0x3ff0000000000000), "#.3g", "ok:1.00"),
        (f64::from_bits(0x3ff0000000000000), "#g", "ok:1.00000"),
        (f64::from_bits(0x3ff0000000000000), ".2%", "ok:100.00%"),
        (f64::from_bits(0x3ff0000000000000), "%", "ok:100.000000%"),
        (f64::from_bits(0x3ff0000000000000), ",", "ok:1.0"),
        (f64::from_bits(0x3ff0000000000000), ",.2f", "ok:1.00"),
        (f64::from_bits(0x3ff0000000000000), "_.3f", "ok:1.000"),
        (
            f64::from_bits(0x3ff0000000000000),
            "012,.2f",
            "ok:0,000,001.00",
        ),
        (f64::from_bits(0x3ff0000000000000), "n", "ok:1"),
        (f64::from_bits(0x3ff0000000000000), ".3n", "ok:1"),
        (f64::from_bits(0x3ff0000000000000), "z", "ok:1.0"),
        (f64::from_bits(0x3ff0000000000000), "z.1f", "ok:1.0"),
        (f64::from_bits(0x3ff0000000000000), " ", "ok: 1.0"),
        (f64::from_bits(0x3ff0000000000000), "+", "ok:+1.0"),
        (f64::from_bits(0x3ff0000000000000), "#", "ok:1.0"),
        (f64::from_bits(0x3ff0000000000000), "#.0f", "ok:1."),
        (f64::from_bits(0x3ff0000000000000), "#.0e", "ok:1.e+00"),
        (f64::from_bits(0x3ff0000000000000), ".0e", "ok:1e+00"),
        (
            f64::from_bits(0x3ff0000000000000),
            "d",
            "ValueError:Unknown format code 'd' for object of type 'float'",
        ),
        (
            f64::from_bits(0x3ff0000000000000),
            "x",
            "ValueError:Unknown format code 'x' for object of type 'float'",
        ),
        (
            f64::from_bits(0x3ff0000000000000),
            "s",
            "ValueError:Unknown format code 's' for object of type 'float'",
        ),
        (
            f64::from_bits(0x3ff0000000000000),
            "c",
            "ValueError:Unknown format code 'c' for object of type 'float'",
        ),
        (
            f64::from_bits(0x3ff0000000000000),
            "xx",
            "ValueError:Invalid format specifier 'xx' for object of type 'float'",
        ),
        (
            f64::from_bits(0x3ff0000000000000),
            ",n",
            "ValueError:Cannot specify ',' with 'n'.",
        ),
        (f64::from_bits(0x3ff0000000000000), "010", "ok:00000001.0"),
        (f64::from_bits(0x3ff0000000000000), "010.3", "ok:00000001.0"),
        (
            f64::from_bits(0x3ff0000000000000),
            "*>+10.2e",
            "ok:*+1.00e+00",
        ),
        (f64::from_bits(0x3ff0000000000000), ".17g", "ok:1"),
        (
            f64::from_bits(0x3ff0000000000000),
            ".20f",
            "ok:1.00000000000000000000",
        ),
        (f64::from_bits(0x3ff0000000000000), "_", "ok:1.0"),
        (f64::from_bits(0x3ff0000000000000), "z.0f", "ok:1"),
        (
            f64::from_bits(0x3ff0000000000000),
            ".3000000000f",
            "ValueError:precision too big",
        ),
        (f64::from_bits(0x3ff0000000000000), "#.0", "ok:1.e+00"),
        (f64::from_bits(0x3ff0000000000000), "+z08.1f", "ok:+00001.0"),
        (f64::from_bits(0x3ff0000000000000), "^", "ok:1.0"),
        (f64::from_bits(0x3ff0000000000000), "=", "ok:1.0"),
        (
            f64::from_bits(0x3ff0000000000000),
            "0=12",
            "ok:0000000001.0",
        ),
        (f64::from_bits(0xbff8000000000000), "", "ok:-1.5"),
        (f64::from_bits(0xbff8000000000000), ".3", "ok:-1.5"),
        (f64::from_bits(0xbff8000000000000), ".2", "ok:-1.5"),
        (f64::from_bits(0xbff8000000000000), ".0", "ok:-2e+00"),
        (f64::from_bits(0xbff8000000000000), "10", "ok:      -1.5"),
        (f64::from_bits(0xbff8000000000000), "<10", "ok:-1.5      "),
        (
            f64::from_bits(0xbff8000000000000),
            "^10.2f",
            "ok:  -1.50   ",
        ),
        (
            f64::from_bits(0xbff8000000000000),
            "=+12.3",
            "ok:-        1.5",
        ),
        (f64::from_bits(0xbff8000000000000), "08.2f", "ok:-0001.50"),
        (f64::from_bits(0xbff8000000000000), "+.3e", "ok:-1.500e+00"),
        (f64::from_bits(0xbff8000000000000), "e", "ok:-1.500000e+00"),
        (f64::from_bits(0xbff8000000000000), "E", "ok:-1.500000E+00"),
        (f64::from_bits(0xbff8000000000000), "f", "ok:-1.500000"),
        (f64::from_bits(0xbff8000000000000), "F", "ok:-1.500000"),
        (f64::from_bits(0xbff8000000000000), "g", "ok:-1.5"),
        (f64::from_bits(0xbff8000000000000), "G", "ok:-1.5"),
        (f64::from_bits(0xbff8000000000000), ".3g", "ok:-1.5"),
        (f64::from_bits(0xbff8000000000000), "#.3g", "ok:-1.50"),
        (f64::from_bits(0xbff8000000000000), "#g", "ok:-1.50000"),
        (f64::from_bits(0xbff8000000000000), ".2%", "ok:-150.00%"),
        (f64::from_bits(0xbff8000000000000), "%", "ok:-150.000000%"),
        (f64::from_bits(0xbff8000000000000), ",", "ok:-1.5"),
        (f64::from_bits(0xbff8000000000000), ",.2f", "ok:-1.50"),
        (f64::from_bits(0xbff8000000000000), "_.3f", "ok:-1.500"),
        (
            f64::from_bits(0xbff8000000000000),
            "012,.2f",
            "ok:-0,000,001.50",
        ),
        (f64::from_bits(0xbff8000000000000), "n", "ok:-1.5"),
        (f64::from_bits(0xbff8000000000000), ".3n", "ok:-1.5"),
        (f64::from_bits(0xbff8000000000000), "z", "ok:-1.5"),
        (f64::from_bits(0xbff8000000000000), "z.1f", "ok:-1.5"),
        (f64::from_bits(0xbff8000000000000), " ", "ok:-1.5"),
        (f64::from_bits(0xbff8000000000000), "+", "ok:-1.5"),
        (f64::from_bits(0xbff8000000000000), "#", "ok:-1.5"),
        (f64::from_bits(0xbff8000000000000), "#.0f", "ok:-2."),
        (f64::from_bits(0xbff8000000000000), "#.0e", "ok:-2.e+00"),
        (f64::from_bits(0xbff8000000000000), ".0e", "ok:-2e+00"),
        (
            f64::from_bits(0xbff8000000000000),
            "d",
            "ValueError:Unknown format code 'd' for object of type 'float'",
        ),
        (
            f64::from_bits(0xbff8000000000000),
            "x",
            "ValueError:Unknown format code 'x' for object of type 'float'",
        ),
        (
            f64::from_bits(0xbff8000000000000),
            "s",
            "ValueError:Unknown format code 's' for object of type 'float'",
        ),
        (
            f64::from_bits(0xbff8000000000000),
            "c",
            "ValueError:Unknown format code 'c' for object of type 'float'",
        ),
        (
            f64::from_bits(0xbff8000000000000),
            "xx",
            "ValueError:Invalid format specifier 'xx' for object of type 'float'",
        ),
        (
            f64::from_bits(0xbff8000000000000),
            ",n",
            "ValueError:Cannot specify ',' with 'n'.",
        ),
        (f64::from_bits(0xbff8000000000000), "010", "ok:-0000001.5"),
        (f64::from_bits(0xbff8000000000000), "010.3", "ok:-0000001.5"),
        (
            f64::from_bits(0xbff8000000000000),
            "*>+10.2e",
            "ok:*-1.50e+00",
        ),
        (f64::from_bits(0xbff8000000000000), ".17g", "ok:-1.5"),
        (
            f64::from_bits(0xbff8000000000000),
            ".20f",
            "ok:-1.50000000000000000000",
        ),
        (f64::from_bits(0xbff8000000000000), "_", "ok:-1.5"),
        (f64::from_bits(0xbff8000000000000), "z.0f", "ok:-2"),
        (
            f64::from_bits(0xbff8000000000000),
            ".3000000000f",
            "ValueError:precision too big",
        ),
        (f64::from_bits(0xbff8000000000000), "#.0", "ok:-2.e+00"),
        (f64::from_bits(0xbff8000000000000), "+z08.1f", "ok:-00001.5"),
        (f64::from_bits(0xbff8000000000000), "^", "ok:-1.5"),
        (f64::from_bits(0xbff8000000000000), "=", "ok:-1.5"),
        (
            f64::from_bits(0xbff8000000000000),
            "0=12",
            "ok:-000000001.5",
        ),
        (f64::from_bits(0x3fc0000000000000), "", "ok:0.125"),
        (f64::from_bits(0x3fc0000000000000), ".3", "ok:0.125"),
        (f64::from_bits(0x3fc0000000000000), ".2", "ok:0.12"),
        (f64::from_bits(0x3fc0000000000000), ".0", "ok:0.1"),
        (f64::from_bits(0x3fc0000000000000), "10", "ok:     0.125"),
        (f64::from_bits(0x3fc0000000000000), "<10", "ok:0.125     "),
        (
            f64::from_bits(0x3fc0000000000000),
            "^10.2f",
            "ok:   0.12   ",
        ),
        (
            f64::from_bits(0x3fc0000000000000),
            "=+12.3",
            "ok:+      0.125",
        ),
        (f64::from_bits(0x3fc0000000000000), "08.2f", "ok:00000.12"),
        (f64::from_bits(0x3fc0000000000000), "+.3e", "ok:+1.250e-01"),
        (f64::from_bits(0x3fc0000000000000), "e", "ok:1.250000e-01"),
        (f64::from_bits(0x3fc0000000000000), "E", "ok:1.250000E-01"),
        (f64::from_bits(0x3fc0000000000000), "f", "ok:0.125000"),
        (f64::from_bits(0x3fc0000000000000), "F", "ok:0.125000"),
        (f64::from_bits(0x3fc0000000000000), "g", "ok:0.125"),
        (f64::from_bits(0x3fc0000000000000), "G", "ok:0.125"),
        (f64::from_bits(0x3fc0000000000000), ".3g", "ok:0.125"),
        (f64::from_bits(0x3fc0000000000000), "#.3g", "ok:0.125"),
        (f64::from_bits(0x3fc0000000000000), "#g", "ok:0.125000"),
        (f64::from_bits(0x3fc0000000000000), ".2%", "ok:12.50%"),
        (f64::from_bits(0x3fc0000000000000), "%", "ok:12.500000%"),
        (f64::from_bits(0x3fc0000000000000), ",", "ok:0.125"),
        (f64::from_bits(0x3fc0000000000000), ",.2f", "ok:0.12"),
        (f64::from_bits(0x3fc0000000000000), "_.3f", "ok:0.125"),
        (
            f64::from_bits(0x3fc0000000000000),
            "012,.2f",
            "ok:0,000,000.12",
        ),
        (f64::from_bits(0x3fc0000000000000), "n", "ok:0.125"),
        (f64::from_bits(0x3fc0000000000000), ".3n", "ok:0.125"),
        (f64::from_bits(0x3fc0000000000000), "z", "ok:0.125"),
        (f64::from_bits(0x3fc0000000000000), "z.1f", "ok:0.1"),
        (f64::from_bits(0x3fc0000000000000), " ", "ok: 0.125"),
        (f64::from_bits(0x3fc0000000000000), "+", "ok:+0.125"),
        (f64::from_bits(0x3fc0000000000000), "#", "ok:0.125"),
        (f64::from_bits(0x3fc0000000000000), "#.0f", "ok:0."),
        (f64::from_bits(0x3fc0000000000000), "#.0e", "ok:1.e-01"),
        (f64::from_bits(0x3fc0000000000000), ".0e", "ok:1e-01"),
        (
            f64::from_bits(0x3fc0000000000000),
            "d",
            "ValueError:Unknown format code 'd' for object of type 'float'",
        ),
        (
            f64::from_bits(0x3fc0000000000000),
            "x",
            "ValueError:Unknown format code 'x' for object of type 'float'",
        ),
        (
            f64::from_bits(0x3fc0000000000000),
            "s",
            "ValueError:Unknown format code 's' for object of type 'float'",
        ),
        (
            f64::from_bits(0x3fc0000000000000),
            "c",
            "ValueError:Unknown format code 'c' for object of type 'float'",
        ),
        (
            f64::from_bits(0x3fc0000000000000),
            "xx",
            "ValueError:Invalid format specifier 'xx' for object of type 'float'",
        ),
        (
            f64::from_bits(0x3fc0000000000000),
            ",n",
            "ValueError:Cannot specify ',' with 'n'.",
        ),
        (f64::from_bits(0x3fc0000000000000), "010", "ok:000000.125"),
        (f64::from_bits(0x3fc0000000000000), "010.3", "ok:000000.125"),
        (
            f64::from_bits(0x3fc0000000000000),
            "*>+10.2e",
            "ok:*+1.25e-01",
        ),
        (f64::from_bits(0x3fc0000000000000), ".17g", "ok:0.125"),
        (
            f64::from_bits(0x3fc0000000000000),
            ".20f",
            "ok:0.12500000000000000000",
        ),
        (f64::from_bits(0x3fc0000000000000), "_", "ok:0.125"),
        (f64::from_bits(0x3fc0000000000000), "z.0f", "ok:0"),
        (
            f64::from_bits(0x3fc0000000000000),
            ".3000000000f",
            "ValueError:precision too big",
        ),
        (f64::from_bits(0x3fc0000000000000), "#.0", "ok:0.1"),
        (f64::from_bits(0x3fc0000000000000), "+z08.1f", "ok:+00000.1"),
        (f64::from_bits(0x3fc0000000000000), "^", "ok:0.125"),
        (f64::from_bits(0x3fc0000000000000), "=", "ok:0.125"),
        (
            f64::from_bits(0x3fc0000000000000),
            "0=12",
            "ok:00000000.125",
        ),
        (f64::from_bits(0x40934a0000000000), "", "ok:1234.5"),
        (f64::from_bits(0x40934a0000000000), ".3", "ok:1.23e+03"),
        (f64::from_bits(0x40934a0000000000), ".2", "ok:1.2e+03"),
        (f64::from_bits(0x40934a0000000000), ".0", "ok:1e+03"),
        (f64::from_bits(0x40934a0000000000), "10", "ok:    1234.5"),
        (f64::from_bits(0x40934a0000000000), "<10", "ok:1234.5    "),
        (
            f64::from_bits(0x40934a0000000000),
            "^10.2f",
            "ok: 1234.50  ",
        ),
        (
            f64::from_bits(0x40934a0000000000),
            "=+12.3",
            "ok:+   1.23e+03",
        ),
        (f64::from_bits(0x40934a0000000000), "08.2f", "ok:01234.50"),
        (f64::from_bits(0x40934a0000000000), "+.3e", "ok:+1.234e+03"),
        (f64::from_bits(0x40934a0000000000), "e", "ok:1.234500e+03"),
        (f64::from_bits(0x40934a0000000000), "E", "ok:1.234500E+03"),
        (f64::from_bits(0x40934a0000000000), "f", "ok:1234.500000"),
        (f64::from_bits(0x40934a0000000000), "F", "ok:1234.500000"),
        (f64::from_bits(0x40934a0000000000), "g", "ok:1234.5"),
        (f64::from_bits(0x40934a0000000000), "G", "ok:1234.5"),
        (f64::from_bits(0x40934a0000000000), ".3g", "ok:1.23e+03"),
        (f64::from_bits(0x40934a0000000000), "#.3g", "ok:1.23e+03"),
        (f64::from_bits(0x40934a0000000000), "#g", "ok:1234.50"),
        (f64::from_bits(0x40934a0000000000), ".2%", "ok:123450.00%"),
        (f64::from_bits(0x40934a0000000000), "%", "ok:123450.000000%"),
        (f64::from_bits(0x40934a0000000000), ",", "ok:1,234.5"),
        (f64::from_bits(0x40934a0000000000), ",.2f", "ok:1,234.50"),
        (f64::from_bits(0x40934a0000000000), "_.3f", "ok:1_234.500"),
        (
            f64::from_bits(0x40934a0000000000),
            "012,.2f",
            "ok:0,001,234.50",
        ),
        (f64::from_bits(0x40934a0000000000), "n", "ok:1234.5"),
        (f64::from_bits(0x40934a0000000000), ".3n", "ok:1.23e+03"),
        (f64::from_bits(0x40934a0000000000), "z", "ok:1234.5"),
        (f64::from_bits(0x40934a0000000000), "z.1f", "ok:1234.5"),
        (f64::from_bits(0x40934a0000000000), " ", "ok: 1234.5"),
        (f64::from_bits(0x40934a0000000000), "+", "ok:+1234.5"),
        (f64::from_bits(0x40934a0000000000), "#", "ok:1234.5"),
        (f64::from_bits(0x40934a0000000000), "#.0f", "ok:1234."),
        (f64::from_bits(0x40934a0000000000), "#.0e", "ok:1.e+03"),
        (f64::from_bits(0x40934a0000000000), ".0e", "ok:1e+03"),
        (
            f64::from_bits(0x40934a0000000000),
            "d",
            "ValueError:Unknown format code 'd' for object of type 'float'",
        ),
        (
            f64::from_bits(0x40934a0000000000),
            "x",
            "ValueError:Unknown format code 'x' for object of type 'float'",
        ),
        (
            f64::from_bits(0x40934a0000000000),
            "s",
            "ValueError:Unknown format code 's' for object of type 'float'",
        ),
        (
            f64::from_bits(0x40934a0000000000),
            "c",
            "ValueError:Unknown format code 'c' for object of type 'float'",
        ),
        (
            f64::from_bits(0x40934a0000000000),
            "xx",
            "ValueError:Invalid format specifier 'xx' for object of type 'float'",
        ),
        (
            f64::from_bits(0x40934a0000000000),
            ",n",
            "ValueError:Cannot specify ',' with 'n'.",
        ),
        (f64::from_bits(0x40934a0000000000), "010", "ok:00001234.5"),
        (f64::from_bits(0x40934a0000000000), "010.3", "ok:001.23e+03"),
        (
            f64::from_bits(0x40934a0000000000),
            "*>+10.2e",
            "ok:*+1.23e+03",
        ),
        (f64::from_bits(0x40934a0000000000), ".17g", "ok:1234.5"),
        (
            f64::from_bits(0x40934a0000000000),
            ".20f",
            "ok:1234.50000000000000000000",
        ),
        (f64::from_bits(0x40934a0000000000), "_", "ok:1_234.5"),
        (f64::from_bits(0x40934a0000000000), "z.0f", "ok:1234"),
        (
            f64::from_bits(0x40934a0000000000),
            ".3000000000f",
            "ValueError:precision too big",
        ),
        (f64::from_bits(0x40934a0000000000), "#.0", "ok:1.e+03"),
        (f64::from_bits(0x40934a0000000000), "+z08.1f", "ok:+01234.5"),
        (f64::from_bits(0x40934a0000000000), "^", "ok:1234.5"),
        (f64::from_bits(0x40934a0000000000), "=", "ok:1234.5"),
        (
            f64::from_bits(0x40934a0000000000),
            "0=12",
            "ok:0000001234.5",
        ),
        (f64::from_bits(0x4132d687e4189375), "", "ok:1234567.891"),
        (f64::from_bits(0x4132d687e4189375), ".3", "ok:1.23e+06"),
        (f64::from_bits(0x4132d687e4189375), ".2", "ok:1.2e+06"),
        (f64::from_bits(0x4132d687e4189375), ".0", "ok:1e+06"),
        (f64::from_bits(0x4132d687e4189375), "10", "ok:1234567.891"),
        (f64::from_bits(0x4132d687e4189375), "<10", "ok:1234567.891"),
        (
            f64::from_bits(0x4132d687e4189375),
            "^10.2f",
            "ok:1234567.89",
        ),
        (
            f64::from_bits(0x4132d687e4189375),
            "=+12.3",
            "ok:+   1.23e+06",
        ),
        (f64::from_bits(0x4132d687e4189375), "08.2f", "ok:1234567.89"),
        (f64::from_bits(0x4132d687e4189375), "+.3e", "ok:+1.235e+06"),
        (f64::from_bits(0x4132d687e4189375), "e", "ok:1.234568e+06"),
        (f64::from_bits(0x4132d687e4189375), "E", "ok:1.234568E+06"),
        (f64::from_bits(0x4132d687e4189375), "f", "ok:1234567.891000"),
        (f64::from_bits(0x4132d687e4189375), "F", "ok:1234567.891000"),
        (f64::from_bits(0x4132d687e4189375), "g", "ok:1.23457e+06"),
        (f64::from_bits(0x4132d687e4189375), "G", "ok:1.23457E+06"),
        (f64::from_bits(0x4132d687e4189375), ".3g", "ok:1.23e+06"),
        (f64::from_bits(0x4132d687e4189375), "#.3g", "ok:1.23e+06"),
        (f64::from_bits(0x4132d687e4189375), "#g", "ok:1.23457e+06"),
        (
            f64::from_bits(0x4132d687e4189375),
            ".2%",
            "ok:123456789.10%",
        ),
        (
            f64::from_bits(0x4132d687e4189375),
            "%",
            "ok:123456789.100000%",
        ),
        (f64::from_bits(0x4132d687e4189375), ",", "ok:1,234,567.891"),
        (
            f64::from_bits(0x4132d687e4189375),
            ",.2f",
            "ok:1,234,567.89",
        ),
        (
            f64::from_bits(0x4132d687e4189375),
            "_.3f",
            "ok:1_234_567.891",
        ),
        (
            f64::from_bits(0x4132d687e4189375),
            "012,.2f",
            "ok:1,234,567.89",
        ),
        (f64::from_bits(0x4132d687e4189375), "n", "ok:1.23457e+06"),
        (f64::from_bits(0x4132d687e4189375), ".3n", "ok:1.23e+06"),
        (f64::from_bits(0x4132d687e4189375), "z", "ok:1234567.891"),
        (f64::from_bits(0x4132d687e4189375), "z.1f", "ok:1234567.9"),
        (f64::from_bits(0x4132d687e4189375), " ", "ok: 1234567.891"),
        (f64::from_bits(0x4132d687e4189375), "+", "ok:+1234567.891"),
        (f64::from_bits(0x4132d687e4189375), "#", "ok:1234567.891"),
        (f64::from_bits(0x4132d687e4189375), "#.0f", "ok:1234568."),
        (f64::from_bits(0x4132d687e4189375), "#.0e", "ok:1.e+06"),
        (f64::from_bits(0x4132d687e4189375), ".0e", "ok:1e+06"),
        (
            f64::from_bits(0x4132d687e4189375),
            "d",
            "ValueError:Unknown format code 'd' for object of type 'float'",
        ),
        (
            f64::from_bits(0x4132d687e4189375),
            "x",
            "ValueError:Unknown format code 'x' for object of type 'float'",
        ),
        (
            f64::from_bits(0x4132d687e4189375),
            "s",
            "ValueError:Unknown format code 's' for object of type 'float'",
        ),
        (
            f64::from_bits(0x4132d687e4189375),
            "c",
            "ValueError:Unknown format code 'c' for object of type 'float'",
        ),
        (
            f64::from_bits(0x4132d687e4189375),
            "xx",
            "ValueError:Invalid format specifier 'xx' for object of type 'float'",
        ),
        (
            f64::from_bits(0x4132d687e4189375),
            ",n",
            "ValueError:Cannot specify ',' with 'n'.",
        ),
        (f64::from_bits(0x4132d687e4189375), "010", "ok:1234567.891"),
        (f64::from_bits(0x4132d687e4189375), "010.3", "ok:001.23e+06"),
        (
            f64::from_bits(0x4132d687e4189375),
            "*>+10.2e",
            "ok:*+1.23e+06",
        ),
        (
            f64::from_bits(0x4132d687e4189375),
            ".17g",
            "ok:1234567.8910000001",
        ),
        (
            f64::from_bits(0x4132d687e4189375),
            ".20f",
            "ok:1234567.89100000006146728992",
        ),
        (f64::from_bits(0x4132d687e4189375), "_", "ok:1_234_567.891"),
        (f64::from_bits(0x4132d687e4189375), "z.0f", "ok:1234568"),
        (
            f64::from_bits(0x4132d687e4189375),
            ".3000000000f",
            "ValueError:precision too big",
        ),
        (f64::from_bits(0x4132d687e4189375), "#.0", "ok:1.e+06"),
        (
            f64::from_bits(0x4132d687e4189375),
            "+z08.1f",
            "ok:+1234567.9",
        ),
        (f64::from_bits(0x4132d687e4189375), "^", "ok:1234567.891"),
        (f64::from_bits(0x4132d687e4189375), "=", "ok:1234567.891"),
        (
            f64::from_bits(0x4132d687e4189375),
            "0=12",
            "ok:01234567.891",
        ),
        (f64::from_bits(0x4341c37937e08000), "", "ok:1e+16"),
        (f64::from_bits(0x4341c37937e08000), ".3", "ok:1e+16"),
        (f64::from_bits(0x4341c37937e08000), ".2", "ok:1e+16"),
        (f64::from_bits(0x4341c37937e08000), ".0", "ok:1e+16"),
        (f64::from_bits(0x4341c37937e08000), "10", "ok:     1e+16"),
        (f64::from_bits(0x4341c37937e08000), "<10", "ok:1e+16     "),
        (
            f64::from_bits(0x4341c37937e08000),
            "^10.2f",
            "ok:10000000000000000.00",
        ),
        (
            f64::from_bits(0x4341c37937e08000),
            "=+12.3",
            "ok:+      1e+16",
        ),
        (
            f64::from_bits(0x4341c37937e08000),
            "08.2f",
            "ok:10000000000000000.00",
        ),
        (f64::from_bits(0x4341c37937e08000), "+.3e", "ok:+1.000e+16"),
        (f64::from_bits(0x4341c37937e08000), "e", "ok:1.000000e+16"),
        (f64::from_bits(0x4341c37937e08000), "E", "ok:1.000000E+16"),
        (
            f64::from_bits(0x4341c37937e08000),
            "f",
            "ok:10000000000000000.000000",
        ),
        (
            f64::from_bits(0x4341c37937e08000),
            "F",
            "ok:10000000000000000.000000",
        ),
        (f64::from_bits(0x4341c37937e08000), "g", "ok:1e+16"),
        (f64::from_bits(0x4341c37937e08000), "G", "ok:1E+16"),
        (f64::from_bits(0x4341c37937e08000), ".3g", "ok:1e+16"),
        (f64::from_bits(0x4341c37937e08000), "#.3g", "ok:1.00e+16"),
        (f64::from_bits(0x4341c37937e08000), "#g", "ok:1.00000e+16"),
        (
            f64::from_bits(0x4341c37937e08000),
            ".2%",
            "ok:1000000000000000000.00%",
        ),
        (
            f64::from_bits(0x4341c37937e08000),
            "%",
            "ok:1000000000000000000.000000%",
        ),
        (f64::from_bits(0x4341c37937e08000), ",", "ok:1e+16"),
        (
            f64::from_bits(0x4341c37937e08000),
            ",.2f",
            "ok:10,000,000,000,000,000.00",
        ),
        (
            f64::from_bits(0x4341c37937e08000),
            "_.3f",
            "ok:10_000_000_000_000_000.000",
        ),
        (
            f64::from_bits(0x4341c37937e08000),
            "012,.2f",
            "ok:10,000,000,000,000,000.00",
        ),
        (f64::from_bits(0x4341c37937e08000), "n", "ok:1e+16"),
        (f64::from_bits(0x4341c37937e08000), ".3n", "ok:1e+16"),
        (f64::from_bits(0x4341c37937e08000), "z", "ok:1e+16"),
        (
            f64::from_bits(0x4341c37937e08000),
            "z.1f",
            "ok:10000000000000000.0",
        ),
        (f64::from_bits(0x4341c37937e08000), " ", "ok: 1e+16"),
        (f64::from_bits(0x4341c37937e08000), "+", "ok:+1e+16"),
        (f64::from_bits(0x4341c37937e08000), "#", "ok:1.e+16"),
        (
            f64::from_bits(0x4341c37937e08000),
            "#.0f",
            "ok:10000000000000000.",
        ),
        (f64::from_bits(0x4341c37937e08000), "#.0e", "ok:1.e+16"),
        (f64::from_bits(0x4341c37937e08000), ".0e", "ok:1e+16"),
        (
            f64::from_bits(0x4341c37937e08000),
            "d",
            "ValueError:Unknown format code 'd' for object of type 'float'",
        ),
        (
            f64::from_bits(0x4341c37937e08000),
            "x",
            "ValueError:Unknown format code 'x' for object of type 'float'",
        ),
        (
            f64::from_bits(0x4341c37937e08000),
            "s",
            "ValueError:Unknown format code 's' for object of type 'float'",
        ),
        (
            f64::from_bits(0x4341c37937e08000),
            "c",
            "ValueError:Unknown format code 'c' for object of type 'float'",
        ),
        (
            f64::from_bits(0x4341c37937e08000),
            "xx",
            "ValueError:Invalid format specifier 'xx' for object of type 'float'",
        ),
        (
            f64::from_bits(0x4341c37937e08000),
            ",n",
            "ValueError:Cannot specify ',' with 'n'.",
        ),
        (f64::from_bits(0x4341c37937e08000), "010", "ok:000001e+16"),
        (f64::from_bits(0x4341c37937e08000), "010.3", "ok:000001e+16"),
        (
            f64::from_bits(0x4341c37937e08000),
            "*>+10.2e",
            "ok:*+1.00e+16",
        ),
        (
            f64::from_bits(0x4341c37937e08000),
            ".17g",
            "ok:10000000000000000",
        ),
        (
            f64::from_bits(0x4341c37937e08000),
            ".20f",
            "ok:10000000000000000.00000000000000000000",
        ),
        (f64::from_bits(0x4341c37937e08000), "_", "ok:1e+16"),
        (
            f64::from_bits(0x4341c37937e08000),
            "z.0f",
            "ok:10000000000000000",
        ),
        (
            f64::from_bits(0x4341c37937e08000),
            ".3000000000f",
            "ValueError:precision too big",
        ),
        (f64::from_bits(0x4341c37937e08000), "#.0", "ok:1.e+16"),
        (
            f64::from_bits(0x4341c37937e08000),
            "+z08.1f",
            "ok:+10000000000000000.0",
        ),
        (f64::from_bits(0x4341c37937e08000), "^", "ok:1e+16"),
        (f64::from_bits(0x4341c37937e08000), "=", "ok:1e+16"),
        (
            f64::from_bits(0x4341c37937e08000),
            "0=12",
            "ok:00000001e+16",
        ),
        (f64::from_bits(0x3e7ad7f29abcaf48), "", "ok:1e-07"),
        (f64::from_bits(0x3e7ad7f29abcaf48), ".3", "ok:1e-07"),
        (f64::from_bits(0x3e7ad7f29abcaf48), ".2", "ok:1e-07"),
        (f64::from_bits(0x3e7ad7f29abcaf48), ".0", "ok:1e-07"),
        (f64::from_bits(0x3e7ad7f29abcaf48), "10", "ok:     1e-07"),
        (f64::from_bits(0x3e7ad7f29abcaf48), "<10", "ok:1e-07     "),
        (
            f64::from_bits(0x3e7ad7f29abcaf48),
            "^10.2f",
            "ok:   0.00   ",
        ),
        (
            f64::from_bits(0x3e7ad7f29abcaf48),
            "=+12.3",
            "ok:+      1e-07",
        ),
        (f64::from_bits(0x3e7ad7f29abcaf48), "08.2f", "ok:00000.00"),
        (f64::from_bits(0x3e7ad7f29abcaf48), "+.3e", "ok:+1.000e-07"),
        (f64::from_bits(0x3e7ad7f29abcaf48), "e", "ok:1.000000e-07"),
        (f64::from_bits(0x3e7ad7f29abcaf48), "E", "ok:1.000000E-07"),
        (f64::from_bits(0x3e7ad7f29abcaf48), "f", "ok:0.000000"),
        (f64::from_bits(0x3e7ad7f29abcaf48), "F", "ok:0.000000"),
        (f64::from_bits(0x3e7ad7f29abcaf48), "g", "ok:1e-07"),
        (f64::from_bits(0x3e7ad7f29abcaf48), "G", "ok:1E-07"),
        (f64::from_bits(0x3e7ad7f29abcaf48), ".3g", "ok:1e-07"),
        (f64::from_bits(0x3e7ad7f29abcaf48), "#.3g", "ok:1.00e-07"),
        (f64::from_bits(0x3e7ad7f29abcaf48), "#g", "ok:1.00000e-07"),
        (f64::from_bits(0x3e7ad7f29abcaf48), ".2%", "ok:0.00%"),
        (f64::from_bits(0x3e7ad7f29abcaf48), "%", "ok:0.000010%"),
        (f64::from_bits(0x3e7ad7f29abcaf48), ",", "ok:1e-07"),
        (f64::from_bits(0x3e7ad7f29abcaf48), ",.2f", "ok:0.00"),
        (f64::from_bits(0x3e7ad7f29abcaf48), "_.3f", "ok:0.000"),
        (
            f64::from_bits(0x3e7ad7f29abcaf48),
            "012,.2f",
            "ok:0,000,000.00",
        ),
        (f64::from_bits(0x3e7ad7f29abcaf48), "n", "ok:1e-07"),
        (f64::from_bits(0x3e7ad7f29abcaf48), ".3n", "ok:1e-07"),
        (f64::from_bits(0x3e7ad7f29abcaf48), "z", "ok:1e-07"),
        (f64::from_bits(0x3e7ad7f29abcaf48), "z.1f", "ok:0.0"),
        (f64::from_bits(0x3e7ad7f29abcaf48), " ", "ok: 1e-07"),
        (f64::from_bits(0x3e7ad7f29abcaf48), "+", "ok:+1e-07"),
        (f64::from_bits(0x3e7ad7f29abcaf48), "#", "ok:1.e-07"),
        (f64::from_bits(0x3e7ad7f29abcaf48), "#.0f", "ok:0."),
        (f64::from_bits(0x3e7ad7f29abcaf48), "#.0e", "ok:1.e-07"),
        (f64::from_bits(0x3e7ad7f29abcaf48), ".0e", "ok:1e-07"),
        (
            f64::from_bits(0x3e7ad7f29abcaf48),
            "d",
            "ValueError:Unknown format code 'd' for object of type 'float'",
        ),
        (
            f64::from_bits(0x3e7ad7f29abcaf48),
            "x",
            "ValueError:Unknown format code 'x' for object of type 'float'",
        ),
        (
            f64::from_bits(0x3e7ad7f29abcaf48),
            "s",
            "ValueError:Unknown format code 's' for object of type 'float'",
        ),
        (
            f64::from_bits(0x3e7ad7f29abcaf48),
            "c",
            "ValueError:Unknown format code 'c' for object of type 'float'",
        ),
        (
            f64::from_bits(0x3e7ad7f29abcaf48),
            "xx",
            "ValueError:Invalid format specifier 'xx' for object of type 'float'",
        ),
        (
            f64::from_bits(0x3e7ad7f29abcaf48),
            ",n",
            "ValueError:Cannot specify ',' with 'n'.",
        ),
        (f64::from_bits(0x3e7ad7f29abcaf48), "010", "ok:000001e-07"),
        (f64::from_bits(0x3e7ad7f29abcaf48), "010.3", "ok:000001e-07"),
        (
            f64::from_bits(0x3e7ad7f29abcaf48),
            "*>+10.2e",
            "ok:*+1.00e-07",
        ),
        (
            f64::from_bits(0x3e7ad7f29abcaf48),
            ".17g",
            "ok:9.9999999999999995e-08",
        ),
        (
            f64::from_bits(0x3e7ad7f29abcaf48),
            ".20f",
            "ok:0.00000010000000000000",
        ),
        (f64::from_bits(0x3e7ad7f29abcaf48), "_", "ok:1e-07"),
        (f64::from_bits(0x3e7ad7f29abcaf48), "z.0f", "ok:0"),
        (
            f64::from_bits(0x3e7ad7f29abcaf48),
            ".3000000000f",
            "ValueError:precision too big",
        ),
        (f64::from_bits(0x3e7ad7f29abcaf48), "#.0", "ok:1.e-07"),
        (f64::from_bits(0x3e7ad7f29abcaf48), "+z08.1f", "ok:+00000.0"),
        (f64::from_bits(0x3e7ad7f29abcaf48), "^", "ok:1e-07"),
        (f64::from_bits(0x3e7ad7f29abcaf48), "=", "ok:1e-07"),
        (
            f64::from_bits(0x3e7ad7f29abcaf48),
            "0=12",
            "ok:00000001e-07",
        ),
        (f64::from_bits(0x7ff8000000000000), "", "ok:nan"),
        (f64::from_bits(0x7ff8000000000000), ".3", "ok:nan"),
        (f64::from_bits(0x7ff8000000000000), ".2", "ok:nan"),
        (f64::from_bits(0x7ff8000000000000), ".0", "ok:nan"),
        (f64::from_bits(0x7ff8000000000000), "10", "ok:       nan"),
        (f64::from_bits(0x7ff8000000000000), "<10", "ok:nan       "),
        (
            f64::from_bits(0x7ff8000000000000),
            "^10.2f",
            "ok:   nan    ",
        ),
        (
            f64::from_bits(0x7ff8000000000000),
            "=+12.3",
            "ok:+        nan",
        ),
        (f64::from_bits(0x7ff8000000000000), "08.2f", "ok:00000nan"),
        (f64::from_bits(0x7ff8000000000000), "+.3e", "ok:+nan"),
        (f64::from_bits(0x7ff8000000000000), "e", "ok:nan"),
        (f64::from_bits(0x7ff8000000000000), "E", "ok:NAN"),
        (f64::from_bits(0x7ff8000000000000), "f", "ok:nan"),
        (f64::from_bits(0x7ff8000000000000), "F", "ok:NAN"),
        (f64::from_bits(0x7ff8000000000000), "g", "ok:nan"),
        (f64::from_bits(0x7ff8000000000000), "G", "ok:NAN"),
        (f64::from_bits(0x7ff8000000000000), ".3g", "ok:nan"),
        (f64::from_bits(0x7ff8000000000000), "#.3g", "ok:nan"),
        (f64::from_bits(0x7ff8000000000000), "#g", "ok:nan"),
        (f64::from_bits(0x7ff8000000000000), ".2%", "ok:nan%"),
        (f64::from_bits(0x7ff8000000000000), "%", "ok:nan%"),
        (f64::from_bits(0x7ff8000000000000), ",", "ok:nan"),
        (f64::from_bits(0x7ff8000000000000), ",.2f", "ok:nan"),
        (f64::from_bits(0x7ff8000000000000), "_.3f", "ok:nan"),
        (
            f64::from_bits(0x7ff8000000000000),
            "012,.2f",
            "ok:000000000nan",
        ),
        (f64::from_bits(0x7ff8000000000000), "n", "ok:nan"),
        (f64::from_bits(0x7ff8000000000000), ".3n", "ok:nan"),
        (f64::from_bits(0x7ff8000000000000), "z", "ok:nan"),
        (f64::from_bits(0x7ff8000000000000), "z.1f", "ok:nan"),
        (f64::from_bits(0x7ff8000000000000), " ", "ok: nan"),
        (f64::from_bits(0x7ff8000000000000), "+", "ok:+nan"),
        (f64::from_bits(0x7ff8000000000000), "#", "ok:nan"),
        (f64::from_bits(0x7ff8000000000000), "#.0f", "ok:nan"),
        (f64::from_bits(0x7ff8000000000000), "#.0e", "ok:nan"),
        (f64::from_bits(0x7ff8000000000000), ".0e", "ok:nan"),
        (
            f64::from_bits(0x7ff8000000000000),
            "d",
            "ValueError:Unknown format code 'd' for object of type 'float'",
        ),
        (
            f64::from_bits(0x7ff8000000000000),
            "x",
            "ValueError:Unknown format code 'x' for object of type 'float'",
        ),
        (
            f64::from_bits(0x7ff8000000000000),
            "s",
            "ValueError:Unknown format code 's' for object of type 'float'",
        ),
        (
            f64::from_bits(0x7ff8000000000000),
            "c",
            "ValueError:Unknown format code 'c' for object of type 'float'",
        ),
        (
            f64::from_bits(0x7ff8000000000000),
            "xx",
            "ValueError:Invalid format specifier 'xx' for object of type 'float'",
        ),
        (
            f64::from_bits(0x7ff8000000000000),
            ",n",
            "ValueError:Cannot specify ',' with 'n'.",
        ),
        (f64::from_bits(0x7ff8000000000000), "010", "ok:0000000nan"),
        (f64::from_bits(0x7ff8000000000000), "010.3", "ok:0000000nan"),
        (
            f64::from_bits(0x7ff8000000000000),
            "*>+10.2e",
            "ok:******+nan",
        ),
        (f64::from_bits(0x7ff8000000000000), ".17g", "ok:nan"),
        (f64::from_bits(0x7ff8000000000000), ".20f", "ok:nan"),
        (f64::from_bits(0x7ff8000000000000), "_", "ok:nan"),
        (f64::from_bits(0x7ff8000000000000), "z.0f", "ok:nan"),
        (
            f64::from_bits(0x7ff8000000000000),
            ".3000000000f",
            "ValueError:precision too big",
        ),
        (f64::from_bits(0x7ff8000000000000), "#.0", "ok:nan"),
        (f64::from_bits(0x7ff8000000000000), "+z08.1f", "ok:+0000nan"),
        (f64::from_bits(0x7ff8000000000000), "^", "ok:nan"),
        (f64::from_bits(0x7ff8000000000000), "=", "ok:nan"),
        (
            f64::from_bits(0x7ff8000000000000),
            "0=12",
            "ok:000000000nan",
        ),
        (f64::from_bits(0xfff0000000000000), "", "ok:-inf"),
        (f64::from_bits(0xfff0000000000000), ".3", "ok:-inf"),
        (f64::from_bits(0xfff0000000000000), ".2", "ok:-inf"),
        (f64::from_bits(0xfff0000000000000), ".0", "ok:-inf"),
        (f64::from_bits(0xfff0000000000000), "10", "ok:      -inf"),
        (f64::from_bits(0xfff0000000000000), "<10", "ok:-inf      "),
        (
            f64::from_bits(0xfff0000000000000),
            "^10.2f",
            "ok:   -inf   ",
        ),
        (
            f64::from_bits(0xfff0000000000000),
            "=+12.3",
            "ok:-        inf",
        ),
        (f64::from_bits(0xfff0000000000000), "08.2f", "ok:-0000inf"),
        (f64::from_bits(0xfff0000000000000), "+.3e", "ok:-inf"),
        (f64::from_bits(0xfff0000000000000), "e", "ok:-inf"),
        (f64::from_bits(0xfff0000000000000), "E", "ok:-INF"),
        (f64::from_bits(0xfff0000000000000), "f", "ok:-inf"),
        (f64::from_bits(0xfff0000000000000), "F", "ok:-INF"),
        (f64::from_bits(0xfff0000000000000), "g", "ok:-inf"),
        (f64::from_bits(0xfff0000000000000), "G", "ok:-INF"),
        (f64::from_bits(0xfff0000000000000), ".3g", "ok:-inf"),
        (f64::from_bits(0xfff0000000000000), "#.3g", "ok:-inf"),
        (f64::from_bits(0xfff0000000000000), "#g", "ok:-inf"),
        (f64::from_bits(0xfff0000000000000), ".2%", "ok:-inf%"),
        (f64::from_bits(0xfff0000000000000), "%", "ok:-inf%"),
        (f64::from_bits(0xfff0000000000000), ",", "ok:-inf"),
        (f64::from_bits(0xfff0000000000000), ",.2f", "ok:-inf"),
        (f64::from_bits(0xfff0000000000000), "_.3f", "ok:-inf"),
        (
            f64::from_bits(0xfff0000000000000),
            "012,.2f",
            "ok:-00000000inf",
        ),
        (f64::from_bits(0xfff0000000000000), "n", "ok:-inf"),
        (f64::from_bits(0xfff0000000000000), ".3n", "ok:-inf"),
        (f64::from_bits(0xfff0000000000000), "z", "ok:-inf"),
        (f64::from_bits(0xfff0000000000000), "z.1f", "ok:-inf"),
        (f64::from_bits(0xfff0000000000000), " ", "ok:-inf"),
        (f64::from_bits(0xfff0000000000000), "+", "ok:-inf"),
        (f64::from_bits(0xfff0000000000000), "#", "ok:-inf"),
        (f64::from_bits(0xfff0000000000000), "#.0f", "ok:-inf"),
        (f64::from_bits(0xfff0000000000000), "#.0e", "ok:-inf"),
        (f64::from_bits(0xfff0000000000000), ".0e", "ok:-inf"),
        (
            f64::from_bits(0xfff0000000000000),
            "d",
            "ValueError:Unknown format code 'd' for object of type 'float'",
        ),
        (
            f64::from_bits(0xfff0000000000000),
            "x",
            "ValueError:Unknown format code 'x' for object of type 'float'",
        ),
        (
            f64::from_bits(0xfff0000000000000),
            "s",
            "ValueError:Unknown format code 's' for object of type 'float'",
        ),
        (
            f64::from_bits(0xfff0000000000000),
            "c",
            "ValueError:Unknown format code 'c' for object of type 'float'",
        ),
        (
            f64::from_bits(0xfff0000000000000),
            "xx",
            "ValueError:Invalid format specifier 'xx' for object of type 'float'",
        ),
        (
            f64::from_bits(0xfff0000000000000),
            ",n",
            "ValueError:Cannot specify ',' with 'n'.",
        ),
        (f64::from_bits(0xfff0000000000000), "010", "ok:-000000inf"),
        (f64::from_bits(0xfff0000000000000), "010.3", "ok:-000000inf"),
        (
            f64::from_bits(0xfff0000000000000),
            "*>+10.2e",
            "ok:******-inf",
        ),
        (f64::from_bits(0xfff0000000000000), ".17g", "ok:-inf"),
        (f64::from_bits(0xfff0000000000000), ".20f", "ok:-inf"),
        (f64::from_bits(0xfff0000000000000), "_", "ok:-inf"),
        (f64::from_bits(0xfff0000000000000), "z.0f", "ok:-inf"),
        (
            f64::from_bits(0xfff0000000000000),
            ".3000000000f",
            "ValueError:precision too big",
        ),
        (f64::from_bits(0xfff0000000000000), "#.0", "ok:-inf"),
        (f64::from_bits(0xfff0000000000000), "+z08.1f", "ok:-0000inf"),
        (f64::from_bits(0xfff0000000000000), "^", "ok:-inf"),
        (f64::from_bits(0xfff0000000000000), "=", "ok:-inf"),
        (
            f64::from_bits(0xfff0000000000000),
            "0=12",
            "ok:-00000000inf",
        ),
        (
            f64::from_bits(0x3fd5555555555555),
            "",
            "ok:0.3333333333333333",
        ),
        (f64::from_bits(0x3fd5555555555555), ".3", "ok:0.333"),
        (f64::from_bits(0x3fd5555555555555), ".2", "ok:0.33"),
        (f64::from_bits(0x3fd5555555555555), ".0", "ok:0.3"),
        (
            f64::from_bits(0x3fd5555555555555),
            "10",
            "ok:0.3333333333333333",
        ),
        (
            f64::from_bits(0x3fd5555555555555),
            "<10",
            "ok:0.3333333333333333",
        ),
        (
            f64::from_bits(0x3fd5555555555555),
            "^10.2f",
            "ok:   0.33   ",
        ),
        (
            f64::from_bits(0x3fd5555555555555),
            "=+12.3",
            "ok:+      0.333",
        ),
        (f64::from_bits(0x3fd5555555555555), "08.2f", "ok:00000.33"),
        (f64::from_bits(0x3fd5555555555555), "+.3e", "ok:+3.333e-01"),
        (f64::from_bits(0x3fd5555555555555), "e", "ok:3.333333e-01"),
        (f64::from_bits(0x3fd5555555555555), "E", "ok:3.333333E-01"),
        (f64::from_bits(0x3fd5555555555555), "f", "ok:0.333333"),
        (f64::from_bits(0x3fd5555555555555), "F", "ok:0.333333"),
        (f64::from_bits(0x3fd5555555555555), "g", "ok:0.333333"),
        (f64::from_bits(0x3fd5555555555555), "G", "ok:0.333333"),
        (f64::from_bits(0x3fd5555555555555), ".3g", "ok:0.333"),
        (f64::from_bits(0x3fd5555555555555), "#.3g", "ok:0.333"),
        (f64::from_bits(0x3fd5555555555555), "#g", "ok:0.333333"),
        (f64::from_bits(0x3fd5555555555555), ".2%", "ok:33.33%"),
        (f64::from_bits(0x3fd5555555555555), "%", "ok:33.333333%"),
        (
            f64::from_bits(0x3fd5555555555555),
            ",",
            "ok:0.3333333333333333",
        ),
        (f64::from_bits(0x3fd5555555555555), ",.2f", "ok:0.33"),
        (f64::from_bits(0x3fd5555555555555), "_.3f", "ok:0.333"),
        (
            f64::from_bits(0x3fd5555555555555),
            "012,.2f",
            "ok:0,000,000.33",
        ),
        (f64::from_bits(0x3fd5555555555555), "n", "ok:0.333333"),
        (f64::from_bits(0x3fd5555555555555), ".3n", "ok:0.333"),
        (
            f64::from_bits(0x3fd5555555555555),
            "z",
            "ok:0.3333333333333333",
        ),
        (f64::from_bits(0x3fd5555555555555), "z.1f", "ok:0.3"),
        (
            f64::from_bits(0x3fd5555555555555),
            " ",
            "ok: 0.3333333333333333",
        ),
        (
            f64::from_bits(0x3fd5555555555555),
            "+",
            "ok:+0.3333333333333333",
        ),
        (
            f64::from_bits(0x3fd5555555555555),
            "#",
            "ok:0.3333333333333333",
        ),
        (f64::from_bits(0x3fd5555555555555), "#.0f", "ok:0."),
        (f64::from_bits(0x3fd5555555555555), "#.0e", "ok:3.e-01"),
        (f64::from_bits(0x3fd5555555555555), ".0e", "ok:3e-01"),
        (
            f64::from_bits(0x3fd5555555555555),
            "d",
            "ValueError:Unknown format code 'd' for object of type 'float'",
        ),
        (
            f64::from_bits(0x3fd5555555555555),
            "x",
            "ValueError:Unknown format code 'x' for object of type 'float'",
        ),
        (
            f64::from_bits(0x3fd5555555555555),
            "s",
            "ValueError:Unknown format code 's' for object of type 'float'",
        ),
        (
            f64::from_bits(0x3fd5555555555555),
            "c",
            "ValueError:Unknown format code 'c' for object of type 'float'",
        ),
        (
            f64::from_bits(0x3fd5555555555555),
            "xx",
            "ValueError:Invalid format specifier 'xx' for object of type 'float'",
        ),
        (
            f64::from_bits(0x3fd5555555555555),
            ",n",
            "ValueError:Cannot specify ',' with 'n'.",
        ),
        (
            f64::from_bits(0x3fd5555555555555),
            "010",
            "ok:0.3333333333333333",
        ),
        (f64::from_bits(0x3fd5555555555555), "010.3", "ok:000000.333"),
        (
            f64::from_bits(0x3fd5555555555555),
            "*>+10.2e",
            "ok:*+3.33e-01",
        ),
        (
            f64::from_bits(0x3fd5555555555555),
            ".17g",
            "ok:0.33333333333333331",
        ),
        (
            f64::from_bits(0x3fd5555555555555),
            ".20f",
            "ok:0.33333333333333331483",
        ),
        (
            f64::from_bits(0x3fd5555555555555),
            "_",
            "ok:0.3333333333333333",
        ),
        (f64::from_bits(0x3fd5555555555555), "z.0f", "ok:0"),
        (
            f64::from_bits(0x3fd5555555555555),
            ".3000000000f",
            "ValueError:precision too big",
        ),
        (f64::from_bits(0x3fd5555555555555), "#.0", "ok:0.3"),
        (f64::from_bits(0x3fd5555555555555), "+z08.1f", "ok:+00000.3"),
        (
            f64::from_bits(0x3fd5555555555555),
            "^",
            "ok:0.3333333333333333",
        ),
        (
            f64::from_bits(0x3fd5555555555555),
            "=",
            "ok:0.3333333333333333",
        ),
        (
            f64::from_bits(0x3fd5555555555555),
            "0=12",
            "ok:0.3333333333333333",
        ),
        (f64::from_bits(0x0000000000000001), "", "ok:5e-324"),
        (f64::from_bits(0x0000000000000001), ".3", "ok:4.94e-324"),
        (f64::from_bits(0x0000000000000001), ".2", "ok:4.9e-324"),
        (f64::from_bits(0x0000000000000001), ".0", "ok:5e-324"),
        (f64::from_bits(0x0000000000000001), "10", "ok:    5e-324"),
        (f64::from_bits(0x0000000000000001), "<10", "ok:5e-324    "),
        (
            f64::from_bits(0x0000000000000001),
            "^10.2f",
            "ok:   0.00   ",
        ),
        (
            f64::from_bits(0x0000000000000001),
            "=+12.3",
            "ok:+  4.94e-324",
        ),
        (f64::from_bits(0x0000000000000001), "08.2f", "ok:00000.00"),
        (f64::from_bits(0x0000000000000001), "+.3e", "ok:+4.941e-324"),
        (f64::from_bits(0x0000000000000001), "e", "ok:4.940656e-324"),
        (f64::from_bits(0x0000000000000001), "E", "ok:4.940656E-324"),
        (f64::from_bits(0x0000000000000001), "f", "ok:0.000000"),
        (f64::from_bits(0x0000000000000001), "F", "ok:0.000000"),
        (f64::from_bits(0x0000000000000001), "g", "ok:4.94066e-324"),
        (f64::from_bits(0x0000000000000001), "G", "ok:4.94066E-324"),
        (f64::from_bits(0x0000000000000001), ".3g", "ok:4.94e-324"),
        (f64::from_bits(0x0000000000000001), "#.3g", "ok:4.94e-324"),
        (f64::from_bits(0x0000000000000001), "#g", "ok:4.94066e-324"),
        (f64::from_bits(0x0000000000000001), ".2%", "ok:0.00%"),
        (f64::from_bits(0x0000000000000001), "%", "ok:0.000000%"),
        (f64::from_bits(0x0000000000000001), ",", "ok:5e-324"),
        (f64::from_bits(0x0000000000000001), ",.2f", "ok:0.00"),
        (f64::from_bits(0x0000000000000001), "_.3f", "ok:0.000"),
        (
            f64::from_bits(0x0000000000000001),
            "012,.2f",
            "ok:0,000,000.00",
        ),
        (f64::from_bits(0x0000000000000001), "n", "ok:4.94066e-324"),
        (f64::from_bits(0x0000000000000001), ".3n", "ok:4.94e-324"),
        (f64::from_bits(0x0000000000000001), "z", "ok:5e-324"),
        (f64::from_bits(0x0000000000000001), "z.1f", "ok:0.0"),
        (f64::from_bits(0x0000000000000001), " ", "ok: 5e-324"),
        (f64::from_bits(0x0000000000000001), "+", "ok:+5e-324"),
        (f64::from_bits(0x0000000000000001), "#", "ok:5.e-324"),
        (f64::from_bits(0x0000000000000001), "#.0f", "ok:0."),
        (f64::from_bits(0x0000000000000001), "#.0e", "ok:5.e-324"),
        (f64::from_bits(0x0000000000000001), ".0e", "ok:5e-324"),
        (
            f64::from_bits(0x0000000000000001),
            "d",
            "ValueError:Unknown format code 'd' for object of type 'float'",
        ),
        (
            f64::from_bits(0x0000000000000001),
            "x",
            "ValueError:Unknown format code 'x' for object of type 'float'",
        ),
        (
            f64::from_bits(0x0000000000000001),
            "s",
            "ValueError:Unknown format code 's' for object of type 'float'",
        ),
        (
            f64::from_bits(0x0000000000000001),
            "c",
            "ValueError:Unknown format code 'c' for object of type 'float'",
        ),
        (
            f64::from_bits(0x0000000000000001),
            "xx",
            "ValueError:Invalid format specifier 'xx' for object of type 'float'",
        ),
        (
            f64::from_bits(0x0000000000000001),
            ",n",
            "ValueError:Cannot specify ',' with 'n'.",
        ),
        (f64::from_bits(0x0000000000000001), "010", "ok:00005e-324"),
        (f64::from_bits(0x0000000000000001), "010.3", "ok:04.94e-324"),
        (
            f64::from_bits(0x0000000000000001),
            "*>+10.2e",
            "ok:+4.94e-324",
        ),
        (
            f64::from_bits(0x0000000000000001),
            ".17g",
            "ok:4.9406564584124654e-324",
        ),
        (
            f64::from_bits(0x0000000000000001),
            ".20f",
            "ok:0.00000000000000000000",
        ),
        (f64::from_bits(0x0000000000000001), "_", "ok:5e-324"),
        (f64::from_bits(0x0000000000000001), "z.0f", "ok:0"),
        (
            f64::from_bits(0x0000000000000001),
            ".3000000000f",
            "ValueError:precision too big",
        ),
        (f64::from_bits(0x0000000000000001), "#.0", "ok:5.e-324"),
        (f64::from_bits(0x0000000000000001), "+z08.1f", "ok:+00000.0"),
        (f64::from_bits(0x0000000000000001), "^", "ok:5e-324"),
        (f64::from_bits(0x0000000000000001), "=", "ok:5e-324"),
        (
            f64::from_bits(0x0000000000000001),
            "0=12",
            "ok:0000005e-324",
        ),
        (f64::from_bits(0x4005666666666666), "", "ok:2.675"),
        (f64::from_bits(0x4005666666666666), ".3", "ok:2.67"),
        (f64::from_bits(0x4005666666666666), ".2", "ok:2.7"),
        (f64::from_bits(0x4005666666666666), ".0", "ok:3e+00"),
        (f64::from_bits(0x4005666666666666), "10", "ok:     2.675"),
        (f64::from_bits(0x4005666666666666), "<10", "ok:2.675     "),
        (
            f64::from_bits(0x4005666666666666),
            "^10.2f",
            "ok:   2.67   ",
        ),
        (
            f64::from_bits(0x4005666666666666),
            "=+12.3",
            "ok:+       2.67",
        ),
        (f64::from_bits(0x4005666666666666), "08.2f", "ok:00002.67"),
        (f64::from_bits(0x4005666666666666), "+.3e", "ok:+2.675e+00"),
        (f64::from_bits(0x4005666666666666), "e", "ok:2.675000e+00"),
        (f64::from_bits(0x4005666666666666), "E", "ok:2.675000E+00"),
        (f64::from_bits(0x4005666666666666), "f", "ok:2.675000"),
        (f64::from_bits(0x4005666666666666), "F", "ok:2.675000"),
        (f64::from_bits(0x4005666666666666), "g", "ok:2.675"),
        (f64::from_bits(0x4005666666666666), "G", "ok:2.675"),
        (f64::from_bits(0x4005666666666666), ".3g", "ok:2.67"),
        (f64::from_bits(0x4005666666666666), "#.3g", "ok:2.67"),
        (f64::from_bits(0x4005666666666666), "#g", "ok:2.67500"),
        (f64::from_bits(0x4005666666666666), ".2%", "ok:267.50%"),
        (f64::from_bits(0x4005666666666666), "%", "ok:267.500000%"),
        (f64::from_bits(0x4005666666666666), ",", "ok:2.675"),
        (f64::from_bits(0x4005666666666666), ",.2f", "ok:2.67"),
        (f64::from_bits(0x4005666666666666), "_.3f", "ok:2.675"),
        (
            f64::from_bits(0x4005666666666666),
            "012,.2f",
            "ok:0,000,002.67",
        ),
        (f64::from_bits(0x4005666666666666), "n", "ok:2.675"),
        (f64::from_bits(0x4005666666666666), ".3n", "ok:2.67"),
        (f64::from_bits(0x4005666666666666), "z", "ok:2.675"),
        (f64::from_bits(0x4005666666666666), "z.1f", "ok:2.7"),
        (f64::from_bits(0x4005666666666666), " ", "ok: 2.675"),
        (f64::from_bits(0x4005666666666666), "+", "ok:+2.675"),
        (f64::from_bits(0x4005666666666666), "#", "ok:2.675"),
        (f64::from_bits(0x4005666666666666), "#.0f", "ok:3."),
        (f64::from_bits(0x4005666666666666), "#.0e", "ok:3.e+00"),
        (f64::from_bits(0x4005666666666666), ".0e", "ok:3e+00"),
        (
            f64::from_bits(0x4005666666666666),
            "d",
            "ValueError:Unknown format code 'd' for object of type 'float'",
        ),
        (
            f64::from_bits(0x4005666666666666),
            "x",
            "ValueError:Unknown format code 'x' for object of type 'float'",
        ),
        (
            f64::from_bits(0x4005666666666666),
            "s",
            "ValueError:Unknown format code 's' for object of type 'float'",
        ),
        (
            f64::from_bits(0x4005666666666666),
            "c",
            "ValueError:Unknown format code 'c' for object of type 'float'",
        ),
        (
            f64::from_bits(0x4005666666666666),
            "xx",
            "ValueError:Invalid format specifier 'xx' for object of type 'float'",
        ),
        (
            f64::from_bits(0x4005666666666666),
            ",n",
            "ValueError:Cannot specify ',' with 'n'.",
        ),
        (f64::from_bits(0x4005666666666666), "010", "ok:000002.675"),
        (f64::from_bits(0x4005666666666666), "010.3", "ok:0000002.67"),
        (
            f64::from_bits(0x4005666666666666),
            "*>+10.2e",
            "ok:*+2.67e+00",
        ),
        (
            f64::from_bits(0x4005666666666666),
            ".17g",
            "ok:2.6749999999999998",
        ),
        (
            f64::from_bits(0x4005666666666666),
            ".20f",
            "ok:2.67499999999999982236",
        ),
        (f64::from_bits(0x4005666666666666), "_", "ok:2.675"),
        (f64::from_bits(0x4005666666666666), "z.0f", "ok:3"),
        (
            f64::from_bits(0x4005666666666666),
            ".3000000000f",
            "ValueError:precision too big",
        ),
        (f64::from_bits(0x4005666666666666), "#.0", "ok:3.e+00"),
        (f64::from_bits(0x4005666666666666), "+z08.1f", "ok:+00002.7"),
        (f64::from_bits(0x4005666666666666), "^", "ok:2.675"),
        (f64::from_bits(0x4005666666666666), "=", "ok:2.675"),
        (
            f64::from_bits(0x4005666666666666),
            "0=12",
            "ok:00000002.675",
        ),
        (f64::from_bits(0xbf1a36e2eb1c432d), "", "ok:-0.0001"),
        (f64::from_bits(0xbf1a36e2eb1c432d), ".3", "ok:-0.0001"),
        (f64::from_bits(0xbf1a36e2eb1c432d), ".2", "ok:-0.0001"),
        (f64::from_bits(0xbf1a36e2eb1c432d), ".0", "ok:-0.0001"),
        (f64::from_bits(0xbf1a36e2eb1c432d), "10", "ok:   -0.0001"),
        (f64::from_bits(0xbf1a36e2eb1c432d), "<10", "ok:-0.0001   "),
        (
            f64::from_bits(0xbf1a36e2eb1c432d),
            "^10.2f",
            "ok:  -0.00   ",
        ),
        (
            f64::from_bits(0xbf1a36e2eb1c432d),
            "=+12.3",
            "ok:-     0.0001",
        ),
        (f64::from_bits(0xbf1a36e2eb1c432d), "08.2f", "ok:-0000.00"),
        (f64::from_bits(0xbf1a36e2eb1c432d), "+.3e", "ok:-1.000e-04"),
        (f64::from_bits(0xbf1a36e2eb1c432d), "e", "ok:-1.000000e-04"),
        (f64::from_bits(0xbf1a36e2eb1c432d), "E", "ok:-1.000000E-04"),
        (f64::from_bits(0xbf1a36e2eb1c432d), "f", "ok:-0.000100"),
        (f64::from_bits(0xbf1a36e2eb1c432d), "F", "ok:-0.000100"),
        (f64::from_bits(0xbf1a36e2eb1c432d), "g", "ok:-0.0001"),
        (f64::from_bits(0xbf1a36e2eb1c432d), "G", "ok:-0.0001"),
        (f64::from_bits(0xbf1a36e2eb1c432d), ".3g", "ok:-0.0001"),
        (f64::from_bits(0xbf1a36e2eb1c432d), "#.3g", "ok:-0.000100"),
        (f64::from_bits(0xbf1a36e2eb1c432d), "#g", "ok:-0.000100000"),
        (f64::from_bits(0xbf1a36e2eb1c432d), ".2%", "ok:-0.01%"),
        (f64::from_bits(0xbf1a36e2eb1c432d), "%", "ok:-0.010000%"),
        (f64::from_bits(0xbf1a36e2eb1c432d), ",", "ok:-0.0001"),
        (f64::from_bits(0xbf1a36e2eb1c432d), ",.2f", "ok:-0.00"),
        (f64::from_bits(0xbf1a36e2eb1c432d), "_.3f", "ok:-0.000"),
        (
            f64::from_bits(0xbf1a36e2eb1c432d),
            "012,.2f",
            "ok:-0,000,000.00",
        ),
        (f64::from_bits(0xbf1a36e2eb1c432d), "n", "ok:-0.0001"),
        (f64::from_bits(0xbf1a36e2eb1c432d), ".3n", "ok:-0.0001"),
        (f64::from_bits(0xbf1a36e2eb1c432d), "z", "ok:-0.0001"),
        (f64::from_bits(0xbf1a36e2eb1c432d), "z.1f", "ok:0.0"),
        (f64::from_bits(0xbf1a36e2eb1c432d), " ", "ok:-0.0001"),
        (f64::from_bits(0xbf1a36e2eb1c432d), "+", "ok:-0.0001"),
        (f64::from_bits(0xbf1a36e2eb1c432d), "#", "ok:-0.0001"),
        (f64::from_bits(0xbf1a36e2eb1c432d), "#.0f", "ok:-0."),
        (f64::from_bits(0xbf1a36e2eb1c432d), "#.0e", "ok:-1.e-04"),
        (f64::from_bits(0xbf1a36e2eb1c432d), ".0e", "ok:-1e-04"),
        (
            f64::from_bits(0xbf1a36e2eb1c432d),
            "d",
            "ValueError:Unknown format code 'd' for object of type 'float'",
        ),
        (
            f64::from_bits(0xbf1a36e2eb1c432d),
            "x",
            "ValueError:Unknown format code 'x' for object of type 'float'",
        ),
        (
            f64::from_bits(0xbf1a36e2eb1c432d),
            "s",
            "ValueError:Unknown format code 's' for object of type 'float'",
        ),
        (
            f64::from_bits(0xbf1a36e2eb1c432d),
            "c",
            "ValueError:Unknown format code 'c' for object of type 'float'",
        ),
        (
            f64::from_bits(0xbf1a36e2eb1c432d),
            "xx",
            "ValueError:Invalid format specifier 'xx' for object of type 'float'",
        ),
        (
            f64::from_bits(0xbf1a36e2eb1c432d),
            ",n",
            "ValueError:Cannot specify ',' with 'n'.",
        ),
        (f64::from_bits(0xbf1a36e2eb1c432d), "010", "ok:-0000.0001"),
        (f64::from_bits(0xbf1a36e2eb1c432d), "010.3", "ok:-0000.0001"),
        (
            f64::from_bits(0xbf1a36e2eb1c432d),
            "*>+10.2e",
            "ok:*-1.00e-04",
        ),
        (f64::from_bits(0xbf1a36e2eb1c432d), ".17g", "ok:-0.0001"),
        (
            f64::from_bits(0xbf1a36e2eb1c432d),
            ".20f",
            "ok:-0.00010000000000000000",
        ),
        (f64::from_bits(0xbf1a36e2eb1c432d), "_", "ok:-0.0001"),
        (f64::from_bits(0xbf1a36e2eb1c432d), "z.0f", "ok:0"),
        (
            f64::from_bits(0xbf1a36e2eb1c432d),
            ".3000000000f",
            "ValueError:precision too big",
        ),
        (f64::from_bits(0xbf1a36e2eb1c432d), "#.0", "ok:-0.0001"),
        (f64::from_bits(0xbf1a36e2eb1c432d), "+z08.1f", "ok:+00000.0"),
        (f64::from_bits(0xbf1a36e2eb1c432d), "^", "ok:-0.0001"),
        (f64::from_bits(0xbf1a36e2eb1c432d), "=", "ok:-0.0001"),
        (
            f64::from_bits(0xbf1a36e2eb1c432d),
            "0=12",
            "ok:-000000.0001",
        ),
    ];
    const STR_CASES: &[(&str, &str, &str)] = &[
        ("", "", "ok:"),
        ("", "s", "ok:"),
        ("", "10", "ok:          "),
        ("", "<10", "ok:          "),
        ("", ">10", "ok:          "),
        ("", "^10", "ok:          "),
        ("", "^9", "ok:         "),
        ("", "*^9", "ok:*********"),
        ("", ".2", "ok:"),
        ("", "10.2", "ok:          "),
        ("", "05", "ok:00000"),
        ("", "010s", "ok:0000000000"),
        (
            "",
            "=10",
            "ValueError:'=' alignment not allowed in string format specifier",
        ),
        (
            "",
            "+",
            "ValueError:Sign not allowed in string format specifier",
        ),
        (
            "",
            " ",
            "ValueError:Space not allowed in string format specifier",
        ),
        (
            "",
            "-",
            "ValueError:Sign not allowed in string format specifier",
        ),
        (
            "",
            "z",
            "ValueError:Negative zero coercion (z) not allowed in string format specifier",
        ),
        (
            "",
            "#",
            "ValueError:Alternate form (#) not allowed in string format specifier",
        ),
        ("", ",", "ValueError:Cannot specify ',' with 's'."),
        ("", "_", "ValueError:Cannot specify '_' with 's'."),
        (
            "",
            "d",
            "ValueError:Unknown format code 'd' for object of type 'str'",
        ),
        (
            "",
            "xx",
            "ValueError:Invalid format specifier 'xx' for object of type 'str'",
        ),
        ("", ".0", "ok:"),
        ("", "é^8", "ok:éééééééé"),
        ("", "\u{0}<5", "ok:\u{0}\u{0}\u{0}\u{0}\u{0}"),
        ("", ">3.1", "ok:   "),
        ("", "^.3", "ok:"),
        ("abc", "", "ok:abc"),
        ("abc", "s", "ok:abc"),
        ("abc", "10", "ok:abc       "),
        ("abc", "<10", "ok:abc       "),
        ("abc", ">10", "ok:       abc"),
        ("abc", "^10", "ok:   abc    "),
        ("abc", "^9", "ok:   abc   "),
        ("abc", "*^9", "ok:***abc***"),
        ("abc", ".2", "ok:ab"),
        ("abc", "10.2", "ok:ab        "),
        ("abc", "05", "ok:abc00"),
        ("abc", "010s", "ok:abc0000000"),
        (
            "abc",
            "=10",
            "ValueError:'=' alignment not allowed in string format specifier",
        ),
        (
            "abc",
            "+",
            "ValueError:Sign not allowed in string format specifier",
        ),
        (
            "abc",
            " ",
            "ValueError:Space not allowed in string format specifier",
        ),
        (
            "abc",
            "-",
            "ValueError:Sign not allowed in string format specifier",
        ),
        (
            "abc",
            "z",
            "ValueError:Negative zero coercion (z) not allowed in string format specifier",
        ),
        (
            "abc",
            "#",
            "ValueError:Alternate form (#) not allowed in string format specifier",
        ),
        ("abc", ",", "ValueError:Cannot specify ',' with 's'."),
        ("abc", "_", "ValueError:Cannot specify '_' with 's'."),
        (
            "abc",
            "d",
            "ValueError:Unknown format code 'd' for object of type 'str'",
        ),
        (
            "abc",
            "xx",
            "ValueError:Invalid format specifier 'xx' for object of type 'str'",
        ),
        ("abc", ".0", "ok:"),
        ("abc", "é^8", "ok:ééabcééé"),
        ("abc", "\u{0}<5", "ok:abc\u{0}\u{0}"),
        ("abc", ">3.1", "ok:  a"),
        ("abc", "^.3", "ok:abc"),
        ("héllo", "", "ok:héllo"),
        ("héllo", "s", "ok:héllo"),
        ("héllo", "10", "ok:héllo     "),
        ("héllo", "<10", "ok:héllo     "),
        ("héllo", ">10", "ok:     héllo"),
        ("héllo", "^10", "ok:  héllo   "),
        ("héllo", "^9", "ok:  héllo  "),
        ("héllo", "*^9", "ok:**héllo**"),
        ("héllo", ".2", "ok:hé"),
        ("héllo", "10.2", "ok:hé        "),
        ("héllo", "05", "ok:héllo"),
        ("héllo", "010s", "ok:héllo00000"),
        (
            "héllo",
            "=10",
            "ValueError:'=' alignment not allowed in string format specifier",
        ),
        (
            "héllo",
            "+",
            "ValueError:Sign not allowed in string format specifier",
        ),
        (
            "héllo",
            " ",
            "ValueError:Space not allowed in string format specifier",
        ),
        (
            "héllo",
            "-",
            "ValueError:Sign not allowed in string format specifier",
        ),
        (
            "héllo",
            "z",
            "ValueError:Negative zero coercion (z) not allowed in string format specifier",
        ),
        (
            "héllo",
            "#",
            "ValueError:Alternate form (#) not allowed in string format specifier",
        ),
        ("héllo", ",", "ValueError:Cannot specify ',' with 's'."),
        ("héllo", "_", "ValueError:Cannot specify '_' with 's'."),
        (
            "héllo",
            "d",
            "ValueError:Unknown format code 'd' for object of type 'str'",
        ),
        (
            "héllo",
            "xx",
            "ValueError:Invalid format specifier 'xx' for object of type 'str'",
        ),
        ("héllo", ".0", "ok:"),
        ("héllo", "é^8", "ok:éhélloéé"),
        ("héllo", "\u{0}<5", "ok:héllo"),
        ("héllo", ">3.1", "ok:  h"),
        ("héllo", "^.3", "ok:hél"),
        ("longer than ten chars", "", "ok:longer than ten chars"),
        ("longer than ten chars", "s", "ok:longer than ten chars"),
        ("longer than ten chars", "10", "ok:longer than ten chars"),
        ("longer than ten chars", "<10", "ok:longer than ten chars"),
        ("longer than ten chars", ">10", "ok:longer than ten chars"),
        ("longer than ten chars", "^10", "ok:longer than ten chars"),
        ("longer than ten chars", "^9", "ok:longer than ten chars"),
        ("longer than ten chars", "*^9", "ok:longer than ten chars"),
        ("longer than ten chars", ".2", "ok:lo"),
        ("longer than ten chars", "10.2", "ok:lo        "),
        ("longer than ten chars", "05", "ok:longer than ten chars"),
        ("longer than ten chars", "010s", "ok:longer than ten chars"),
        (
            "longer than ten chars",
            "=10",
            "ValueError:'=' alignment not allowed in string format specifier",
        ),
        (
            "longer than ten chars",
            "+",
            "ValueError:Sign not allowed in string format specifier",
        ),
        (
            "longer than ten chars",
            " ",
            "ValueError:Space not allowed in string format specifier",
        ),
        (
            "longer than ten chars",
            "-",
            "ValueError:Sign not allowed in string format specifier",
        ),
        (
            "longer than ten chars",
            "z",
            "ValueError:Negative zero coercion (z) not allowed in string format specifier",
        ),
        (
            "longer than ten chars",
            "#",
            "ValueError:Alternate form (#) not allowed in string format specifier",
        ),
        (
            "longer than ten chars",
            ",",
            "ValueError:Cannot specify ',' with 's'.",
        ),
        (
            "longer than ten chars",
            "_",
            "ValueError:Cannot specify '_' with 's'.",
        ),
        (
            "longer than ten chars",
            "d",
            "ValueError:Unknown format code 'd' for object of type 'str'",
        ),
        (
            "longer than ten chars",
            "xx",
            "ValueError:Invalid format specifier 'xx' for object of type 'str'",
        ),
        ("longer than ten chars", ".0", "ok:"),
        ("longer than ten chars", "é^8", "ok:longer than ten chars"),
        (
            "longer than ten chars",
            "\u{0}<5",
            "ok:longer than ten chars",
        ),
        ("longer than ten chars", ">3.1", "ok:  l"),
        ("longer than ten chars", "^.3", "ok:lon"),
    ];

    #[test]
    fn int_specs_match_cpython() {
        for &(v, spec, want) in INT_CASES {
            let v: BigInt = v.parse().unwrap();
            let got = outcome(parse_format_spec(spec).and_then(|s| format_int(&v, &s)));
            assert_eq!(got, want, "format({v}, {spec:?})");
        }
    }

    #[test]
    fn float_specs_match_cpython() {
        for &(v, spec, want) in FLOAT_CASES {
            let got = outcome(parse_format_spec(spec).and_then(|s| format_float(v, &s)));
            assert_eq!(got, want, "format({v:?}, {spec:?})");
        }
    }

    #[test]
    fn str_specs_match_cpython() {
        for &(v, spec, want) in STR_CASES {
            let got = outcome(parse_format_spec(spec).and_then(|s| format_str(v, &s)));
            assert_eq!(got, want, "format({v:?}, {spec:?})");
        }
    }

    #[test]
    fn huge_general_precision_is_cheap() {
        // python3 -c "print(format(0.1, '.2000000000g')); print(format(1e22, ',.0f'), format(-1e22, '_'))"
        // 0.1000000000000000055511151231257827021181583404541015625
        // 10,000,000,000,000,000,000,000 -1e+22
        let spec = parse_format_spec(".2000000000g").unwrap();
        assert_eq!(
            format_float(0.1, &spec).unwrap(),
            "0.1000000000000000055511151231257827021181583404541015625"
        );
        let spec = parse_format_spec(",.0f").unwrap();
        assert_eq!(
            format_float(1e22, &spec).unwrap(),
            "10,000,000,000,000,000,000,000"
        );
        let spec = parse_format_spec("_").unwrap();
        assert_eq!(format_float(-1e22, &spec).unwrap(), "-1e+22");
    }

    #[test]
    fn subclass_type_names() {
        // python3 -c "
        // for f in (lambda: format(True, 'xx'), lambda: format(True, 's'), lambda: format(1.5, 'q')):
        //     try: f()
        //     except ValueError as e: print(e)"
        let spec = parse_format_spec("xx").unwrap();
        assert_eq!(
            format_int_as(&BigInt::from(1), &spec, "bool").unwrap_err(),
            "Invalid format specifier 'xx' for object of type 'bool'"
        );
        let spec = parse_format_spec("s").unwrap();
        assert_eq!(
            format_int_as(&BigInt::from(1), &spec, "bool").unwrap_err(),
            "Unknown format code 's' for object of type 'bool'"
        );
    }

    #[test]
    fn unicode_digits_and_memory() {
        // python3 -c "print(repr(format(12, '\u0663')))"  -> ' 12'
        let spec = parse_format_spec("\u{663}").unwrap();
        assert_eq!(format_int(&BigInt::from(12), &spec).unwrap(), " 12");
        assert_eq!(decimal_value('7'), Some(7));
        assert_eq!(decimal_value('\u{1D7F8}'), Some(2));
        assert_eq!(decimal_value('a'), None);
        // A width far beyond memory fails with the MemoryError message.
        let spec = parse_format_spec("9223372036854775807").unwrap();
        let err = format_int(&BigInt::from(1), &spec).unwrap_err();
        assert_eq!(error_class(&err), ErrorClass::Memory);
        let err = format_str("x", &spec).unwrap_err();
        assert_eq!(error_class(&err), ErrorClass::Memory);
    }
}
