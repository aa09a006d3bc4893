//! `str.format` template parsing (literal text, `{field!conv:spec}` markup, field names).

use super::spec::decimal_value;

/// Message CPython raises when nested format specs recurse too deeply
/// (the top-level template has depth 2; each nested spec expansion
/// decrements it and fails when it would reach 0).
pub const MSG_MAX_RECURSION: &str = "Max string recursion exceeded";

/// The first part of a field name (before any `.` or `[`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FieldFirst {
    /// Empty: the next automatic positional index.
    Auto,
    /// All (Unicode) decimal digits: a positional index.
    Index(usize),
    /// Anything else: a keyword-argument name.
    Name(String),
}

/// Key inside `[...]`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ItemKey {
    /// All decimal digits: an integer subscript.
    Index(usize),
    /// Anything else: a string subscript.
    Name(String),
}

/// One `.attr` or `[key]` step after the first part of a field name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FieldAccessor {
    /// `.name`: `getattr`.
    Attr(String),
    /// `[key]`: `__getitem__`.
    Item(ItemKey),
}

/// A parsed field name such as `0.real` or `name[1][key]`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldName {
    /// The argument reference.
    pub first: FieldFirst,
    /// Accessors to apply in order.
    pub rest: Vec<FieldAccessor>,
    /// CPython parses accessors lazily while applying them: after applying
    /// every element of `rest`, raise this `ValueError` if present.
    pub rest_error: Option<String>,
}

/// A replacement field `{name!conversion:spec}`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Field {
    /// The field name.
    pub name: FieldName,
    /// The conversion character after `!`, unvalidated (see [`check_conversion`]).
    pub conversion: Option<char>,
    /// The raw format spec after `:` (may contain nested `{...}` fields).
    pub spec: String,
    /// `spec` contains `{`: the caller must expand it (parse it again with
    /// [`TemplateParser`], sharing the same [`AutoNumber`], one recursion
    /// level deeper) before using it as a format spec.
    pub spec_needs_expanding: bool,
}

/// A piece of a parsed template.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TemplatePiece {
    /// Literal text with `{{`/`}}` already unescaped.
    Literal(String),
    /// A replacement field.
    Field(Field),
}

/// Decimal value of a non-empty all-digits string, `Ok(None)` if it has a
/// non-digit or is empty, `Err` on overflow (CPython's `get_integer`).
fn get_integer(s: &[char]) -> Result<Option<usize>, String> {
    if s.is_empty() {
        return Ok(None);
    }
    let mut acc: i64 = 0;
    for &c in s {
        let Some(d) = decimal_value(c) else {
            return Ok(None);
        };
        let d = i64::from(d);
        if acc > (i64::MAX - d) / 10 {
            return Err("Too many decimal digits in format string".to_string());
        }
        acc = acc * 10 + d;
    }
    Ok(Some(acc as usize))
}

/// Splits a field name into its first part and accessors. Fails only with
/// "Too many decimal digits in format string" for the first part; accessor
/// errors go to [`FieldName::rest_error`].
pub fn parse_field_name(name: &str) -> Result<FieldName, String> {
    let c: Vec<char> = name.chars().collect();
    let split = c
        .iter()
        .position(|&ch| ch == '.' || ch == '[')
        .unwrap_or(c.len());
    let first_chars = &c[..split];
    let first = if first_chars.is_empty() {
        FieldFirst::Auto
    } else {
        match get_integer(first_chars)? {
            Some(i) => FieldFirst::Index(i),
            None => FieldFirst::Name(first_chars.iter().collect()),
        }
    };
    let mut rest = Vec::new();
    let mut rest_error = None;
    let mut pos = split;
    while pos < c.len() {
        match parse_accessor(&c, &mut pos) {
            Ok(a) => rest.push(a),
            Err(e) => {
                rest_error = Some(e);
                break;
            }
        }
    }
    Ok(FieldName {
        first,
        rest,
        rest_error,
    })
}

