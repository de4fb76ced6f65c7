//! YAML 1.1 scalar resolution as go-yaml v2 (`resolve.go`) does it. Kubernetes reads
//! manifests through sigs.k8s.io/yaml, which uses go-yaml v2, so `yes`, `on`, `y` are
//! booleans, `0x1F` and `0777` are integers and `~` is null — unlike a YAML 1.2 reader.

use super::{float, Value};

/// A resolved plain scalar (never a collection).
pub type Scalar = Value;

/// Resolves a plain (unquoted, untagged) scalar. Timestamps stay strings: go-yaml would
/// make `2001-12-14` a time that JSON-encodes as `"2001-12-14T00:00:00Z"`; no field
/// extsvc reads is a timestamp, so the difference never reaches a rule.
pub fn resolve_plain(s: &str) -> Scalar {
    let Some(first) = s.bytes().next() else {
        return Value::Null;
    };
    match first {
        // Keywords are at most 5 bytes long (`false`, `FALSE`); most keys and values that
        // start with these letters (`name`, `namespace`, `targetPort`) are longer.
        b'y' | b'Y' | b'n' | b'N' | b't' | b'T' | b'f' | b'F' | b'o' | b'O' | b'~' | b'<'
            if s.len() > 5 =>
        {
            Value::Str(s.to_string())
        }
        b'y' | b'Y' | b'n' | b'N' | b't' | b'T' | b'f' | b'F' | b'o' | b'O' | b'~' | b'<' => {
            keyword(s).unwrap_or_else(|| Value::Str(s.to_string()))
        }
        // A plain decimal (a port, a count): what ParseInt would give, without the general
        // path's copies. A leading 0 means octal there, so it takes the general path.
        b'1'..=b'9' if s.len() <= 18 && s.bytes().all(|b| b.is_ascii_digit()) => {
            Value::Int(s.parse().unwrap_or_default())
        }
        // go-yaml hands a scalar that starts with `.` to ParseFloat as it is: floats of
        // that shape are `.5` and `.5e3`, with Go's underscores between digits (`.5_5`).
        b'.' => keyword(s)
            .or_else(|| {
                let plain = go_underscores(s)?;
                is_yaml_style_float(&plain)
                    .then(|| float::parse(&plain))
                    .flatten()
                    .map(Value::Float)
            })
            .unwrap_or_else(|| Value::Str(s.to_string())),
        b'+' | b'-' | b'0'..=b'9' => keyword(s)
            .or_else(|| number(s))
            .unwrap_or_else(|| Value::Str(s.to_string())),
        _ => Value::Str(s.to_string()),
    }
}

/// go-yaml v2's `resolveMapList`. Dispatched on the first byte, so a key such as `name`
/// is compared with `null` only, not with every keyword of its length.
fn keyword(s: &str) -> Option<Value> {
    use Value::{Bool, Float, Null};
    Some(match (s.as_bytes().first()?, s) {
        (b'y' | b'Y', "y" | "Y" | "yes" | "Yes" | "YES") => Bool(true),
        (b't' | b'T', "true" | "True" | "TRUE") => Bool(true),
        (b'o' | b'O', "on" | "On" | "ON") => Bool(true),
        (b'o' | b'O', "off" | "Off" | "OFF") => Bool(false),
        (b'n' | b'N', "n" | "N" | "no" | "No" | "NO") => Bool(false),
        (b'f' | b'F', "false" | "False" | "FALSE") => Bool(false),
        (b'~' | b'n' | b'N', "~" | "null" | "Null" | "NULL") => Null,
        (b'.', ".nan" | ".NaN" | ".NAN") => Float(f64::NAN),
        (b'.' | b'+', ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF") => {
            Float(f64::INFINITY)
        }
        (b'-', "-.inf" | "-.Inf" | "-.INF") => Float(f64::NEG_INFINITY),
        _ => return None,
    })
}

/// Int via `strconv.ParseInt(plain, 0, 64)` (then ParseUint), else a YAML-style float,
/// else a `0b` binary literal, on the text with `_` removed.
fn number(s: &str) -> Option<Value> {
    // Most values here are IP addresses, which are never numbers: no copy for them.
    let plain: std::borrow::Cow<'_, str> = if s.contains('_') {
        s.chars().filter(|&c| c != '_').collect::<String>().into()
    } else {
        s.into()
    };
    if let Some(i) = go_parse_int(&plain) {
        return Some(i);
    }
    if is_yaml_style_float(&plain) {
        return float::parse(&plain).map(Value::Float);
    }
    None
}

/// `strconv.ParseInt(s, 0, 64)` falling back to `ParseUint`: sign, then `0x`, `0o`, `0b`
/// or a leading `0` (octal) prefix. Values beyond i64 become floats (JSON has no u64 here).
fn go_parse_int(s: &str) -> Option<Value> {
    let (negative, body) = match s.as_bytes().first()? {
        b'+' => (false, &s[1..]),
        b'-' => (true, &s[1..]),
        _ => (false, s),
    };
    let prefix = body
        .as_bytes()
        .get(..2)
        .map(|p| (p[0], p[1].to_ascii_lowercase()));
    let (radix, digits) = match prefix {
        Some((b'0', b'x')) => (16, &body[2..]),
        Some((b'0', b'o')) => (8, &body[2..]),
        Some((b'0', b'b')) => (2, &body[2..]),
        _ if body.len() > 1 && body.starts_with('0') => (8, &body[1..]),
        _ => (10, body),
    };
    if digits.is_empty() || !digits.chars().all(|c| c.is_digit(radix)) {
        return None;
    }
    let magnitude = u128::from_str_radix(digits, radix).ok()?;
    let value = if negative {
        -(magnitude as i128)
    } else {
        magnitude as i128
    };
    if let Ok(i) = i64::try_from(value) {
        Some(Value::Int(i))
    } else if !negative && magnitude <= u64::MAX as u128 {
        Some(Value::Float(magnitude as f64))
    } else {
        None
    }
}

