//! A small glob matcher for input paths (`extsvc validate 'manifests/**/*.yaml'`) and the
//! config's `exclude` list. No dependency: the npm package has none, and the grammar is small.
//!
//! Grammar, over `/`-separated paths (`\` is read as `/`, a leading `./` is dropped):
//! `*` any run of characters within a segment, `?` one character, `[abc]` `[a-z]` `[!a]`
//! (or `[^a]`) one character of a class, `{yaml,yml}` alternatives (nestable), and `**` as a
//! whole segment for any number of segments, zero included. No character matches `/`
//! except through `**`. There is no escape character: `[*]` matches a literal `*`.
//!
//! Exclusion ([`Pattern::excludes`]) is gitignore-like: a pattern without `/` matches a file
//! or directory name at any depth, and a pattern that matches a directory excludes
//! everything below it.

/// Alternatives one pattern may expand to through `{…}`; more is an error, not a blow-up.
const MAX_ALTERNATIVES: usize = 256;

/// A compiled glob.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pattern {
    /// Brace-expanded alternatives, each a list of segments.
    alternatives: Vec<Vec<Segment>>,
    /// Whether the pattern had a `/` (after trimming a trailing one).
    anchored: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Segment {
    /// `**`
    Any,
    /// A segment of tokens.
    Tokens(Vec<Token>),
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Token {
    Char(char),
    /// `?`
    One,
    /// `*`
    Star,
    /// `[…]`: negated, ranges (inclusive).
    Class(bool, Vec<(char, char)>),
}

impl Pattern {
    /// Compiles `pattern`; the error names it and says what is wrong.
    pub fn new(pattern: &str) -> Result<Pattern, String> {
        let bad = |why: &str| {
            format!(
                "invalid glob {}: {why}",
                crate::validate::msg::quote(pattern)
            )
        };
        let normal = normalize(pattern);
        let normal = normal.strip_suffix('/').unwrap_or(&normal);
        if normal.is_empty() {
            return Err(bad("empty pattern"));
        }
        let mut expanded = Vec::new();
        expand(normal, &mut expanded).map_err(bad)?;
        let alternatives = expanded
            .iter()
            .map(|alt| alt.split('/').map(segment).collect::<Result<Vec<_>, _>>())
            .collect::<Result<Vec<_>, _>>()
            .map_err(bad)?;
        Ok(Pattern {
            alternatives,
            anchored: normal.contains('/'),
        })
    }

    /// Whether the whole of `path` matches.
    pub fn matches(&self, path: &str) -> bool {
        let path = normalize(path);
        let parts: Vec<&str> = path.split('/').collect();
        self.alternatives
            .iter()
            .any(|alt| match_segments(alt, &parts))
    }

    /// Whether `path` is excluded: it, or a directory above it, matches; a pattern without
    /// `/` is tried against every name in the path, and a leading `/` anchors the pattern
    /// at the base `path` is relative to (as in .gitignore).
    pub fn excludes(&self, path: &str) -> bool {
        let path = normalize(path);
        let parts: Vec<&str> = path.split('/').collect();
        if !self.anchored {
            return parts.iter().any(|name| self.matches(name));
        }
        (1..=parts.len()).any(|n| {
            let prefix = parts.get(..n).unwrap_or_default();
            self.alternatives.iter().any(|alt| {
                let from_base = matches!(alt.first(), Some(Segment::Tokens(t)) if t.is_empty());
                match_segments(&alt[usize::from(from_base)..], prefix)
            })
        })
    }
}

/// `path` with `/` for `\\`, runs of `/` as one and leading `./` dropped. Linear: a config
/// may hold any text.
fn normalize(path: &str) -> String {
    let mut s = String::with_capacity(path.len());
    for c in path.chars() {
        let c = if c == '\\' { '/' } else { c };
        if !(c == '/' && s.ends_with('/')) {
            s.push(c);
        }
    }
    let mut rest = s.as_str();
    while let Some(after) = rest.strip_prefix("./") {
        rest = after;
    }
    rest.to_string()
}

/// Expands the first `{…}` group of `s` (recursively) into `out`.
fn expand(s: &str, out: &mut Vec<String>) -> Result<(), &'static str> {
    let Some(open) = s.find('{') else {
        if s.contains('}') {
            return Err("unmatched '}'");
        }
        if out.len() >= MAX_ALTERNATIVES {
            return Err("too many {…} alternatives");
        }
        out.push(s.to_string());
        return Ok(());
    };
    let (head, rest) = s.split_at(open);
    let mut depth = 0usize;
    let mut parts = Vec::new();
    let mut start = 1;
    let mut close = None;
    for (i, c) in rest.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    parts.push(rest.get(start..i).unwrap_or_default());
                    close = Some(i);
                    break;
                }
            }
            ',' if depth == 1 => {
                parts.push(rest.get(start..i).unwrap_or_default());
                start = i + 1;
            }
            _ => {}
        }
    }
    let close = close.ok_or("unclosed '{'")?;
    let tail = rest.get(close + 1..).unwrap_or_default();
    for part in parts {
        expand(&format!("{head}{part}{tail}"), out)?;
    }
    Ok(())
}

