//! IP addresses the way the API server reads them.
//!
//! * [`parse`] is `netutils.ParseIPSloppy` (Go 1.16's `net.ParseIP`): IPv4 octets may have
//!   leading zeros (read as decimal: `010.1.2.3` is 10.1.2.3), IPv6 groups may have more
//!   than 4 hex digits if the value fits, no zones, no brackets, no CIDR, no port.
//! * [`Ip::is_strict`] is what `netip.ParseAddr` adds: no leading zeros, at most 4 hex
//!   digits per group; [`Ip::is_4in6`] marks IPv4-mapped IPv6 (`::ffff:1.2.3.4`). Both are
//!   what `StrictIPCIDRValidation` rejects and `GetWarningsForIP` warns about.
//! * [`Ip::family`] follows Go's `To4() != nil`: an IPv4-mapped IPv6 counts as IPv4.

use std::fmt::Write as _;

/// An IP address family.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Family {
    /// IPv4 (including IPv4-mapped IPv6, as Go's `To4` does).
    V4,
    /// IPv6.
    V6,
}

impl Family {
    /// `IPv4` or `IPv6`, as in `spec.ipFamilies`.
    #[allow(dead_code)] // shared with cross.rs and the generator
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Family::V4 => "IPv4",
            Family::V6 => "IPv6",
        }
    }
}

/// A parsed address: the 16-byte form plus how it was written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Ip {
    bytes: [u8; 16],
    /// Written in IPv6 syntax (contains `:`).
    v6_text: bool,
    /// Written without leading zeros and with at most 4 hex digits per group.
    strict: bool,
}

const V4_PREFIX: [u8; 12] = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff];

/// `ParseIPSloppy`: `None` when the API server says "must be a valid IP address".
pub(crate) fn parse(s: &str) -> Option<Ip> {
    for c in s.bytes() {
        match c {
            b'.' => {
                let (v4, strict) = parse_v4(s)?;
                let mut bytes = [0u8; 16];
                bytes[..12].copy_from_slice(&V4_PREFIX);
                bytes[12..].copy_from_slice(&v4);
                return Some(Ip {
                    bytes,
                    v6_text: false,
                    strict,
                });
            }
            b':' => {
                let (bytes, strict) = parse_v6(s)?;
                return Some(Ip {
                    bytes,
                    v6_text: true,
                    strict,
                });
            }
            _ => {}
        }
    }
    None
}

/// Go's `dtoi` (decimal, stops at the first non-digit, fails at >= 0xFFFFFF).
fn dtoi(s: &[u8]) -> Option<(u32, usize)> {
    let mut n: u32 = 0;
    let mut i = 0;
    while i < s.len() && s[i].is_ascii_digit() {
        n = n * 10 + u32::from(s[i] - b'0');
        if n >= 0xFF_FFFF {
            return None;
        }
        i += 1;
    }
    (i > 0).then_some((n, i))
}

/// Go's `xtoi` (hex, stops at the first non-hex-digit, fails at >= 0xFFFFFF).
fn xtoi(s: &[u8]) -> Option<(u32, usize)> {
    let mut n: u32 = 0;
    let mut i = 0;
    while i < s.len() {
        let Some(d) = (s[i] as char).to_digit(16) else {
            break;
        };
        n = n * 16 + d;
        if n >= 0xFF_FFFF {
            return None;
        }
        i += 1;
    }
    (i > 0).then_some((n, i))
}

/// Old `parseIPv4`; also reports whether it is free of leading zeros.
fn parse_v4(s: &str) -> Option<([u8; 4], bool)> {
    let mut s = s.as_bytes();
    let mut out = [0u8; 4];
    let mut strict = true;
    for (i, slot) in out.iter_mut().enumerate() {
        if s.is_empty() {
            return None;
        }
        if i > 0 {
            if s[0] != b'.' {
                return None;
            }
            s = &s[1..];
        }
        let (n, c) = dtoi(s)?;
        if n > 0xFF {
            return None;
        }
        if c > 1 && s[0] == b'0' {
            strict = false;
        }
        s = &s[c..];
        *slot = n as u8;
    }
    s.is_empty().then_some((out, strict))
}

