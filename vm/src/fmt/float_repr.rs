//! Float-to-text conversion matching CPython's `PyOS_double_to_string` (repr, `%e`/`%f`/`%g`).

/// Which layout `double_to_string` produces; mirrors CPython's format codes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FloatStyle {
    /// `'e'`: exponent notation with `precision` digits after the point.
    Exp,
    /// `'f'`: fixed notation with `precision` digits after the point.
    Fixed,
    /// `'g'`: `precision` significant digits, fixed or exponent by magnitude.
    General,
    /// `'r'`: shortest round-trip digits (`repr`); `precision` is ignored.
    Repr,
}

impl FloatStyle {
    /// Maps a format code (`e E f F g G r`) to a style and an upper-case flag.
    /// Returns `None` for any other character.
    pub fn from_code(code: char) -> Option<(FloatStyle, bool)> {
        match code {
            'e' => Some((FloatStyle::Exp, false)),
            'E' => Some((FloatStyle::Exp, true)),
            'f' => Some((FloatStyle::Fixed, false)),
            'F' => Some((FloatStyle::Fixed, true)),
            'g' => Some((FloatStyle::General, false)),
            'G' => Some((FloatStyle::General, true)),
            'r' => Some((FloatStyle::Repr, false)),
            _ => None,
        }
    }
}

/// Options mirroring CPython's `Py_DTSF_*` flags.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DtoaFlags {
    /// `Py_DTSF_SIGN`: always emit a sign (`+` for non-negative values).
    pub sign: bool,
    /// `Py_DTSF_ADD_DOT_0`: append `.0` to integral results without exponent.
    pub add_dot_0: bool,
    /// `Py_DTSF_ALT`: alternate form (keep trailing zeros / decimal point).
    pub alt: bool,
    /// `Py_DTSF_NO_NEG_0`: drop the sign of results that round to zero.
    pub no_neg_0: bool,
}

/// Largest number of fractional digits any finite f64 needs to be exact.
const MAX_EXACT_FRACTION_DIGITS: usize = 1100;
/// Largest number of significant digits any finite f64 needs to be exact.
const MAX_EXACT_SIG_DIGITS: usize = 800;

/// How the decimal digits of a float are produced (dtoa modes 0, 2 and 3).
#[derive(Clone, Copy)]
enum DigitMode {
    Shortest,
    Significant(usize),
    Fraction(usize),
}

/// Returns the decimal digits of finite, non-negative, non-zero `x` (no
/// trailing zeros, possibly empty) and the decimal point position `decpt`,
/// so that `x ~= 0.DIGITS * 10**decpt`.
fn digits_of(x: f64, mode: DigitMode) -> (Vec<u8>, i64) {
    if x == 0.0 {
        return (vec![b'0'], 1);
    }
    let (mut digits, decpt) = match mode {
        DigitMode::Shortest => sci_digits(&format!("{x:e}")),
        DigitMode::Significant(n) => {
            let n = n.clamp(1, MAX_EXACT_SIG_DIGITS);
            sci_digits(&format!("{:.*e}", n - 1, x))
        }
        DigitMode::Fraction(n) => {
            let n = n.min(MAX_EXACT_FRACTION_DIGITS);
            let text = format!("{x:.n$}");
            let int_len = text.find('.').unwrap_or(text.len());
            let all: Vec<u8> = text.bytes().filter(u8::is_ascii_digit).collect();
            let leading = all.iter().take_while(|&&b| b == b'0').count();
            let decpt = int_len as i64 - leading as i64;
            (all[leading..].to_vec(), decpt)
        }
    };
    while digits.last() == Some(&b'0') {
        digits.pop();
    }
    (digits, decpt)
}

/// Splits Rust's `{:e}` output (`d.ddde-N`) into digits and `decpt`.
fn sci_digits(text: &str) -> (Vec<u8>, i64) {
    let (mantissa, exp) = text.split_once('e').unwrap_or((text, "0"));
    let digits: Vec<u8> = mantissa.bytes().filter(u8::is_ascii_digit).collect();
    let exp: i64 = exp.parse().unwrap_or(0);
    (digits, exp + 1)
}