fn segment(s: &str) -> Result<Segment, &'static str> {
    if s == "**" {
        return Ok(Segment::Any);
    }
    let mut tokens = Vec::new();
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        tokens.push(match c {
            '*' => {
                // `a**b` inside a segment is just `*`.
                while chars.peek() == Some(&'*') {
                    chars.next();
                }
                Token::Star
            }
            '?' => Token::One,
            '[' => {
                let negated = chars.next_if(|c| *c == '!' || *c == '^').is_some();
                let mut ranges = Vec::new();
                let mut first = true;
                loop {
                    let c = chars.next().ok_or("unclosed '['")?;
                    if c == ']' && !first {
                        break;
                    }
                    first = false;
                    let hi = match chars.peek() {
                        Some('-') => {
                            chars.next();
                            match chars.next() {
                                Some(']') => {
                                    // `[a-]`: a and a literal dash.
                                    ranges.push((c, c));
                                    ranges.push(('-', '-'));
                                    break;
                                }
                                Some(hi) => hi,
                                None => return Err("unclosed '['"),
                            }
                        }
                        _ => c,
                    };
                    ranges.push((c, hi));
                }
                Token::Class(negated, ranges)
            }
            c => Token::Char(c),
        });
    }
    Ok(Segment::Tokens(tokens))
}

/// `**` is to segments what `*` is to characters, so segments are matched the same way.
fn match_segments(pattern: &[Segment], path: &[&str]) -> bool {
    wildcard(
        pattern,
        path,
        |s| *s == Segment::Any,
        |s, name| match s {
            Segment::Tokens(tokens) => match_tokens(tokens, &name.chars().collect::<Vec<_>>()),
            Segment::Any => false,
        },
    )
}

fn match_tokens(tokens: &[Token], name: &[char]) -> bool {
    wildcard(tokens, name, |t| *t == Token::Star, |t, &c| single(t, c))
}

/// Wildcard matching with one backtracking point, the last wildcard: at most
/// `pattern.len() × items.len()` steps. Trying every split at every wildcard instead (as
/// segments once were) is exponential in their number: `**/a/**/a/**/a/**/a/**/a/**/x` in a
/// config took 53 s on one path 40 directories deep.
fn wildcard<P, T>(
    pattern: &[P],
    items: &[T],
    is_wildcard: impl Fn(&P) -> bool,
    one: impl Fn(&P, &T) -> bool,
) -> bool {
    let (mut p, mut i) = (0, 0);
    let mut last: Option<(usize, usize)> = None;
    while let Some(item) = items.get(i) {
        match pattern.get(p) {
            Some(w) if is_wildcard(w) => {
                last = Some((p, i));
                p += 1;
                continue;
            }
            Some(token) if one(token, item) => {
                p += 1;
                i += 1;
                continue;
            }
            _ => {}
        }
        match last {
            Some((wp, wi)) => {
                p = wp + 1;
                i = wi + 1;
                last = Some((wp, wi + 1));
            }
            None => return false,
        }
    }
    pattern.get(p..).unwrap_or_default().iter().all(is_wildcard)
}

