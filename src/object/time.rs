//! `metav1.Time` as text: read the way Go's `time.Parse(time.RFC3339, s)` reads it (what
//! the API server's `Time.UnmarshalJSON` calls), written as k8s-openapi writes it
//! (`2006-01-02T15:04:05Z`, whole seconds, UTC).
//!
//! Our own ~100 lines instead of k8s-openapi's `Time` (de)serializers: those link the
//! date-time library jiff (its parser, its `strftime`, its error texts), about 57 KB of the
//! gzipped wasm for two fields no rule reads. The value is still a `jiff::Timestamp`
//! (k8s-openapi's type), built from seconds, which needs none of that.

use k8s_openapi::jiff::Timestamp;

const SECONDS_PER_DAY: i64 = 86_400;

/// Parses an RFC 3339 time as Go's `time.Parse(time.RFC3339, text)` accepts it:
/// `YYYY-MM-DDTHH:MM:SS`, an optional fraction (`.` or `,` and digits; nanoseconds, further
/// digits ignored), then `Z` or `±HH:MM`. Ranges are checked (no 24:00, no leap second 60, no
/// 30 February).
pub(crate) fn parse(text: &str) -> Result<Timestamp, String> {
    let bad = || format!("\"{text}\" is not an RFC 3339 time such as \"2006-01-02T15:04:05Z\"");
    let s = text.as_bytes();
    if s.len() < 19
        || !shape(
            s,
            &[(4, b'-'), (7, b'-'), (10, b'T'), (13, b':'), (16, b':')],
        )
    {
        return Err(bad());
    }
    let year = number(&s[0..4], 0, 9999).ok_or_else(bad)?;
    let month = number(&s[5..7], 1, 12).ok_or_else(bad)?;
    let day = number(&s[8..10], 1, days_in_month(year, month)).ok_or_else(bad)?;
    let hour = number(&s[11..13], 0, 23).ok_or_else(bad)?;
    let minute = number(&s[14..16], 0, 59).ok_or_else(bad)?;
    let second = number(&s[17..19], 0, 59).ok_or_else(bad)?;
    let mut rest = &s[19..];
    let mut nanos = 0i64;
    if rest.len() >= 2 && matches!(rest[0], b'.' | b',') && rest[1].is_ascii_digit() {
        let digits = rest[1..].iter().take_while(|b| b.is_ascii_digit()).count();
        for i in 0..9 {
            let digit = if i < digits {
                i64::from(rest[1 + i] - b'0')
            } else {
                0
            };
            nanos = nanos * 10 + digit;
        }
        rest = &rest[1 + digits..];
    }
    let offset = match rest {
        b"Z" => 0,
        [sign @ (b'+' | b'-'), _, _, b':', _, _] => {
            let hours = number(&rest[1..3], 0, 23).ok_or_else(bad)?;
            let minutes = number(&rest[4..6], 0, 59).ok_or_else(bad)?;
            let offset = (hours * 60 + minutes) * 60;
            if *sign == b'-' {
                -offset
            } else {
                offset
            }
        }
        _ => return Err(bad()),
    };
    let seconds =
        days_from_civil(year, month, day) * SECONDS_PER_DAY + hour * 3600 + minute * 60 + second
            - offset;
    // Whole range of RFC 3339 years fits jiff's range but for the last hours of 9999 (and
    // the first of year 0) once an offset moves them.
    Timestamp::new(seconds, nanos as i32)
        .map_err(|_| format!("\"{text}\" is outside the supported time range"))
}

/// The time as k8s-openapi writes a `metav1.Time`: `2006-01-02T15:04:05Z` in UTC, the
/// fraction dropped.
pub(crate) fn format(time: Timestamp) -> String {
    // jiff rounds seconds toward zero; a date needs them rounded down.
    let seconds = time.as_second() - i64::from(time.subsec_nanosecond() < 0);
    let (days, secs) = (
        seconds.div_euclid(SECONDS_PER_DAY),
        seconds.rem_euclid(SECONDS_PER_DAY),
    );
    let (year, month, day) = civil_from_days(days);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        secs / 3600,
        secs / 60 % 60,
        secs % 60
    )
}