/// Converts `x` to text exactly like CPython's `PyOS_double_to_string`.
///
/// `precision` means digits after the point for `Exp`/`Fixed`, significant
/// digits for `General` (0 is treated as 1), and is ignored for `Repr`.
/// `upper` selects `E`/`INF`/`NAN`. Never fails; the output length grows with
/// `precision` for `Fixed`/`Exp` and with the magnitude of `x` for `Fixed`.
pub fn double_to_string(
    x: f64,
    style: FloatStyle,
    precision: usize,
    upper: bool,
    flags: DtoaFlags,
) -> String {
    let mut out = String::new();
    let negative = x.is_sign_negative();
    if !x.is_finite() {
        if x.is_nan() {
            if flags.sign {
                out.push('+');
            }
            out.push_str(if upper { "NAN" } else { "nan" });
        } else {
            if negative {
                out.push('-');
            } else if flags.sign {
                out.push('+');
            }
            out.push_str(if upper { "INF" } else { "inf" });
        }
        return out;
    }

    let precision = precision.min(i64::MAX as usize / 4) as i64;
    let (mode, precision) = match style {
        FloatStyle::Exp => (
            DigitMode::Significant(precision as usize + 1),
            precision + 1,
        ),
        FloatStyle::Fixed => (DigitMode::Fraction(precision as usize), precision),
        FloatStyle::General => {
            let p = precision.max(1);
            (DigitMode::Significant(p as usize), p)
        }
        FloatStyle::Repr => (DigitMode::Shortest, 0),
    };
    let (digits, mut decpt) = digits_of(x.abs(), mode);
    let digits_len = digits.len() as i64;

    let mut sign_negative = negative;
    if flags.no_neg_0 && negative && (digits.is_empty() || digits == b"0") {
        sign_negative = false;
    }

    let mut vdigits_end = digits_len;
    let mut use_exp = false;
    match style {
        FloatStyle::Exp => {
            use_exp = true;
            vdigits_end = precision;
        }
        FloatStyle::Fixed => vdigits_end = decpt + precision,
        FloatStyle::General => {
            let limit = if flags.add_dot_0 {
                precision - 1
            } else {
                precision
            };
            if decpt <= -4 || decpt > limit {
                use_exp = true;
            }
            if flags.alt {
                vdigits_end = precision;
            }
        }
        FloatStyle::Repr => {
            if decpt <= -4 || decpt > 16 {
                use_exp = true;
            }
        }
    }

    let mut exp = 0;
    if use_exp {
        exp = decpt - 1;
        decpt = 1;
    }
    let vdigits_start = if decpt <= 0 { decpt - 1 } else { 0 };
    if !use_exp && flags.add_dot_0 {
        vdigits_end = vdigits_end.max(decpt + 1);
    } else {
        vdigits_end = vdigits_end.max(decpt);
    }

    if sign_negative {
        out.push('-');
    } else if flags.sign {
        out.push('+');
    }
    let push_zeros = |out: &mut String, n: i64| {
        for _ in 0..n.max(0) {
            out.push('0');
        }
    };
    let digit_str = |range: std::ops::Range<usize>| -> &str {
        std::str::from_utf8(&digits[range]).unwrap_or("")
    };

    if decpt <= 0 {
        push_zeros(&mut out, decpt - vdigits_start);
        out.push('.');
        push_zeros(&mut out, -decpt);
    } else {
        push_zeros(&mut out, -vdigits_start);
    }

    if 0 < decpt && decpt <= digits_len {
        out.push_str(digit_str(0..decpt as usize));
        out.push('.');
        out.push_str(digit_str(decpt as usize..digits.len()));
    } else {
        out.push_str(digit_str(0..digits.len()));
    }

    if digits_len < decpt {
        push_zeros(&mut out, decpt - digits_len);
        out.push('.');
        push_zeros(&mut out, vdigits_end - decpt);
    } else {
        push_zeros(&mut out, vdigits_end - digits_len);
    }

    if out.ends_with('.') && !flags.alt {
        out.pop();
    }

    if use_exp {
        out.push(if upper { 'E' } else { 'e' });
        let sign = if exp < 0 { '-' } else { '+' };
        out.push_str(&format!("{sign}{:02}", exp.abs()));
    }
    out
}