/// `s` without underscores, if each stands between two digits as Go's number syntax
/// allows (`strconv`'s `underscoreOK`, for literals without a base prefix).
fn go_underscores(s: &str) -> Option<std::borrow::Cow<'_, str>> {
    if !s.contains('_') {
        return Some(s.into());
    }
    let b = s.as_bytes();
    let between_digits = (0..b.len()).filter(|&i| b[i] == b'_').all(|i| {
        i > 0 && b[i - 1].is_ascii_digit() && b.get(i + 1).is_some_and(u8::is_ascii_digit)
    });
    between_digits.then(|| s.replace('_', "").into())
}

/// go-yaml v2's `yamlStyleFloat`: `^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$`.
fn is_yaml_style_float(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = usize::from(matches!(b.first(), Some(b'+' | b'-')));
    let digits = |i: &mut usize| {
        let start = *i;
        while b.get(*i).is_some_and(u8::is_ascii_digit) {
            *i += 1;
        }
        *i - start
    };
    if matches!(b.get(i), Some(b'.')) {
        i += 1;
        if digits(&mut i) == 0 {
            return false;
        }
    } else {
        if digits(&mut i) == 0 {
            return false;
        }
        if matches!(b.get(i), Some(b'.')) {
            i += 1;
            digits(&mut i);
        }
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        if digits(&mut i) == 0 {
            return false;
        }
    }
    i == b.len()
}

/// The integer Go's `encoding/json` writes for an integral float64 (`3306.0` → `3306`),
/// which then decodes into an int field; `None` for fractions, NaN, infinities and values
/// beyond exact float precision.
pub(crate) fn json_integer(f: f64) -> Option<i64> {
    (f.fract() == 0.0 && f.abs() < 9.0e15).then_some(f as i64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_1_1_scalars_resolve_as_go_yaml_v2() {
        let cases: &[(&str, Value)] = &[
            ("yes", Value::Bool(true)),
            ("on", Value::Bool(true)),
            ("Y", Value::Bool(true)),
            ("off", Value::Bool(false)),
            ("n", Value::Bool(false)),
            ("~", Value::Null),
            ("", Value::Null),
            ("NULL", Value::Null),
            ("3306", Value::Int(3306)),
            ("-12", Value::Int(-12)),
            ("0x1F", Value::Int(31)),
            ("0777", Value::Int(511)),
            ("0o17", Value::Int(15)),
            ("0b101", Value::Int(5)),
            ("1_000", Value::Int(1000)),
            ("08", Value::Float(8.0)),
            ("1.5", Value::Float(1.5)),
            ("1e3", Value::Float(1000.0)),
            (".5", Value::Float(0.5)),
            ("18446744073709551615", Value::Float(18446744073709551615.0)),
            ("mysql", Value::Str("mysql".into())),
            ("yesterday", Value::Str("yesterday".into())),
            ("1.2.3.4", Value::Str("1.2.3.4".into())),
            ("2001:db8::1", Value::Str("2001:db8::1".into())),
            ("0x", Value::Str("0x".into())),
            ("-", Value::Str("-".into())),
            ("+.inf", Value::Float(f64::INFINITY)),
            // `.`-initial scalars go to ParseFloat whole, which takes `_` between digits.
            (".5_5", Value::Float(0.55)),
            (".5e1_0", Value::Float(5e9)),
            ("._5", Value::Str("._5".into())),
            (".5_", Value::Str(".5_".into())),
            (".5__5", Value::Str(".5__5".into())),
        ];
        for (text, want) in cases {
            assert_eq!(&resolve_plain(text), want, "resolving {text:?}");
        }
        assert!(matches!(resolve_plain(".nan"), Value::Float(f) if f.is_nan()));
    }

    #[test]
    fn every_keyword_of_go_yaml_v2_resolves_and_other_cases_stay_strings() {
        // resolve.go's resolveMapList, each word in its three spellings.
        let t = "y Y yes Yes YES true True TRUE on On ON";
        let f = "n N no No NO false False FALSE off Off OFF";
        for (words, want) in [(t, Value::Bool(true)), (f, Value::Bool(false))] {
            for w in words.split(' ') {
                assert_eq!(resolve_plain(w), want, "{w}");
            }
        }
        for w in ["~", "null", "Null", "NULL"] {
            assert_eq!(resolve_plain(w), Value::Null, "{w}");
        }
        for w in [".nan", ".NaN", ".NAN"] {
            assert!(
                matches!(resolve_plain(w), Value::Float(x) if x.is_nan()),
                "{w}"
            );
        }
        for w in [".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF"] {
            assert_eq!(resolve_plain(w), Value::Float(f64::INFINITY), "{w}");
        }
        for w in ["-.inf", "-.Inf", "-.INF"] {
            assert_eq!(resolve_plain(w), Value::Float(f64::NEG_INFINITY), "{w}");
        }
        for w in [
            "yEs", "tRUE", "oN", "nO", "nULL", ".nAn", "+.iNF", "name", "type", "offer",
        ] {
            assert_eq!(resolve_plain(w), Value::Str(w.into()), "{w}");
        }
    }
}