fn single(token: &Token, c: char) -> bool {
    match token {
        Token::Char(p) => *p == c,
        Token::One => true,
        Token::Star => false,
        Token::Class(negated, ranges) => {
            ranges.iter().any(|(lo, hi)| (*lo..=*hi).contains(&c)) != *negated
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_whole_paths() {
        let cases = [
            ("*.yaml", "a.yaml", true),
            ("*.yaml", "dir/a.yaml", false),
            ("*.{yaml,yml}", "a.yml", true),
            ("*.{yaml,yml}", "a.json", false),
            ("**/*.yaml", "a.yaml", true),
            ("**/*.yaml", "x/y/a.yaml", true),
            ("m/**/*.yaml", "m/a.yaml", true),
            ("m/**/*.yaml", "m/p/q/a.yaml", true),
            ("m/**/*.yaml", "n/a.yaml", false),
            ("m/**", "m/p/a.yaml", true),
            ("./m/*.yaml", "m/a.yaml", true),
            ("m\\*.yaml", "m/a.yaml", true),
            ("m/?.yaml", "m/ab.yaml", false),
            ("m/?.yaml", "m/ä.yaml", true),
            ("[a-c]*.yaml", "b1.yaml", true),
            ("[!a-c]*.yaml", "b1.yaml", false),
            ("[^a-c]*.yaml", "d1.yaml", true),
            ("[]]x", "]x", true),
            ("[a-]x", "-x", true),
            ("[*]", "*", true),
            ("[*]", "a", false),
            ("a*b*c", "aXXbYYbc", true),
            ("a*b*c", "aXXbYYb", false),
            ("{a,{b,c}d}.yaml", "cd.yaml", true),
            ("/abs/*.yaml", "/abs/x.yaml", true),
        ];
        for (pattern, path, want) in cases {
            let p = Pattern::new(pattern).expect(pattern);
            assert_eq!(p.matches(path), want, "{pattern} {path}");
        }
    }

    #[test]
    fn many_double_stars_stay_linear() {
        // Each `**` once multiplied the splits tried: eight of them on a path 40 deep did not
        // finish in minutes. Run on a thread so that a slow matcher fails this test instead
        // of hanging the suite (linear, it takes well under a millisecond).
        let (done, finished) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let pattern = Pattern::new(&format!("{}x", "**/a/".repeat(8))).expect("valid");
            let deep = format!("{}svc.yaml", "a/".repeat(40));
            let _ = done.send((
                pattern.matches(&deep),
                pattern.excludes(&deep),
                pattern.matches(&format!("{}x", "a/".repeat(40))),
            ));
        });
        match finished.recv_timeout(std::time::Duration::from_secs(20)) {
            Ok(outcome) => assert_eq!(outcome, (false, false, true)),
            Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {
                panic!("not linear: no answer in 20 s")
            }
            Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => panic!("the matcher panicked"),
        }
    }

    /// What `**` means, by definition: every split tried (exponential, so small cases only).
    fn reference(pattern: &[Segment], path: &[&str]) -> bool {
        match pattern.split_first() {
            None => path.is_empty(),
            Some((Segment::Any, rest)) => {
                (0..=path.len()).any(|skip| reference(rest, &path[skip..]))
            }
            Some((Segment::Tokens(tokens), rest)) => {
                path.split_first().is_some_and(|(name, more)| {
                    match_tokens(tokens, &name.chars().collect::<Vec<_>>()) && reference(rest, more)
                })
            }
        }
    }

    #[test]
    fn segments_match_as_the_definition_says() {
        let patterns = [
            "**",
            "a/**",
            "**/a",
            "**/a/**",
            "a/**/b/**/a",
            "**/**/b",
            "*/**/a*",
            "**/?/**",
        ];
        let names = ["a", "b", "ab"];
        // Every path of up to 5 segments over `names`.
        let mut paths: Vec<Vec<&str>> = vec![vec![]];
        let mut last = paths.clone();
        for _ in 0..5 {
            last = last
                .iter()
                .flat_map(|p| names.iter().map(move |n| [p.as_slice(), &[*n]].concat()))
                .collect();
            paths.extend(last.iter().cloned());
        }
        let mut compared = 0;
        for pattern in patterns {
            let alternatives = &Pattern::new(pattern).expect(pattern).alternatives;
            for alt in alternatives {
                for path in &paths {
                    assert_eq!(
                        match_segments(alt, path),
                        reference(alt, path),
                        "{pattern} {path:?}"
                    );
                    compared += 1;
                }
            }
        }
        assert!(compared > 1000, "{compared}");
    }

    #[test]
    fn excludes_like_gitignore() {
        let cases = [
            ("charts", "charts/x/values.yaml", true),
            ("charts", "deploy/charts/values.yaml", true),
            ("*.values.yaml", "deploy/prod.values.yaml", true),
            ("deploy/charts", "deploy/charts/a.yaml", true),
            ("deploy/charts/", "deploy/charts/a.yaml", true),
            ("deploy/charts", "other/deploy/charts/a.yaml", false),
            ("**/charts", "other/deploy/charts/a.yaml", true),
            ("charts", "chartsx/a.yaml", false),
            ("/charts", "charts/x/values.yaml", true),
            ("/charts", "deploy/charts/values.yaml", false),
            ("/deploy/*.yaml", "deploy/a.yaml", true),
        ];
        for (pattern, path, want) in cases {
            let p = Pattern::new(pattern).expect(pattern);
            assert_eq!(p.excludes(path), want, "{pattern} {path}");
        }
    }

    #[test]
    fn paths_are_normalized() {
        for (path, want) in [
            ("a\\b", "a/b"),
            ("a//b///c", "a/b/c"),
            ("./././a", "a"),
            (".//./a", "a"),
            ("a/./b", "a/./b"),
            ("//a", "/a"),
            ("", ""),
        ] {
            assert_eq!(normalize(path), want, "{path:?}");
        }
    }

    #[test]
    fn bad_patterns_are_named() {
        for (pattern, why) in [
            ("", "empty pattern"),
            ("a[bc", "unclosed '['"),
            ("a{b,c", "unclosed '{'"),
            ("a}b", "unmatched '}'"),
            (
                "{a,b}{c,d}{e,f}{g,h}{i,j}{k,l}{m,n}{o,p}{q,r}",
                "too many {…} alternatives",
            ),
        ] {
            assert_eq!(
                Pattern::new(pattern),
                Err(format!("invalid glob {pattern:?}: {why}")),
                "{pattern}"
            );
        }
    }
}