/// Port of CPython's `FieldNameIterator_next` for one accessor at `*pos`.
fn parse_accessor(c: &[char], pos: &mut usize) -> Result<FieldAccessor, String> {
    let kind = c[*pos];
    *pos += 1;
    let start = *pos;
    let accessor = match kind {
        '.' => {
            while *pos < c.len() && c[*pos] != '.' && c[*pos] != '[' {
                *pos += 1;
            }
            let name = &c[start..*pos];
            if name.is_empty() {
                return Err("Empty attribute in format string".to_string());
            }
            FieldAccessor::Attr(name.iter().collect())
        }
        '[' => {
            while *pos < c.len() && c[*pos] != ']' {
                *pos += 1;
            }
            if *pos >= c.len() {
                return Err("Missing ']' in format string".to_string());
            }
            let key = &c[start..*pos];
            *pos += 1;
            let index = get_integer(key)?;
            if key.is_empty() {
                return Err("Empty attribute in format string".to_string());
            }
            FieldAccessor::Item(match index {
                Some(i) => ItemKey::Index(i),
                None => ItemKey::Name(key.iter().collect()),
            })
        }
        _ => return Err("Only '.' or '[' may follow ']' in format field specifier".to_string()),
    };
    Ok(accessor)
}

/// Validates a `!` conversion: `r`, `s` or `a`, else CPython's message.
pub fn check_conversion(c: char) -> Result<(), String> {
    if matches!(c, 'r' | 's' | 'a') {
        return Ok(());
    }
    let cp = c as u32;
    if cp > 32 && cp < 127 {
        Err(format!("Unknown conversion specifier {c}"))
    } else {
        Err(format!("Unknown conversion specifier \\x{cp:x}"))
    }
}

/// An argument reference after automatic numbering.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ArgRef<'a> {
    /// Positional argument index.
    Index(usize),
    /// Keyword argument name.
    Name(&'a str),
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
enum AutoState {
    #[default]
    Init,
    Auto,
    Manual,
}

/// Automatic field numbering state for one `str.format` call (shared by
/// nested specs).
#[derive(Clone, Debug, Default)]
pub struct AutoNumber {
    state: AutoState,
    next: usize,
}

impl AutoNumber {
    /// Creates the initial state.
    pub fn new() -> Self {
        Self::default()
    }

    /// Turns `first` into an argument reference, numbering `Auto` fields and
    /// failing with CPython's "cannot switch from ..." messages on mixing.
    pub fn resolve<'a>(&mut self, first: &'a FieldFirst) -> Result<ArgRef<'a>, String> {
        let auto = match first {
            FieldFirst::Name(n) => return Ok(ArgRef::Name(n)),
            FieldFirst::Auto => true,
            FieldFirst::Index(_) => false,
        };
        if self.state == AutoState::Init {
            self.state = if auto {
                AutoState::Auto
            } else {
                AutoState::Manual
            };
        }
        match (self.state, auto) {
            (AutoState::Manual, true) => Err(
                "cannot switch from manual field specification to automatic field numbering"
                    .to_string(),
            ),
            (AutoState::Auto, false) => Err(
                "cannot switch from automatic field numbering to manual field specification"
                    .to_string(),
            ),
            _ => match first {
                FieldFirst::Index(i) => Ok(ArgRef::Index(*i)),
                _ => {
                    let i = self.next;
                    self.next += 1;
                    Ok(ArgRef::Index(i))
                }
            },
        }
    }
}

/// Lazy template parser yielding pieces in order (adjacent literal text
/// merged); stops after the first error. Use it to report errors in the same
/// order as CPython, which renders each field before parsing further.
#[derive(Debug)]
pub struct TemplateParser {
    chars: Vec<char>,
    pos: usize,
    pending: Option<Result<TemplatePiece, String>>,
    done: bool,
}

impl TemplateParser {
    /// Creates a parser over `template`.
    pub fn new(template: &str) -> Self {
        TemplateParser {
            chars: template.chars().collect(),
            pos: 0,
            pending: None,
            done: false,
        }
    }