/// Old `parseIPv6` (no zones); also reports whether it is free of leading zeros and
/// over-long groups.
fn parse_v6(text: &str) -> Option<([u8; 16], bool)> {
    let mut ip = [0u8; 16];
    let mut strict = true;
    let mut s = text.as_bytes();
    let mut ellipsis: Option<usize> = None;
    if s.len() >= 2 && s[0] == b':' && s[1] == b':' {
        ellipsis = Some(0);
        s = &s[2..];
        if s.is_empty() {
            return Some((ip, true));
        }
    }
    let mut i = 0;
    while i < 16 {
        let (n, c) = xtoi(s)?;
        if n > 0xFFFF {
            return None;
        }
        if c < s.len() && s[c] == b'.' {
            if ellipsis.is_none() && i != 12 {
                return None;
            }
            if i + 4 > 16 {
                return None;
            }
            let tail = std::str::from_utf8(s).ok()?;
            let (v4, v4_strict) = parse_v4(tail)?;
            strict &= v4_strict;
            ip[i..i + 4].copy_from_slice(&v4);
            s = &[];
            i += 4;
            break;
        }
        if c > 4 {
            strict = false;
        }
        ip[i] = (n >> 8) as u8;
        ip[i + 1] = n as u8;
        i += 2;
        s = &s[c..];
        if s.is_empty() {
            break;
        }
        if s[0] != b':' || s.len() == 1 {
            return None;
        }
        s = &s[1..];
        if s[0] == b':' {
            if ellipsis.is_some() {
                return None;
            }
            ellipsis = Some(i);
            s = &s[1..];
            if s.is_empty() {
                break;
            }
        }
    }
    if !s.is_empty() {
        return None;
    }
    if i < 16 {
        let e = ellipsis?;
        let n = 16 - i;
        for j in (e..i).rev() {
            ip[j + n] = ip[j];
        }
        for b in ip.iter_mut().skip(e).take(n) {
            *b = 0;
        }
    } else if ellipsis.is_some() {
        return None;
    }
    Some((ip, strict))
}

impl Ip {
    /// The 4 bytes when Go's `To4()` is non-nil.
    fn to4(&self) -> Option<[u8; 4]> {
        (self.bytes[..12] == V4_PREFIX).then(|| {
            let mut v4 = [0u8; 4];
            v4.copy_from_slice(&self.bytes[12..]);
            v4
        })
    }

    /// The address `canonical()` names, without writing and re-reading it (the cross-object
    /// summaries key on it for every address of every object).
    pub(crate) fn std_addr(&self) -> std::net::IpAddr {
        match self.to4() {
            Some(v4) => std::net::IpAddr::from(v4),
            None => std::net::IpAddr::from(self.bytes),
        }
    }

    /// [`Self::canonical`] of an address the summaries keep (what [`Self::std_addr`] gave),
    /// so that messages do not link std's own address formatting as well.
    pub(crate) fn canonical_of(addr: std::net::IpAddr) -> String {
        let bytes = match addr {
            std::net::IpAddr::V4(v4) => v4.to_ipv6_mapped().octets(),
            std::net::IpAddr::V6(v6) => v6.octets(),
        };
        Ip {
            bytes,
            v6_text: addr.is_ipv6(),
            strict: true,
        }
        .canonical()
    }

    /// The family (`To4() != nil` means IPv4).
    pub(crate) fn family(&self) -> Family {
        if self.to4().is_some() {
            Family::V4
        } else {
            Family::V6
        }
    }

    /// `netip.ParseAddr` accepts the text too (no leading zeros, groups of <= 4 digits).
    #[allow(dead_code)] // shared with cross.rs and the generator
    pub(crate) fn is_strict(&self) -> bool {
        self.strict
    }