fn shape(s: &[u8], at: &[(usize, u8)]) -> bool {
    at.iter().all(|&(i, b)| s[i] == b)
}

/// The decimal digits `s` (all of them digits) as a number within `min..=max`.
fn number(s: &[u8], min: i64, max: i64) -> Option<i64> {
    let mut n = 0i64;
    for &b in s {
        if !b.is_ascii_digit() {
            return None;
        }
        n = n * 10 + i64::from(b - b'0');
    }
    (min..=max).contains(&n).then_some(n)
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's `days_from_civil`).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The inverse of [`days_from_civil`].
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_what_go_reads() {
        let cases = [
            ("2024-01-02T03:04:05Z", 1_704_164_645, 0),
            ("2024-01-02T03:04:05.5Z", 1_704_164_645, 500_000_000),
            ("2024-01-02T03:04:05,25Z", 1_704_164_645, 250_000_000),
            (
                "2024-01-02T03:04:05.1234567891Z",
                1_704_164_645,
                123_456_789,
            ),
            ("2024-01-02T03:04:05+02:00", 1_704_157_445, 0),
            ("2024-01-02T03:04:05-00:30", 1_704_166_445, 0),
            ("1970-01-01T00:00:00Z", 0, 0),
            ("1969-12-31T23:59:59Z", -1, 0),
            ("2000-02-29T00:00:00Z", 951_782_400, 0),
            ("0000-01-01T00:00:00Z", -62_167_219_200, 0),
        ];
        for (text, second, nanos) in cases {
            let t = parse(text).unwrap_or_else(|e| panic!("{text}: {e}"));
            assert_eq!(
                (t.as_second(), t.subsec_nanosecond()),
                (second, nanos),
                "{text}"
            );
        }
    }

    #[test]
    fn refuses_what_go_refuses() {
        for text in [
            "",
            "abc",
            "2024-01-02",
            "2024-01-02T03:04:05",
            "2024-01-02t03:04:05Z",
            "2024-01-02 03:04:05Z",
            "2024-01-02T03:04:05z",
            "2024-13-02T03:04:05Z",
            "2023-02-29T03:04:05Z",
            "2024-04-31T03:04:05Z",
            "2024-01-02T24:00:00Z",
            "2024-01-02T23:59:60Z",
            "2024-01-02T03:04:05.Z",
            "2024-01-02T03:04:05+0200",
            "2024-01-02T03:04:05+24:00",
            "2024-01-02T03:04:05Z[UTC]",
            "+002024-01-02T03:04:05Z",
            "2024-01-02T03:04Z",
            "２０２４-01-02T03:04:05Z",
        ] {
            let err = parse(text).expect_err(text);
            assert!(err.contains("RFC 3339"), "{text}: {err}");
        }
        let err = parse("9999-12-31T23:59:59Z").expect_err("beyond jiff's range");
        assert!(err.contains("outside the supported time range"), "{err}");
    }

    #[test]
    fn writes_as_k8s_openapi_writes() {
        for (text, written) in [
            ("2024-01-02T03:04:05Z", "2024-01-02T03:04:05Z"),
            ("2024-01-02T03:04:05.999Z", "2024-01-02T03:04:05Z"),
            ("2024-01-02T01:04:05+02:00", "2024-01-01T23:04:05Z"),
            ("1969-12-31T23:59:59.5Z", "1969-12-31T23:59:59Z"),
            ("0000-03-01T00:00:00Z", "0000-03-01T00:00:00Z"),
            ("2000-02-29T12:00:00Z", "2000-02-29T12:00:00Z"),
        ] {
            assert_eq!(format(parse(text).unwrap()), written, "{text}");
        }
    }
}