/// `repr(x)` / `str(x)` for a Python float: shortest round-trip digits,
/// exponent form when the decimal exponent is < -4 or >= 16, `.0` appended
/// to integral values, and `inf`, `-inf`, `nan`, `-0.0` for the specials.
pub fn float_repr(x: f64) -> String {
    let flags = DtoaFlags {
        add_dot_0: true,
        ..DtoaFlags::default()
    };
    double_to_string(x, FloatStyle::Repr, 0, false, flags)
}

/// `'%.<precision>f' % x`: fixed notation, correctly rounded (half-even on
/// exact ties), lower-case `inf`/`nan`.
pub fn format_fixed(x: f64, precision: usize) -> String {
    double_to_string(x, FloatStyle::Fixed, precision, false, DtoaFlags::default())
}

/// `'%.<precision>e' % x` (`%E` when `upper`): exponent has a sign and at
/// least two digits, e.g. `1.000000e+00`.
pub fn format_exp(x: f64, precision: usize, upper: bool) -> String {
    double_to_string(x, FloatStyle::Exp, precision, upper, DtoaFlags::default())
}

/// `'%.<precision>g' % x` (`%G` when `upper`, `%#g` when `alternate`):
/// precision 0 means 1; trailing zeros are removed unless `alternate`.
pub fn format_general(x: f64, precision: usize, upper: bool, alternate: bool) -> String {
    let flags = DtoaFlags {
        alt: alternate,
        ..DtoaFlags::default()
    };
    double_to_string(x, FloatStyle::General, precision, upper, flags)
}

#[cfg(test)]
mod tests {
    use super::*;

    // Tables generated by python3 (CPython 3.11.7) running:
    // import struct, json
    // J=json.dumps
    // def lit(v):
    //     return 'f64::from_bits(0x%016x)' % struct.unpack('<Q', struct.pack('<d', v))[0]
    // vals=[0.1,1/3,1e16,1e-5,123456789.123,5e-324,1.7976931348623157e308,-0.0,0.0,float('nan'),
    //  float('inf'),-float('inf'),1e22,9007199254740993.0,0.30000000000000004,100.0,1e15,
    //  12345678901234567.0,123456789012345.0,1234567890123456.8,1.5e-05,0.0001,0.001234,
    //  9999999999999998.0,2e16+8,1e100,-1.5,2.5,1e23,4.35,0.5,123.456,-1e-7,1e17,1.2345678901234567e-300]
    // print("REPR")
    // for v in vals: print('(%s, %s),' % (lit(v), J(repr(v))))
    // print("FEG")
    // for v in [0.125,2.675,0.5,1.5,2.5,-0.001,1e300,123.456,0.0,-0.0,1/3,1e-10,float('inf'),-float('inf'),float('nan'),5e-324,999.9999,1e16,0.0001,123456.0]:
    //   for p in [0,1,2,6,9]:
    //     print('(%s, %d, %s, %s, %s, %s, %s),' % (lit(v),p,J('%.*f'%(p,v)),J('%.*e'%(p,v)),J('%.*E'%(p,v)),J('%.*g'%(p,v)),J('%#.*g'%(p,v))))
    //