    /// Port of CPython's `MarkupIterator_next`: appends literal text to
    /// `literal` and returns a field if markup follows.
    fn markup(&mut self, literal: &mut String) -> Result<Option<Field>, String> {
        let mut brace = None;
        while let Some(&c) = self.chars.get(self.pos) {
            self.pos += 1;
            if c == '{' || c == '}' {
                brace = Some(c);
                break;
            }
            literal.push(c);
        }
        let Some(b) = brace else {
            return Ok(None);
        };
        let next = self.chars.get(self.pos).copied();
        if next == Some(b) {
            literal.push(b);
            self.pos += 1;
            return Ok(None);
        }
        if b == '}' {
            return Err("Single '}' encountered in format string".to_string());
        }
        if next.is_none() {
            return Err("Single '{' encountered in format string".to_string());
        }
        self.field().map(Some)
    }

    /// Port of CPython's `parse_field`; `self.pos` is just after the `{`.
    fn field(&mut self) -> Result<Field, String> {
        let c = &self.chars;
        let start = self.pos;
        let mut last = None;
        while self.pos < c.len() {
            let ch = c[self.pos];
            self.pos += 1;
            match ch {
                '{' => return Err("unexpected '{' in field name".to_string()),
                '[' => {
                    while self.pos < c.len() && c[self.pos] != ']' {
                        self.pos += 1;
                    }
                    last = Some('[');
                }
                '}' | ':' | '!' => {
                    last = Some(ch);
                    break;
                }
                _ => last = Some(ch),
            }
        }
        let name_end = if matches!(last, Some('}' | ':' | '!')) {
            self.pos - 1
        } else {
            self.pos
        };
        let name_text: String = c[start..name_end].iter().collect();
        let mut conversion = None;
        let mut spec = String::new();
        let mut needs_expanding = false;
        match last {
            Some('!') | Some(':') => {
                let mut has_spec = true;
                if last == Some('!') {
                    let conv = *c.get(self.pos).ok_or_else(|| {
                        "end of string while looking for conversion specifier".to_string()
                    })?;
                    self.pos += 1;
                    conversion = Some(conv);
                    if let Some(&after) = c.get(self.pos) {
                        self.pos += 1;
                        if after == '}' {
                            has_spec = false;
                        } else if after != ':' {
                            return Err("expected ':' after conversion specifier".to_string());
                        }
                    }
                }
                if has_spec {
                    let spec_start = self.pos;
                    let mut count = 1;
                    loop {
                        let Some(&ch) = c.get(self.pos) else {
                            return Err("unmatched '{' in format spec".to_string());
                        };
                        self.pos += 1;
                        match ch {
                            '{' => {
                                needs_expanding = true;
                                count += 1;
                            }
                            '}' => {
                                count -= 1;
                                if count == 0 {
                                    break;
                                }
                            }
                            _ => {}
                        }
                    }
                    spec = c[spec_start..self.pos - 1].iter().collect();
                }
            }
            Some('}') => {}
            _ => return Err("expected '}' before end of string".to_string()),
        }
        Ok(Field {
            name: parse_field_name(&name_text)?,
            conversion,
            spec,
            spec_needs_expanding: needs_expanding,
        })
    }
}

impl Iterator for TemplateParser {
    type Item = Result<TemplatePiece, String>;

    fn next(&mut self) -> Option<Self::Item> {
        if let Some(p) = self.pending.take() {
            return Some(p);
        }
        if self.done {
            return None;
        }
        let mut literal = String::new();
        let found = loop {
            if self.pos >= self.chars.len() {
                self.done = true;
                break None;
            }
            match self.markup(&mut literal) {
                Ok(None) => {}
                Ok(Some(f)) => break Some(Ok(TemplatePiece::Field(f))),
                Err(e) => {
                    self.done = true;
                    break Some(Err(e));
                }
            }
        };
        if literal.is_empty() {
            return found;
        }
        self.pending = found;
        Some(Ok(TemplatePiece::Literal(literal)))
    }
}