    /// Written as an IPv4-mapped IPv6 address (`::ffff:1.2.3.4`).
    pub(crate) fn is_4in6(&self) -> bool {
        self.v6_text && self.to4().is_some()
    }

    /// `IsUnspecified`: 0.0.0.0 or ::.
    pub(crate) fn is_unspecified(&self) -> bool {
        self.bytes == [0u8; 16] || self.to4() == Some([0, 0, 0, 0])
    }

    /// `IsLoopback`: 127.0.0.0/8 or ::1.
    pub(crate) fn is_loopback(&self) -> bool {
        match self.to4() {
            Some(v4) => v4[0] == 127,
            None => self.bytes == [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1],
        }
    }

    /// `IsLinkLocalUnicast`: 169.254.0.0/16 or fe80::/10.
    pub(crate) fn is_link_local_unicast(&self) -> bool {
        match self.to4() {
            Some(v4) => v4[0] == 169 && v4[1] == 254,
            None => self.bytes[0] == 0xfe && self.bytes[1] & 0xc0 == 0x80,
        }
    }

    /// `IsLinkLocalMulticast`: 224.0.0.0/24 or ff02::/16 (any flags nibble).
    pub(crate) fn is_link_local_multicast(&self) -> bool {
        match self.to4() {
            Some(v4) => v4[0] == 224 && v4[1] == 0 && v4[2] == 0,
            None => self.bytes[0] == 0xff && self.bytes[1] & 0x0f == 0x02,
        }
    }

    /// `ValidateNonSpecialIP` / `ValidateEndpointIP`: the details for an address that may
    /// not be used as an endpoint or external IP (empty = fine).
    pub(crate) fn special_errors(&self, text: &str) -> Vec<String> {
        let mut errs = Vec::new();
        if self.is_unspecified() {
            errs.push(format!("may not be unspecified ({text})"));
        }
        if self.is_loopback() {
            errs.push("may not be in the loopback range (127.0.0.0/8, ::1/128)".into());
        }
        if self.is_link_local_unicast() {
            errs.push("may not be in the link-local range (169.254.0.0/16, fe80::/10)".into());
        }
        if self.is_link_local_multicast() {
            errs.push(
                "may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)".into(),
            );
        }
        errs
    }

    /// 255.255.255.255 (also written as an IPv4-mapped IPv6 address).
    pub(crate) fn is_broadcast(&self) -> bool {
        self.to4() == Some([255; 4])
    }

    /// 224.0.0.0/4 or ff00::/8 (link-local multicast included).
    pub(crate) fn is_multicast(&self) -> bool {
        match self.to4() {
            Some(v4) => (224..=239).contains(&v4[0]),
            None => self.bytes[0] == 0xff,
        }
    }

    /// The details `IsValidIPForLegacyField` adds when strict validation is on.
    pub(crate) fn strict_errors(&self) -> Vec<String> {
        let mut errs = Vec::new();
        if !self.strict {
            errs.push("must not have leading 0s".to_string());
        }
        if self.is_4in6() {
            errs.push("must not be an IPv4-mapped IPv6 address".to_string());
        }
        errs
    }

    /// Go's `net.IP.String()`: dotted IPv4 when `To4` is non-nil, else RFC 5952.
    pub(crate) fn canonical(&self) -> String {
        if let Some(v4) = self.to4() {
            return format!("{}.{}.{}.{}", v4[0], v4[1], v4[2], v4[3]);
        }
        let groups: Vec<u16> = self
            .bytes
            .chunks(2)
            .map(|c| u16::from(c[0]) << 8 | u16::from(c[1]))
            .collect();
        // The longest run of >= 2 zero groups (the first on a tie) becomes "::".
        let (mut best, mut best_len, mut run, mut run_len) = (0, 0, 0, 0);
        for (i, g) in groups.iter().enumerate() {
            if *g == 0 {
                if run_len == 0 {
                    run = i;
                }
                run_len += 1;
                if run_len > best_len {
                    best = run;
                    best_len = run_len;
                }
            } else {
                run_len = 0;
            }
        }
        let mut out = String::new();
        let mut i = 0;
        while i < 8 {
            if best_len >= 2 && i == best {
                out.push_str("::");
                i += best_len;
                continue;
            }
            if i > 0 && !out.ends_with(':') {
                out.push(':');
            }
            let _ = write!(out, "{:x}", groups[i]);
            i += 1;
        }
        out
    }