    const REPR_CASES: &[(f64, &str)] = &[
        (f64::from_bits(0x3fb999999999999a), "0.1"),
        (f64::from_bits(0x3fd5555555555555), "0.3333333333333333"),
        (f64::from_bits(0x4341c37937e08000), "1e+16"),
        (f64::from_bits(0x3ee4f8b588e368f1), "1e-05"),
        (f64::from_bits(0x419d6f34547df3b6), "123456789.123"),
        (f64::from_bits(0x0000000000000001), "5e-324"),
        (
            f64::from_bits(0x7fefffffffffffff),
            "1.7976931348623157e+308",
        ),
        (f64::from_bits(0x8000000000000000), "-0.0"),
        (f64::from_bits(0x0000000000000000), "0.0"),
        (f64::from_bits(0x7ff8000000000000), "nan"),
        (f64::from_bits(0x7ff0000000000000), "inf"),
        (f64::from_bits(0xfff0000000000000), "-inf"),
        (f64::from_bits(0x4480f0cf064dd592), "1e+22"),
        (f64::from_bits(0x4340000000000000), "9007199254740992.0"),
        (f64::from_bits(0x3fd3333333333334), "0.30000000000000004"),
        (f64::from_bits(0x4059000000000000), "100.0"),
        (f64::from_bits(0x430c6bf526340000), "1000000000000000.0"),
        (f64::from_bits(0x4345ee2a2eb5a5c4), "1.2345678901234568e+16"),
        (f64::from_bits(0x42dc12218377de40), "123456789012345.0"),
        (f64::from_bits(0x43118b54f22aeb03), "1234567890123456.8"),
        (f64::from_bits(0x3eef75104d551d69), "1.5e-05"),
        (f64::from_bits(0x3f1a36e2eb1c432d), "0.0001"),
        (f64::from_bits(0x3f5437c5692b3cc5), "0.001234"),
        (f64::from_bits(0x4341c37937e07fff), "9999999999999998.0"),
        (f64::from_bits(0x4351c37937e08002), "2.000000000000001e+16"),
        (f64::from_bits(0x54b249ad2594c37d), "1e+100"),
        (f64::from_bits(0xbff8000000000000), "-1.5"),
        (f64::from_bits(0x4004000000000000), "2.5"),
        (f64::from_bits(0x44b52d02c7e14af6), "1e+23"),
        (f64::from_bits(0x4011666666666666), "4.35"),
        (f64::from_bits(0x3fe0000000000000), "0.5"),
        (f64::from_bits(0x405edd2f1a9fbe77), "123.456"),
        (f64::from_bits(0xbe7ad7f29abcaf48), "-1e-07"),
        (f64::from_bits(0x4376345785d8a000), "1e+17"),
        (
            f64::from_bits(0x01aa74fe1c1e8908),
            "1.2345678901234568e-300",
        ),
    ];

    #[test]
    fn repr_matches_cpython() {
        for &(x, want) in REPR_CASES {
            assert_eq!(float_repr(x), want, "bits {:#x}", x.to_bits());
        }
    }

    /// (x, precision, %.pf, %.pe, %.pE, %.pg, %#.pg)
    type FegCase = (
        f64,
        usize,
        &'static str,
        &'static str,
        &'static str,
        &'static str,
        &'static str,
    );

