//! The text of `field.Error` details the way the API server prints them (without the
//! path, which is a separate field of a finding): `Invalid value: "1mysql": ...`,
//! `Required value`, `Unsupported value: "X": supported values: "A", "B"`.
//!
//! Where the API server returns several errors for one field, the details are joined
//! with "; " so one finding carries them all.

/// Quotes `s` the way Go's `%q` (`strconv.Quote`) does for the strings that occur in
/// manifests: controls, and the invisible characters (spaces other than ` `, format
/// characters, C1 controls, private use) as escapes, so a value that looks right but is not
/// shows why.
pub(crate) fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        let named = match c {
            '"' | '\\' => c,
            '\u{7}' => 'a',
            '\u{8}' => 'b',
            '\u{c}' => 'f',
            '\n' => 'n',
            '\r' => 'r',
            '\t' => 't',
            '\u{b}' => 'v',
            _ => '\0',
        };
        let hidden = matches!(c, '\0'..='\u{1f}' | '\u{7f}'..='\u{a0}' | '\u{ad}'
            | '\u{2000}'..='\u{200f}' | '\u{2028}'..='\u{202f}' | '\u{205f}'..='\u{206f}'
            | '\u{3000}' | '\u{e000}'..='\u{f8ff}' | '\u{feff}' | '\u{fff9}'..='\u{fffb}');
        if named != '\0' {
            out.push('\\');
            out.push(named);
        } else if hidden {
            // `\x` and two hex digits below U+0080, else `\u` and four.
            let (kind, digits) = if (c as u32) < 0x80 {
                ('x', 2)
            } else {
                ('u', 4)
            };
            out.push('\\');
            out.push(kind);
            for shift in (0..digits).rev() {
                out.push(char::from(
                    b"0123456789abcdef"[(c as usize >> (4 * shift)) & 15],
                ));
            }
        } else {
            out.push(c);
        }
    }
    out.push('"');
    out
}

/// `Invalid value: "<value>": <details>`.
pub(crate) fn invalid_str(value: &str, details: &[String]) -> String {
    invalid_raw(&quote(value), &details.join("; "))
}

/// `Invalid value: <n>: <details>`.
pub(crate) fn invalid_int(value: i64, details: &[String]) -> String {
    invalid_raw(&value.to_string(), &details.join("; "))
}

/// `Invalid value: <raw>: <detail>`, for values already rendered (lists, structs).
pub(crate) fn invalid_raw(rendered: &str, detail: &str) -> String {
    format!("Invalid value: {rendered}: {detail}")
}

/// `Required value` or `Required value: <detail>`.
pub(crate) fn required(detail: &str) -> String {
    if detail.is_empty() {
        "Required value".to_string()
    } else {
        format!("Required value: {detail}")
    }
}

/// `Unsupported value: "<value>": supported values: "A", "B"`.
pub(crate) fn unsupported(value: &str, supported: &[&str]) -> String {
    let list: Vec<String> = supported.iter().map(|s| quote(s)).collect();
    format!(
        "Unsupported value: {}: supported values: {}",
        quote(value),
        list.join(", ")
    )
}

/// `Duplicate value: <rendered>`.
pub(crate) fn duplicate_raw(rendered: &str) -> String {
    format!("Duplicate value: {rendered}")
}

/// `Duplicate value: "<value>"`.
pub(crate) fn duplicate_str(value: &str) -> String {
    duplicate_raw(&quote(value))
}

/// `Forbidden: <detail>`.
pub(crate) fn forbidden(detail: &str) -> String {
    format!("Forbidden: {detail}")
}

/// `Too many: <actual>: must have at most <max> items`.
pub(crate) fn too_many(actual: usize, max: usize) -> String {
    format!("Too many: {actual}: must have at most {max} items")
}

/// A JSON list of strings, the way newer API servers render list values.
pub(crate) fn json_list(items: &[String]) -> String {
    let quoted: Vec<String> = items
        .iter()
        .map(|s| crate::yaml::double_quoted(s))
        .collect();
    format!("[{}]", quoted.join(","))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_like_go_strconv_quote() {
        // Expected values from Go: fmt.Sprintf("%q", s).
        for (s, go) in [
            ("a\"b\\c", r#""a\"b\\c""#),
            (
                "\u{7}\u{8}\u{c}\n\r\t\u{b}\u{0}\u{7f}",
                r#""\a\b\f\n\r\t\v\x00\x7f""#,
            ),
            ("Single\u{200b}Stack", r#""Single\u200bStack""#),
            ("\u{feff}x\u{a0}y\u{85}", r#""\ufeffx\u00a0y\u0085""#),
            ("é 日本 ", r#""é 日本 ""#),
        ] {
            assert_eq!(quote(s), go, "{s:?}");
        }
    }

    #[test]
    fn renders_field_errors_like_kubectl() {
        assert_eq!(quote("a\"b"), "\"a\\\"b\"");
        assert_eq!(
            invalid_str("x", &["must be y".into()]),
            "Invalid value: \"x\": must be y"
        );
        assert_eq!(
            invalid_int(0, &["must be between 1 and 65535, inclusive".into()]),
            "Invalid value: 0: must be between 1 and 65535, inclusive"
        );
        assert_eq!(required(""), "Required value");
        assert_eq!(
            unsupported("INVALID", &["SCTP", "TCP", "UDP"]),
            "Unsupported value: \"INVALID\": supported values: \"SCTP\", \"TCP\", \"UDP\""
        );
        assert_eq!(
            too_many(1001, 1000),
            "Too many: 1001: must have at most 1000 items"
        );
        assert_eq!(
            json_list(&["None".into(), "2001::1".into()]),
            "[\"None\",\"2001::1\"]"
        );
        // As serde_json writes a list compactly, whatever the strings hold.
        let odd: Vec<String> = ["", "a\"b\\c", "é\n\t\u{1}", "</script>"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert_eq!(json_list(&odd), serde_json::to_string(&odd).unwrap());
        assert_eq!(json_list(&[]), "[]");
    }
}