    /// `GetWarningsForIP` without its `<path>: ` prefix (`None` when the text is standard).
    pub(crate) fn warning(&self, text: &str) -> Option<String> {
        if !self.strict || self.is_4in6() {
            return Some(format!(
                "non-standard IP address {} will be considered invalid in a future Kubernetes release: use {}",
                super::msg::quote(text),
                super::msg::quote(&self.canonical())
            ));
        }
        if self.v6_text && self.canonical() != text {
            return Some(format!(
                "IPv6 address {} should be in RFC 5952 canonical format ({})",
                super::msg::quote(text),
                super::msg::quote(&self.canonical())
            ));
        }
        None
    }
}

/// The family of `s` when it parses (`netutils.IsIPv6String` is `family == V6`).
#[allow(dead_code)] // shared with cross.rs and the generator
pub(crate) fn family(s: &str) -> Option<Family> {
    parse(s).map(|ip| ip.family())
}

/// Whether the API server is past `StrictIPCIDRValidation` going on by default (beta in
/// 1.36 per the release notes the catalogue cites; alpha and off in 1.33-1.35).
pub(crate) fn strict_by_default(kube_minor: u32) -> bool {
    kube_minor >= 36
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sloppy_parse_table() {
        let ok = [
            ("10.1.2.3", "10.1.2.3", Family::V4, true),
            ("010.001.002.003", "10.1.2.3", Family::V4, false),
            ("0000000010.1.2.3", "10.1.2.3", Family::V4, false),
            ("::ffff:10.1.2.3", "10.1.2.3", Family::V4, true),
            ("2001:DB8::1", "2001:db8::1", Family::V6, true),
            ("2001:db8:0:0:0:0:0:1", "2001:db8::1", Family::V6, true),
            ("00002001:db8::1", "2001:db8::1", Family::V6, false),
            ("::", "::", Family::V6, true),
            ("::1.2.3.4", "::102:304", Family::V6, true),
            (
                "2001:db8:0:1:0:0:1:0",
                "2001:db8:0:1::1:0",
                Family::V6,
                true,
            ),
            ("1:0:0:2:0:0:0:3", "1:0:0:2::3", Family::V6, true),
            ("1:0:1:1:1:1:1:1", "1:0:1:1:1:1:1:1", Family::V6, true),
        ];
        for (text, canonical, fam, strict) in ok {
            let ip = parse(text).unwrap_or_else(|| panic!("{text} should parse"));
            assert_eq!(ip.canonical(), canonical, "{text}");
            assert_eq!(ip.family(), fam, "{text}");
            assert_eq!(ip.is_strict(), strict, "{text}");
        }
        for bad in [
            "",
            "db.example.com",
            "[2001:db8::1]",
            "10.0.0.0/8",
            "10.0.0.1:80",
            "fe80::1%eth0",
            "256.1.1.1",
            "1.2.3",
            "1.2.3.4.5",
            "1::2::3",
            "1:2:3:4:5:6:7:8:9",
            "1:2:3:4:5:6:7::8",
            "::1:",
            "1.2.3.4 ",
            " 1.2.3.4",
            "1:2:3:4:5:6:1.2.3.4:5",
            "12345::1",
        ] {
            assert_eq!(parse(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn special_ranges_table() {
        let cases = [
            ("0.0.0.0", "may not be unspecified (0.0.0.0)"),
            ("::", "may not be unspecified (::)"),
            (
                "127.0.0.1",
                "may not be in the loopback range (127.0.0.0/8, ::1/128)",
            ),
            (
                "::1",
                "may not be in the loopback range (127.0.0.0/8, ::1/128)",
            ),
            (
                "169.254.169.254",
                "may not be in the link-local range (169.254.0.0/16, fe80::/10)",
            ),
            (
                "fe80::1",
                "may not be in the link-local range (169.254.0.0/16, fe80::/10)",
            ),
            (
                "224.0.0.1",
                "may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)",
            ),
            (
                "ff02::1",
                "may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)",
            ),
            (
                "::ffff:127.0.0.1",
                "may not be in the loopback range (127.0.0.0/8, ::1/128)",
            ),
        ];
        for (text, msg) in cases {
            let ip = parse(text).unwrap_or_else(|| panic!("{text}"));
            assert_eq!(ip.special_errors(text), vec![msg.to_string()], "{text}");
        }
        for fine in [
            "114.32.146.154",
            "10.0.0.1",
            "224.0.1.1",
            "2001:db8::1",
            "255.255.255.255",
        ] {
            let ip = parse(fine).unwrap_or_else(|| panic!("{fine}"));
            assert!(ip.special_errors(fine).is_empty(), "{fine}");
        }
    }

    #[test]
    fn warnings_like_get_warnings_for_ip() {
        let w = |s: &str| parse(s).and_then(|ip| ip.warning(s));
        assert_eq!(
            w("010.001.002.003").as_deref(),
            Some("non-standard IP address \"010.001.002.003\" will be considered invalid in a future Kubernetes release: use \"10.1.2.3\"")
        );
        assert_eq!(
            w("::ffff:10.1.2.3").as_deref(),
            Some("non-standard IP address \"::ffff:10.1.2.3\" will be considered invalid in a future Kubernetes release: use \"10.1.2.3\"")
        );
        assert_eq!(
            w("2001:DB8::1").as_deref(),
            Some("IPv6 address \"2001:DB8::1\" should be in RFC 5952 canonical format (\"2001:db8::1\")")
        );
        assert_eq!(w("10.1.2.3"), None);
        assert_eq!(w("2001:db8::1"), None);
        let strict = |s: &str| parse(s).map(|ip| ip.strict_errors()).unwrap_or_default();
        assert_eq!(
            strict("010.1.2.3"),
            vec!["must not have leading 0s".to_string()]
        );
        assert_eq!(
            strict("::ffff:1.2.3.4"),
            vec!["must not be an IPv4-mapped IPv6 address".to_string()]
        );
        assert!(strict("2001:DB8::1").is_empty());
        assert_eq!(family("::ffff:1.2.3.4"), Some(Family::V4));
        assert!(!strict_by_default(35) && strict_by_default(36));
    }
    #[test]
    fn multicast_and_broadcast() {
        let multicast = |t: &str| parse(t).unwrap().is_multicast();
        assert!(multicast("224.0.0.1") && multicast("239.255.255.255"));
        assert!(multicast("ff02::1") && multicast("::ffff:224.0.0.1"));
        assert!(!multicast("240.0.0.1") && !multicast("ff0::") && !multicast("10.0.0.1"));
        assert!(parse("255.255.255.255").unwrap().is_broadcast());
        assert!(parse("::ffff:255.255.255.255").unwrap().is_broadcast());
        assert!(!parse("255.255.255.254").unwrap().is_broadcast());
    }

    #[test]
    fn kept_addresses_are_named_as_go_and_std_name_them() {
        for (text, want) in [
            ("10.0.0.1", "10.0.0.1"),
            ("::ffff:1.2.3.4", "1.2.3.4"),
            ("2001:DB8::1", "2001:db8::1"),
            ("::", "::"),
            ("::1", "::1"),
            ("1:0:0:1:0:0:0:1", "1:0:0:1::1"),
            ("fe80:0:0:0:0:0:0:1", "fe80::1"),
            ("::1.2.3.4", "::102:304"),
        ] {
            let ip = parse(text).unwrap();
            assert_eq!(Ip::canonical_of(ip.std_addr()), want, "{text}");
            assert_eq!(ip.std_addr().to_string(), want, "{text}");
        }
    }

    proptest::proptest! {
        /// Any text: no panic, and whatever parses re-parses from its canonical form to
        /// the same address (canonical text is always strict, never 4-in-6).
        #[test]
        fn canonical_round_trips(s in "[0-9a-fA-F:.%/ \\[\\]]{0,45}") {
            if let Some(ip) = parse(&s) {
                let canonical = ip.canonical();
                proptest::prop_assert_eq!(canonical.parse::<std::net::IpAddr>().ok(), Some(ip.std_addr()));
                // Messages name a kept address by the same text, which is std's too.
                proptest::prop_assert_eq!(&Ip::canonical_of(ip.std_addr()), &canonical);
                proptest::prop_assert_eq!(ip.std_addr().to_string(), canonical.clone());
                let again = parse(&canonical);
                proptest::prop_assert!(again.is_some(), "{} -> {}", s, canonical);
                if let Some(again) = again {
                    proptest::prop_assert_eq!(again.bytes, ip.bytes);
                    proptest::prop_assert!(again.is_strict() && !again.is_4in6());
                    proptest::prop_assert_eq!(again.warning(&canonical), None);
                }
            }
        }
        /// Decimal IPv4 with optional leading zeros parses to the same address as std's
        /// parser of the plain form, and is strict exactly when no octet is zero-padded.
        #[test]
        fn ipv4_matches_std(octets in proptest::array::uniform4(0u8..=255), pad in proptest::array::uniform4(0usize..3)) {
            let text = octets.iter().zip(pad).map(|(o, p)| format!("{}{o}", "0".repeat(p))).collect::<Vec<_>>().join(".");
            let plain = std::net::Ipv4Addr::from(octets).to_string();
            let ip = parse(&text);
            proptest::prop_assert!(ip.is_some(), "{}", text);
            if let Some(ip) = ip {
                proptest::prop_assert_eq!(ip.canonical(), plain);
                proptest::prop_assert_eq!(ip.is_strict(), pad.iter().all(|p| *p == 0));
            }
        }

        /// Multicast and broadcast agree with the canonical text's first octet / group.
        #[test]
        fn multicast_and_broadcast_match_the_canonical_text(s in "[0-9a-fA-F:.]{0,40}") {
            if let Some(ip) = parse(&s) {
                let canonical = ip.canonical();
                let multicast = match ip.family() {
                    Family::V4 => canonical.split('.').next().and_then(|o| o.parse::<u8>().ok()).is_some_and(|o| (224..=239).contains(&o)),
                    Family::V6 => canonical.split(':').next().is_some_and(|g| g.len() == 4 && g.starts_with("ff")),
                };
                proptest::prop_assert_eq!(ip.is_multicast(), multicast, "{}", canonical);
                proptest::prop_assert_eq!(ip.is_broadcast(), canonical == "255.255.255.255");
            }
        }

        /// Full 8-group IPv6 (upper or lower case) canonicalises like std's RFC 5952 Display.
        #[test]
        fn ipv6_matches_std(groups in proptest::array::uniform8(proptest::prop_oneof![proptest::strategy::Just(0u16), 0u16..=0xffff]), upper in proptest::bool::ANY) {
            let addr = std::net::Ipv6Addr::from(groups);
            let text = groups.iter().map(|g| if upper { format!("{g:X}") } else { format!("{g:x}") }).collect::<Vec<_>>().join(":");
            let ip = parse(&text);
            proptest::prop_assert!(ip.is_some(), "{}", text);
            if let (Some(ip), None) = (ip, addr.to_ipv4_mapped()) {
                proptest::prop_assert_eq!(ip.canonical(), addr.to_string());
                proptest::prop_assert_eq!(ip.family(), Family::V6);
            }
        }
    }
}