    const FIXED_EXP_GENERAL: &[FegCase] = &[
        (f64::from_bits(0x3fc0000000000000), 0, "0", "1e-01", "1E-01", "0.1", "0.1"),
        (f64::from_bits(0x3fc0000000000000), 1, "0.1", "1.2e-01", "1.2E-01", "0.1", "0.1"),
        (f64::from_bits(0x3fc0000000000000), 2, "0.12", "1.25e-01", "1.25E-01", "0.12", "0.12"),
        (f64::from_bits(0x3fc0000000000000), 6, "0.125000", "1.250000e-01", "1.250000E-01", "0.125", "0.125000"),
        (f64::from_bits(0x3fc0000000000000), 9, "0.125000000", "1.250000000e-01", "1.250000000E-01", "0.125", "0.125000000"),
        (f64::from_bits(0x4005666666666666), 0, "3", "3e+00", "3E+00", "3", "3."),
        (f64::from_bits(0x4005666666666666), 1, "2.7", "2.7e+00", "2.7E+00", "3", "3."),
        (f64::from_bits(0x4005666666666666), 2, "2.67", "2.67e+00", "2.67E+00", "2.7", "2.7"),
        (f64::from_bits(0x4005666666666666), 6, "2.675000", "2.675000e+00", "2.675000E+00", "2.675", "2.67500"),
        (f64::from_bits(0x4005666666666666), 9, "2.675000000", "2.675000000e+00", "2.675000000E+00", "2.675", "2.67500000"),
        (f64::from_bits(0x3fe0000000000000), 0, "0", "5e-01", "5E-01", "0.5", "0.5"),
        (f64::from_bits(0x3fe0000000000000), 1, "0.5", "5.0e-01", "5.0E-01", "0.5", "0.5"),
        (f64::from_bits(0x3fe0000000000000), 2, "0.50", "5.00e-01", "5.00E-01", "0.5", "0.50"),
        (f64::from_bits(0x3fe0000000000000), 6, "0.500000", "5.000000e-01", "5.000000E-01", "0.5", "0.500000"),
        (f64::from_bits(0x3fe0000000000000), 9, "0.500000000", "5.000000000e-01", "5.000000000E-01", "0.5", "0.500000000"),
        (f64::from_bits(0x3ff8000000000000), 0, "2", "2e+00", "2E+00", "2", "2."),
        (f64::from_bits(0x3ff8000000000000), 1, "1.5", "1.5e+00", "1.5E+00", "2", "2."),
        (f64::from_bits(0x3ff8000000000000), 2, "1.50", "1.50e+00", "1.50E+00", "1.5", "1.5"),
        (f64::from_bits(0x3ff8000000000000), 6, "1.500000", "1.500000e+00", "1.500000E+00", "1.5", "1.50000"),
        (f64::from_bits(0x3ff8000000000000), 9, "1.500000000", "1.500000000e+00", "1.500000000E+00", "1.5", "1.50000000"),
        (f64::from_bits(0x4004000000000000), 0, "2", "2e+00", "2E+00", "2", "2."),
        (f64::from_bits(0x4004000000000000), 1, "2.5", "2.5e+00", "2.5E+00", "2", "2."),
        (f64::from_bits(0x4004000000000000), 2, "2.50", "2.50e+00", "2.50E+00", "2.5", "2.5"),
        (f64::from_bits(0x4004000000000000), 6, "2.500000", "2.500000e+00", "2.500000E+00", "2.5", "2.50000"),
        (f64::from_bits(0x4004000000000000), 9, "2.500000000", "2.500000000e+00", "2.500000000E+00", "2.5", "2.50000000"),
        (f64::from_bits(0xbf50624dd2f1a9fc), 0, "-0", "-1e-03", "-1E-03", "-0.001", "-0.001"),
        (f64::from_bits(0xbf50624dd2f1a9fc), 1, "-0.0", "-1.0e-03", "-1.0E-03", "-0.001", "-0.001"),
        (f64::from_bits(0xbf50624dd2f1a9fc), 2, "-0.00", "-1.00e-03", "-1.00E-03", "-0.001", "-0.0010"),
        (f64::from_bits(0xbf50624dd2f1a9fc), 6, "-0.001000", "-1.000000e-03", "-1.000000E-03", "-0.001", "-0.00100000"),
        (f64::from_bits(0xbf50624dd2f1a9fc), 9, "-0.001000000", "-1.000000000e-03", "-1.000000000E-03", "-0.001", "-0.00100000000"),
        (f64::from_bits(0x7e37e43c8800759c), 0, "1000000000000000052504760255204420248704468581108159154915854115511802457988908195786371375080447864043704443832883878176942523235360430575644792184786706982848387200926575803737830233794788090059368953234970799945081119038967640880074652742780142494579258788820056842838115669472196386865459400540160", "1e+300", "1E+300", "1e+300", "1.e+300"),
        (f64::from_bits(0x7e37e43c8800759c), 1, "1000000000000000052504760255204420248704468581108159154915854115511802457988908195786371375080447864043704443832883878176942523235360430575644792184786706982848387200926575803737830233794788090059368953234970799945081119038967640880074652742780142494579258788820056842838115669472196386865459400540160.0", "1.0e+300", "1.0E+300", "1e+300", "1.e+300"),
        (f64::from_bits(0x7e37e43c8800759c), 2, "1000000000000000052504760255204420248704468581108159154915854115511802457988908195786371375080447864043704443832883878176942523235360430575644792184786706982848387200926575803737830233794788090059368953234970799945081119038967640880074652742780142494579258788820056842838115669472196386865459400540160.00", "1.00e+300", "1.00E+300", "1e+300", "1.0e+300"),
        (f64::from_bits(0x7e37e43c8800759c), 6, "1000000000000000052504760255204420248704468581108159154915854115511802457988908195786371375080447864043704443832883878176942523235360430575644792184786706982848387200926575803737830233794788090059368953234970799945081119038967640880074652742780142494579258788820056842838115669472196386865459400540160.000000", "1.000000e+300", "1.000000E+300", "1e+300", "1.00000e+300"),
        (f64::from_bits(0x7e37e43c8800759c), 9, "1000000000000000052504760255204420248704468581108159154915854115511802457988908195786371375080447864043704443832883878176942523235360430575644792184786706982848387200926575803737830233794788090059368953234970799945081119038967640880074652742780142494579258788820056842838115669472196386865459400540160.000000000", "1.000000000e+300", "1.000000000E+300", "1e+300", "1.00000000e+300"),
        (f64::from_bits(0x405edd2f1a9fbe77), 0, "123", "1e+02", "1E+02", "1e+02", "1.e+02"),
        (f64::from_bits(0x405edd2f1a9fbe77), 1, "123.5", "1.2e+02", "1.2E+02", "1e+02", "1.e+02"),
        (f64::from_bits(0x405edd2f1a9fbe77), 2, "123.46", "1.23e+02", "1.23E+02", "1.2e+02", "1.2e+02"),
        (f64::from_bits(0x405edd2f1a9fbe77), 6, "123.456000", "1.234560e+02", "1.234560E+02", "123.456", "123.456"),
        (f64::from_bits(0x405edd2f1a9fbe77), 9, "123.456000000", "1.234560000e+02", "1.234560000E+02", "123.456", "123.456000"),
        (f64::from_bits(0x0000000000000000), 0, "0", "0e+00", "0E+00", "0", "0."),
        (f64::from_bits(0x0000000000000000), 1, "0.0", "0.0e+00", "0.0E+00", "0", "0."),
        (f64::from_bits(0x0000000000000000), 2, "0.00", "0.00e+00", "0.00E+00", "0", "0.0"),
        (f64::from_bits(0x0000000000000000), 6, "0.000000", "0.000000e+00", "0.000000E+00", "0", "0.00000"),
        (f64::from_bits(0x0000000000000000), 9, "0.000000000", "0.000000000e+00", "0.000000000E+00", "0", "0.00000000"),
        (f64::from_bits(0x8000000000000000), 0, "-0", "-0e+00", "-0E+00", "-0", "-0."),
        (f64::from_bits(0x8000000000000000), 1, "-0.0", "-0.0e+00", "-0.0E+00", "-0", "-0."),
        (f64::from_bits(0x8000000000000000), 2, "-0.00", "-0.00e+00", "-0.00E+00", "-0", "-0.0"),
        (f64::from_bits(0x8000000000000000), 6, "-0.000000", "-0.000000e+00", "-0.000000E+00", "-0", "-0.00000"),
        (f64::from_bits(0x8000000000000000), 9, "-0.000000000", "-0.000000000e+00", "-0.000000000E+00", "-0", "-0.00000000"),
        (f64::from_bits(0x3fd5555555555555), 0, "0", "3e-01", "3E-01", "0.3", "0.3"),
        (f64::from_bits(0x3fd5555555555555), 1, "0.3", "3.3e-01", "3.3E-01", "0.3", "0.3"),
        (f64::from_bits(0x3fd5555555555555), 2, "0.33", "3.33e-01", "3.33E-01", "0.33", "0.33"),
        (f64::from_bits(0x3fd5555555555555), 6, "0.333333", "3.333333e-01", "3.333333E-01", "0.333333", "0.333333"),
        (f64::from_bits(0x3fd5555555555555), 9, "0.333333333", "3.333333333e-01", "3.333333333E-01", "0.333333333", "0.333333333"),
        (f64::from_bits(0x3ddb7cdfd9d7bdbb), 0, "0", "1e-10", "1E-10", "1e-10", "1.e-10"),
        (f64::from_bits(0x3ddb7cdfd9d7bdbb), 1, "0.0", "1.0e-10", "1.0E-10", "1e-10", "1.e-10"),
        (f64::from_bits(0x3ddb7cdfd9d7bdbb), 2, "0.00", "1.00e-10", "1.00E-10", "1e-10", "1.0e-10"),
        (f64::from_bits(0x3ddb7cdfd9d7bdbb), 6, "0.000000", "1.000000e-10", "1.000000E-10", "1e-10", "1.00000e-10"),
        (f64::from_bits(0x3ddb7cdfd9d7bdbb), 9, "0.000000000", "1.000000000e-10", "1.000000000E-10", "1e-10", "1.00000000e-10"),
        (f64::from_bits(0x7ff0000000000000), 0, "inf", "inf", "INF", "inf", "inf"),
        (f64::from_bits(0x7ff0000000000000), 1, "inf", "inf", "INF", "inf", "inf"),
        (f64::from_bits(0x7ff0000000000000), 2, "inf", "inf", "INF", "inf", "inf"),
        (f64::from_bits(0x7ff0000000000000), 6, "inf", "inf", "INF", "inf", "inf"),
        (f64::from_bits(0x7ff0000000000000), 9, "inf", "inf", "INF", "inf", "inf"),
        (f64::from_bits(0xfff0000000000000), 0, "-inf", "-inf", "-INF", "-inf", "-inf"),
        (f64::from_bits(0xfff0000000000000), 1, "-inf", "-inf", "-INF", "-inf", "-inf"),
        (f64::from_bits(0xfff0000000000000), 2, "-inf", "-inf", "-INF", "-inf", "-inf"),
        (f64::from_bits(0xfff0000000000000), 6, "-inf", "-inf", "-INF", "-inf", "-inf"),
        (f64::from_bits(0xfff0000000000000), 9, "-inf", "-inf", "-INF", "-inf", "-inf"),
        (f64::from_bits(0x7ff8000000000000), 0, "nan", "nan", "NAN", "nan", "nan"),
        (f64::from_bits(0x7ff8000000000000), 1, "nan", "nan", "NAN", "nan", "nan"),
        (f64::from_bits(0x7ff8000000000000), 2, "nan", "nan", "NAN", "nan", "nan"),
        (f64::from_bits(0x7ff8000000000000), 6, "nan", "nan", "NAN", "nan", "nan"),
        (f64::from_bits(0x7ff8000000000000), 9, "nan", "nan", "NAN", "nan", "nan"),
        (f64::from_bits(0x0000000000000001), 0, "0", "5e-324", "5E-324", "5e-324", "5.e-324"),
        (f64::from_bits(0x0000000000000001), 1, "0.0", "4.9e-324", "4.9E-324", "5e-324", "5.e-324"),
        (f64::from_bits(0x0000000000000001), 2, "0.00", "4.94e-324", "4.94E-324", "4.9e-324", "4.9e-324"),
        (f64::from_bits(0x0000000000000001), 6, "0.000000", "4.940656e-324", "4.940656E-324", "4.94066e-324", "4.94066e-324"),
        (f64::from_bits(0x0000000000000001), 9, "0.000000000", "4.940656458e-324", "4.940656458E-324", "4.94065646e-324", "4.94065646e-324"),
        (f64::from_bits(0x408f3fffcb923a2a), 0, "1000", "1e+03", "1E+03", "1e+03", "1.e+03"),
        (f64::from_bits(0x408f3fffcb923a2a), 1, "1000.0", "1.0e+03", "1.0E+03", "1e+03", "1.e+03"),
        (f64::from_bits(0x408f3fffcb923a2a), 2, "1000.00", "1.00e+03", "1.00E+03", "1e+03", "1.0e+03"),
        (f64::from_bits(0x408f3fffcb923a2a), 6, "999.999900", "9.999999e+02", "9.999999E+02", "1000", "1000.00"),
        (f64::from_bits(0x408f3fffcb923a2a), 9, "999.999900000", "9.999999000e+02", "9.999999000E+02", "999.9999", "999.999900"),
        (f64::from_bits(0x4341c37937e08000), 0, "10000000000000000", "1e+16", "1E+16", "1e+16", "1.e+16"),
        (f64::from_bits(0x4341c37937e08000), 1, "10000000000000000.0", "1.0e+16", "1.0E+16", "1e+16", "1.e+16"),
        (f64::from_bits(0x4341c37937e08000), 2, "10000000000000000.00", "1.00e+16", "1.00E+16", "1e+16", "1.0e+16"),
        (f64::from_bits(0x4341c37937e08000), 6, "10000000000000000.000000", "1.000000e+16", "1.000000E+16", "1e+16", "1.00000e+16"),
        (f64::from_bits(0x4341c37937e08000), 9, "10000000000000000.000000000", "1.000000000e+16", "1.000000000E+16", "1e+16", "1.00000000e+16"),
        (f64::from_bits(0x3f1a36e2eb1c432d), 0, "0", "1e-04", "1E-04", "0.0001", "0.0001"),
        (f64::from_bits(0x3f1a36e2eb1c432d), 1, "0.0", "1.0e-04", "1.0E-04", "0.0001", "0.0001"),
        (f64::from_bits(0x3f1a36e2eb1c432d), 2, "0.00", "1.00e-04", "1.00E-04", "0.0001", "0.00010"),
        (f64::from_bits(0x3f1a36e2eb1c432d), 6, "0.000100", "1.000000e-04", "1.000000E-04", "0.0001", "0.000100000"),
        (f64::from_bits(0x3f1a36e2eb1c432d), 9, "0.000100000", "1.000000000e-04", "1.000000000E-04", "0.0001", "0.000100000000"),
        (f64::from_bits(0x40fe240000000000), 0, "123456", "1e+05", "1E+05", "1e+05", "1.e+05"),
        (f64::from_bits(0x40fe240000000000), 1, "123456.0", "1.2e+05", "1.2E+05", "1e+05", "1.e+05"),
        (f64::from_bits(0x40fe240000000000), 2, "123456.00", "1.23e+05", "1.23E+05", "1.2e+05", "1.2e+05"),
        (f64::from_bits(0x40fe240000000000), 6, "123456.000000", "1.234560e+05", "1.234560E+05", "123456", "123456."),
        (f64::from_bits(0x40fe240000000000), 9, "123456.000000000", "1.234560000e+05", "1.234560000E+05", "123456", "123456.000"),
    ];