/// Parses a whole template eagerly; errors are CPython's `ValueError`
/// messages ("Single '}' encountered in format string", "Single '{'
/// encountered in format string", "expected '}' before end of string",
/// "unmatched '{' in format spec", ...). Field-level runtime checks
/// (numbering, conversions, accessor errors) are left to the caller.
pub fn parse_template(s: &str) -> Result<Vec<TemplatePiece>, String> {
    TemplateParser::new(s).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn first_desc(first: &FieldFirst) -> String {
        match first {
            FieldFirst::Auto => "A".to_string(),
            FieldFirst::Index(i) => format!("I{i}"),
            FieldFirst::Name(n) => format!("N{n}"),
        }
    }

    /// Same canonical description as the generator's `name_desc`.
    fn name_desc(name: &FieldName) -> String {
        let mut out = first_desc(&name.first);
        for a in &name.rest {
            match a {
                FieldAccessor::Attr(s) => out += &format!(".{s}"),
                FieldAccessor::Item(ItemKey::Index(i)) => out += &format!("[I{i}]"),
                FieldAccessor::Item(ItemKey::Name(s)) => out += &format!("[N{s}]"),
            }
        }
        if let Some(e) = &name.rest_error {
            out += &format!("!{e}");
        }
        out
    }

    fn describe(t: &str) -> String {
        match parse_template(t) {
            Err(e) => format!("err:{e}"),
            Ok(pieces) => {
                let parts: Vec<String> = pieces
                    .iter()
                    .map(|p| match p {
                        TemplatePiece::Literal(s) => format!("L:{s}"),
                        TemplatePiece::Field(f) => format!(
                            "F:{}|{}|{}|{}",
                            name_desc(&f.name),
                            f.conversion.unwrap_or('-'),
                            f.spec,
                            u8::from(f.spec_needs_expanding)
                        ),
                    })
                    .collect();
                format!("ok:{}", parts.join("\u{2016}"))
            }
        }
    }

    // Table generated by python3 (CPython 3.11.7), from _string.formatter_parser
    // and _string.formatter_field_name_split: `python3 gen_template.py` where
    // gen_template.py is:
    // from common import *
    // import _string
    // def first_desc(first):
    //     if first == '': return 'A'
    //     return ('I%d' % first) if isinstance(first, int) else 'N' + first
    // def name_desc(name):
    //     first, rest = _string.formatter_field_name_split(name)
    //     out = first_desc(first)
    //     try:
    //         for is_attr, key in rest:
    //             if is_attr: out += '.' + key
    //             else: out += '[' + (('I%d' % key) if isinstance(key, int) else 'N' + key) + ']'
    //     except ValueError as e:
    //         out += '!' + str(e)
    //     return out
    // def parse(s):
    //     pieces = []
    //     for lit, name, spec, conv in _string.formatter_parser(s):
    //         if lit:
    //             if pieces and pieces[-1].startswith('L:'): pieces[-1] += lit
    //             else: pieces.append('L:' + lit)
    //         if name is not None:
    //             pieces.append('F:%s|%s|%s|%d' % (name_desc(name), conv or '-', spec, '{' in spec))
    //     return pieces
    // templates = ['hello', '', '{}', '{0}', '{name}', 'a{{b}}c', '{{}}', '{0!r}', '{0!s:>10}', '{:{}}',
    //   '{0:{1}.{2}f}', '{a.b[c][0]}', '{[0]}', '{.x}', 'x{0}y{1}z', '{0:}', '{!r}', '{0[}]}', '}', '{', 'a}', 'a{',
    //   '{0', '{0!', '{0!r', '{0!rx}', '{!}', '{0:{', '{0{}', '{a[}', '}}{{', '{0:{{}}}', '{ 0 }', '{\u0663}',
    //   '{0!x}', '{0.}', '{0[]}', '{0]x}', '{0[1]x}', '{0.a.b[c d]}', '{a[x.y]}', '{a[[]}', '{00}', '{-1}',
    //   '{99999999999999999999}', '{0[99999999999999999999]}', '{a!r:{b}>{c}}', '{:}}', 'a{0}}', '{:{:{}}}',
    //   'ab{}cd{{ef}}gh{0:x}', '{:\u00e9^10}', '{0!:}', '{0:!r}', '{0!r!s}', '{a[b]c}', '{0}{', '{0}}x', '}{']
    // print('CASES')
    // for t in templates:
    //     try:
    //         res = 'ok:' + '\u2016'.join(parse(t))
    //     except ValueError as e:
    //         res = 'err:' + str(e)
    //     print('        (%s, %s),' % (rs(t), rs(res)))
    // and common.py is as in spec.rs's tests.
    const CASES: &[(&str, &str)] = &[
        ("hello", "ok:L:hello"),
        ("", "ok:"),
        ("{}", "ok:F:A|-||0"),
        ("{0}", "ok:F:I0|-||0"),
        ("{name}", "ok:F:Nname|-||0"),
        ("a{{b}}c", "ok:L:a{b}c"),
        ("{{}}", "ok:L:{}"),
        ("{0!r}", "ok:F:I0|r||0"),
        ("{0!s:>10}", "ok:F:I0|s|>10|0"),
        ("{:{}}", "ok:F:A|-|{}|1"),
        ("{0:{1}.{2}f}", "ok:F:I0|-|{1}.{2}f|1"),
        ("{a.b[c][0]}", "ok:F:Na.b[Nc][I0]|-||0"),
        ("{[0]}", "ok:F:A[I0]|-||0"),
        ("{.x}", "ok:F:A.x|-||0"),
        ("x{0}y{1}z", "ok:L:x‖F:I0|-||0‖L:y‖F:I1|-||0‖L:z"),
        ("{0:}", "ok:F:I0|-||0"),
        ("{!r}", "ok:F:A|r||0"),
        ("{0[}]}", "ok:F:I0[N}]|-||0"),
        ("}", "err:Single '}' encountered in format string"),
        ("{", "err:Single '{' encountered in format string"),
        ("a}", "err:Single '}' encountered in format string"),
        ("a{", "err:Single '{' encountered in format string"),
        ("{0", "err:expected '}' before end of string"),
        (
            "{0!",
            "err:end of string while looking for conversion specifier",
        ),
        ("{0!r", "err:unmatched '{' in format spec"),
        ("{0!rx}", "err:expected ':' after conversion specifier"),
        ("{!}", "err:unmatched '{' in format spec"),
        ("{0:{", "err:unmatched '{' in format spec"),
        ("{0{}", "err:unexpected '{' in field name"),
        ("{a[}", "err:expected '}' before end of string"),
        ("}}{{", "ok:L:}{"),
        ("{0:{{}}}", "ok:F:I0|-|{{}}|1"),
        ("{ 0 }", "ok:F:N 0 |-||0"),
        ("{٣}", "ok:F:I3|-||0"),
        ("{0!x}", "ok:F:I0|x||0"),
        ("{0.}", "ok:F:I0!Empty attribute in format string|-||0"),
        ("{0[]}", "ok:F:I0!Empty attribute in format string|-||0"),
        ("{0]x}", "ok:F:N0]x|-||0"),
        (
            "{0[1]x}",
            "ok:F:I0[I1]!Only '.' or '[' may follow ']' in format field specifier|-||0",
        ),
        ("{0.a.b[c d]}", "ok:F:I0.a.b[Nc d]|-||0"),
        ("{a[x.y]}", "ok:F:Na[Nx.y]|-||0"),
        ("{a[[]}", "ok:F:Na[N[]|-||0"),
        ("{00}", "ok:F:I0|-||0"),
        ("{-1}", "ok:F:N-1|-||0"),
        (
            "{99999999999999999999}",
            "err:Too many decimal digits in format string",
        ),
        (
            "{0[99999999999999999999]}",
            "ok:F:I0!Too many decimal digits in format string|-||0",
        ),
        ("{a!r:{b}>{c}}", "ok:F:Na|r|{b}>{c}|1"),
        ("{:}}", "err:Single '}' encountered in format string"),
        ("a{0}}", "err:Single '}' encountered in format string"),
        ("{:{:{}}}", "ok:F:A|-|{:{}}|1"),
        (
            "ab{}cd{{ef}}gh{0:x}",
            "ok:L:ab‖F:A|-||0‖L:cd{ef}gh‖F:I0|-|x|0",
        ),
        ("{:é^10}", "ok:F:A|-|é^10|0"),
        ("{0!:}", "ok:F:I0|:||0"),
        ("{0:!r}", "ok:F:I0|-|!r|0"),
        ("{0!r!s}", "err:expected ':' after conversion specifier"),
        (
            "{a[b]c}",
            "ok:F:Na[Nb]!Only '.' or '[' may follow ']' in format field specifier|-||0",
        ),
        ("{0}{", "err:Single '{' encountered in format string"),
        ("{0}}x", "err:Single '}' encountered in format string"),
        ("}{", "err:Single '}' encountered in format string"),
    ];

    #[test]
    fn templates_match_cpython() {
        for &(t, want) in CASES {
            assert_eq!(describe(t), want, "template {t:?}");
        }
    }

    /// Resolves every field of `t` like `str.format` does.
    fn numbering(t: &str) -> Result<Vec<String>, String> {
        let mut auto = AutoNumber::new();
        let mut out = Vec::new();
        for piece in parse_template(t)? {
            if let TemplatePiece::Field(f) = piece {
                match auto.resolve(&f.name.first)? {
                    ArgRef::Index(i) => out.push(i.to_string()),
                    ArgRef::Name(n) => out.push(n.to_string()),
                }
                if let Some(c) = f.conversion {
                    check_conversion(c)?;
                }
            }
        }
        Ok(out)
    }

    #[test]
    fn numbering_and_conversions() {
        // python3 -c "
        // for f in ['{}{1}', '{1}{}', '{0!x}', '{0!\x01}', '{0! }', '{0!é}', '{a}{}{b}{}']:
        //     try: print(repr(f), repr(f.format(1,2,a=3,b=4)))
        //     except ValueError as e: print(repr(f), 'err', e)"
        // '{}{1}' err cannot switch from automatic field numbering to manual field specification
        // '{1}{}' err cannot switch from manual field specification to automatic field numbering
        // '{0!x}' err Unknown conversion specifier x
        // '{0!\x01}' err Unknown conversion specifier \x1
        // '{0! }' err Unknown conversion specifier \x20
        // '{0!é}' err Unknown conversion specifier \xe9
        // '{a}{}{b}{}' '3142'
        let err = |t: &str| numbering(t).unwrap_err();
        assert_eq!(
            err("{}{1}"),
            "cannot switch from automatic field numbering to manual field specification"
        );
        assert_eq!(
            err("{1}{}"),
            "cannot switch from manual field specification to automatic field numbering"
        );
        assert_eq!(err("{0!x}"), "Unknown conversion specifier x");
        assert_eq!(err("{0!\u{1}}"), "Unknown conversion specifier \\x1");
        assert_eq!(err("{0! }"), "Unknown conversion specifier \\x20");
        assert_eq!(err("{0!\u{e9}}"), "Unknown conversion specifier \\xe9");
        assert_eq!(numbering("{a}{}{b}{}").unwrap(), ["a", "0", "b", "1"]);
    }

    #[test]
    fn lazy_parser_yields_before_error() {
        let mut p = TemplateParser::new("ab{0}{");
        assert_eq!(p.next(), Some(Ok(TemplatePiece::Literal("ab".to_string()))));
        assert!(matches!(p.next(), Some(Ok(TemplatePiece::Field(_)))));
        assert_eq!(
            p.next(),
            Some(Err("Single '{' encountered in format string".to_string()))
        );
        assert_eq!(p.next(), None);
    }
}