    #[test]
    fn fixed_exp_general_match_cpython() {
        for &(x, p, f, e, ue, g, ag) in FIXED_EXP_GENERAL {
            assert_eq!(format_fixed(x, p), f, "%.{p}f of {x}");
            assert_eq!(format_exp(x, p, false), e, "%.{p}e of {x}");
            assert_eq!(format_exp(x, p, true), ue, "%.{p}E of {x}");
            assert_eq!(format_general(x, p, false, false), g, "%.{p}g of {x}");
            assert_eq!(format_general(x, p, false, true), ag, "%#.{p}g of {x}");
        }
    }

    #[test]
    fn huge_precision_is_exact() {
        // python3 -c "s='%.1200f'%0.1; print(len(s), s[:36])"  -> 1202 0.1000000000000000055511151231257827
        let s = format_fixed(0.1, 1200);
        assert_eq!(s.len(), 1202);
        assert!(s.starts_with("0.1000000000000000055511151231257827"));
        assert!(s.ends_with("000"));
        // python3 -c "print(len('%.900e'%1.0))"  -> 906
        assert_eq!(format_exp(1.0, 900, false).len(), 906);
    }

    #[test]
    fn flags() {
        // python3 -c "print(format(-0.0001,'z.2f'), format(-0.0,'z'), format(-0.5,'z.0f'), format(1.0,'+'))"
        // -> 0.00 0.0 0 +1.0
        let z = DtoaFlags {
            no_neg_0: true,
            ..DtoaFlags::default()
        };
        assert_eq!(
            double_to_string(-0.0001, FloatStyle::Fixed, 2, false, z),
            "0.00"
        );
        let zr = DtoaFlags {
            add_dot_0: true,
            ..z
        };
        assert_eq!(
            double_to_string(-0.0, FloatStyle::Repr, 0, false, zr),
            "0.0"
        );
        assert_eq!(double_to_string(-0.5, FloatStyle::Fixed, 0, false, z), "0");
        let s = DtoaFlags {
            sign: true,
            add_dot_0: true,
            ..DtoaFlags::default()
        };
        assert_eq!(double_to_string(1.0, FloatStyle::Repr, 0, false, s), "+1.0");
        assert_eq!(
            FloatStyle::from_code('G'),
            Some((FloatStyle::General, true))
        );
        assert_eq!(FloatStyle::from_code('x'), None);
    }
}
