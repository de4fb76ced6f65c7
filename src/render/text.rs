//! The text format, for people:
//!
//! ```text
//! seed.yaml:22:9: error[EP-NAME-MATCH]: Endpoints "mysql-ep" has no Service of that name
//!    |
//! 22 |   name: mysql-ep  # Must match Service name
//!    |         ^^^^^^^^ metadata.name (Endpoints default/mysql-ep)
//!    = help: Rename the Endpoints to the Service's name.
//!
//! 1 error, 0 warnings, 0 infos in 1 file (2 objects).
//! ```
//!
//! Locations count UTF-16 code units (see `diagnostic.rs`); here they are turned back into
//! characters and then into terminal cells (tabs as four cells, East Asian wide characters
//! as two) so the carets sit under the right text. Control characters from the input are
//! printed as U+FFFD so a manifest cannot send escape sequences to the terminal.

use crate::hash::HashMap;
use std::fmt::Write;

use crate::diagnostic::{Diagnostic, Location, Report, Severity, Summary};
use crate::pipeline::Source;

/// Terminal cells a tab takes in the quoted source line.
const TAB_WIDTH: usize = 4;

/// The whole report: every diagnostic, then the summary line.
pub(super) fn report(report: &Report, sources: &[Source<'_>], color: bool) -> String {
    let mut out = diagnostics(&report.diagnostics, sources, color);
    summary(&mut out, &report.summary, Style { color });
    out
}

/// Every diagnostic, each followed by a blank line; no summary.
pub(super) fn diagnostics(
    diagnostics: &[Diagnostic],
    sources: &[Source<'_>],
    color: bool,
) -> String {
    let style = Style { color };
    let mut lines = SourceLines::new(sources);
    let mut out = String::new();
    for d in diagnostics {
        diagnostic(&mut out, d, &mut lines, style);
    }
    out
}

fn diagnostic(out: &mut String, d: &Diagnostic, lines: &mut SourceLines<'_>, style: Style) {
    let file = d.file.as_deref().unwrap_or("<input>");
    let sev = style.severity(d.severity);
    let _ = write!(out, "{}", style.bold(&clean(file)));
    if let Some(loc) = d.location {
        let _ = write!(
            out,
            "{}",
            style.bold(&format!(":{}:{}", loc.line, loc.column))
        );
    }
    let head = format!("{}[{}]", severity_name(d.severity), clean(&d.code));
    let message = clean(&d.message).replace('\n', " ");
    let _ = writeln!(
        out,
        ": {}: {}",
        style.paint(sev, &head),
        style.bold(&message)
    );

    let label = label(d);
    let quoted = d.location.and_then(|loc| {
        let text = lines.line(file, loc.line)?;
        Some((loc, text))
    });
    let gutter = match &quoted {
        Some((loc, _)) => loc.line.to_string().len(),
        None => 1,
    };
    let pad = " ".repeat(gutter);
    let bar = style.paint(GUTTER, "|");
    match quoted {
        Some((loc, text)) => {
            let (text, loc) = window(text, loc, lines.resume_on(text));
            let (shown, before, under) = underline(&text, loc);
            let _ = writeln!(out, "{pad} {bar}");
            let number = style.paint(GUTTER, &loc.line.to_string());
            let _ = writeln!(out, "{number} {bar} {shown}");
            let carets = style.paint(sev, &"^".repeat(under));
            let label = label.map(|l| format!(" {l}")).unwrap_or_default();
            let _ = writeln!(out, "{pad} {bar} {}{carets}{label}", " ".repeat(before));
        }
        None => {
            if let Some(label) = label {
                let _ = writeln!(out, "{pad} {} at: {label}", style.paint(GUTTER, "="));
            }
        }
    }
    if let Some(help) = &d.help {
        let indent = format!("\n{pad}         ");
        let help = clean(help).replace('\n', &indent);
        let _ = writeln!(out, "{pad} {} {help}", style.paint(GUTTER, "= help:"));
    }
    out.push('\n');
}

/// `metadata.name (Endpoints default/mysql-ep)`: the field path and the object, if known.
fn label(d: &Diagnostic) -> Option<String> {
    let object = d.object.as_ref().filter(|o| !o.kind.is_empty()).map(|o| {
        let name = match (&o.namespace, &o.name) {
            (Some(ns), Some(name)) => format!("{ns}/{name}"),
            (None, Some(name)) => name.clone(),
            _ => format!("(document {})", o.index + 1),
        };
        clean(&format!("{} {name}", o.kind))
    });
    let path = d.path.as_deref().filter(|p| !p.is_empty()).map(clean);
    match (path, object) {
        (Some(p), Some(o)) => Some(format!("{p} ({o})")),
        (Some(p), None) => Some(p),
        (None, Some(o)) => Some(o),
        (None, None) => None,
    }
}

/// Longest source line quoted whole, in UTF-16 units; longer lines (minified JSON, a 50 MB
/// scalar) are cut to this many units around the span, marked with `…`, so a report never
/// floods a CI log.
const WINDOW: usize = 160;

/// `line` cut to [`WINDOW`] units around `loc` when longer, with `loc` moved to match.
/// `resume` is a (byte, UTF-16 unit) on the line where an earlier window began: findings
/// come sorted by position, so each walk goes on from there rather than from the line's
/// start (3,000 findings on one 1.2 MB line of minified JSON took 42 s).
fn window<'l>(
    line: &'l str,
    loc: Location,
    resume: &mut (usize, usize),
) -> (std::borrow::Cow<'l, str>, Location) {
    if line.len() <= WINDOW {
        return (line.into(), loc);
    }
    let start = (loc.column.max(1) as usize).saturating_sub(40).max(1); // first unit kept
    let (base, mut unit) = if resume.1 <= start { *resume } else { (0, 1) };
    let (mut from, mut to) = (None, line.len());
    for (at, c) in line[base..].char_indices() {
        let at = base + at;
        if from.is_none() && unit >= start {
            from = Some(at);
            *resume = (at, unit);
        }
        if unit >= start + WINDOW {
            to = at;
            break;
        }
        unit += c.len_utf16();
    }
    let Some(from) = from else {
        return (line.into(), loc);
    };
    let (head, tail) = (
        if from > 0 { "…" } else { "" },
        if to < line.len() { "…" } else { "" },
    );
    let shift =
        |column: u32| (column as usize + head.len().min(1)).saturating_sub(start - 1) as u32;
    let moved = Location {
        column: shift(loc.column).max(1),
        end_column: if loc.end_line == loc.line {
            shift(loc.end_column).max(1)
        } else {
            loc.end_column
        },
        ..loc
    };
    (format!("{head}{}{tail}", &line[from..to]).into(), moved)
}

/// The line as shown (tabs expanded, controls replaced), the cells before the span and the
/// cells under it (at least one; a span running past the line is underlined to its end).
fn underline(line: &str, loc: Location) -> (String, usize, usize) {
    let start = loc.column.max(1) as usize;
    let end = if loc.end_line > loc.line {
        usize::MAX
    } else {
        (loc.end_column as usize).max(start + 1)
    };
    let mut shown = String::with_capacity(line.len());
    let (mut before, mut under) = (0, 0);
    let mut unit = 1; // UTF-16 column of the current character
    for c in line.chars() {
        let cells = match c {
            '\t' => {
                shown.push_str(&" ".repeat(TAB_WIDTH));
                TAB_WIDTH
            }
            c if c.is_control() => {
                shown.push('\u{FFFD}');
                1
            }
            c => {
                shown.push(c);
                width(c)
            }
        };
        if unit < start {
            before += cells;
        } else if unit < end {
            under += cells;
        }
        unit += c.len_utf16();
    }
    (shown, before, under.max(1))
}

/// Terminal cells of a printable character: 0 for combining marks and zero-width
/// characters (including a byte order mark), 2 for East Asian wide and fullwidth ones and emoji, else 1. A short table,
/// not full UAX #11: enough to keep carets aligned under common text.
fn width(c: char) -> usize {
    match c as u32 {
        0x0300..=0x036F | 0x200B..=0x200F | 0xFE00..=0xFE0F | 0xFEFF => 0,
        0x1100..=0x115F
        | 0x2E80..=0x303E
        | 0x3041..=0xA4CF
        | 0xAC00..=0xD7A3
        | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F
        | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6
        | 0x1F300..=0x1F64F
        | 0x1F900..=0x1F9FF
        | 0x20000..=0x3FFFD => 2,
        _ => 1,
    }
}

/// `text` with control characters other than newline replaced by U+FFFD.
fn clean(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_control() && c != '\n' {
                '\u{FFFD}'
            } else {
                c
            }
        })
        .collect()
}

fn summary(out: &mut String, s: &Summary, style: Style) {
    let files = plural(s.files, "file", "files");
    let mut objects = plural(s.objects, "object", "objects");
    // Suppressed findings are not counted above; say they exist, so a suppression that
    // hides too much does not go unnoticed.
    if s.suppressed > 0 {
        objects.push_str(&format!(", {} suppressed", s.suppressed));
    }
    if s.errors + s.warnings + s.infos == 0 {
        let _ = writeln!(out, "No problems found in {files} ({objects}).");
        return;
    }
    let counts = [
        (s.errors, Severity::Error, "error", "errors"),
        (s.warnings, Severity::Warning, "warning", "warnings"),
        (s.infos, Severity::Info, "info", "infos"),
    ]
    .map(|(n, sev, one, many)| {
        let text = plural(n, one, many);
        if n > 0 {
            style.paint(style.severity(sev), &text)
        } else {
            text
        }
    });
    let _ = writeln!(out, "{} in {files} ({objects}).", counts.join(", "));
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn severity_name(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "info",
    }
}

/// ANSI SGR parameters.
const GUTTER: &str = "1;34";

#[derive(Clone, Copy)]
struct Style {
    color: bool,
}

impl Style {
    fn severity(self, s: Severity) -> &'static str {
        match s {
            Severity::Error => "1;31",
            Severity::Warning => "1;33",
            Severity::Info => "1;36",
        }
    }

    fn paint(self, sgr: &str, text: &str) -> String {
        if self.color {
            format!("\x1b[{sgr}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }

    fn bold(self, text: &str) -> String {
        self.paint("1", text)
    }
}

/// Source lines by file name, the line index of each file built on first use so a report
/// with many findings over a large input stays linear.
struct SourceLines<'a> {
    files: HashMap<&'a str, (&'a str, Option<Vec<usize>>)>,
    /// The line (its address and length: sources may overlap) the last window was on, and
    /// where on it that window began.
    resume: ((usize, usize), (usize, usize)),
}

impl<'a> SourceLines<'a> {
    fn new(sources: &[Source<'a>]) -> Self {
        let mut files = HashMap::with_capacity_and_hasher(sources.len(), Default::default());
        for s in sources {
            files.entry(s.name).or_insert((s.text, None));
        }
        SourceLines {
            files,
            resume: ((0, 0), (0, 1)),
        }
    }

    /// Where a window on `line` may start its walk (see [`window`]).
    fn resume_on(&mut self, line: &str) -> &mut (usize, usize) {
        let key = (line.as_ptr() as usize, line.len());
        if self.resume.0 != key {
            self.resume = (key, (0, 1));
        }
        &mut self.resume.1
    }

    /// Line `n` (1-based) of `file`, without its line break. Lines end at `\n`, `\r\n` or a
    /// lone `\r`, as the YAML reader counts them.
    fn line(&mut self, file: &str, n: u32) -> Option<&'a str> {
        let (text, starts) = self.files.get_mut(file)?;
        let text: &'a str = text;
        let starts = starts.get_or_insert_with(|| line_starts(text));
        let i = (n as usize).checked_sub(1)?;
        let start = *starts.get(i)?;
        let end = starts.get(i + 1).map_or(text.len(), |e| *e);
        let line = text.get(start..end)?;
        let line = line.strip_suffix('\n').unwrap_or(line);
        let line = line.strip_suffix('\r').unwrap_or(line);
        // Columns do not count the input's byte-order mark, so it is not shown either.
        Some(match n {
            1 => line.strip_prefix('\u{feff}').unwrap_or(line),
            _ => line,
        })
    }
}

/// Byte offsets where lines start: 0, and after every `\n`, `\r\n` or lone `\r`.
fn line_starts(text: &str) -> Vec<usize> {
    let bytes = text.as_bytes();
    // Sized up front: grown by doubling, the table of 256 MiB of line breaks (the input
    // limit) asked for 2 GiB, more than a wasm32 allocation may be (a trap).
    let mut starts = Vec::with_capacity(crate::yaml::count_lines(text) as usize + 1);
    starts.push(0);
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n')) {
            starts.push(i + 1);
        }
    }
    starts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_line_table_is_allocated_once_at_its_size() {
        // Grown by doubling, the table of 2^28 line breaks asked for 2 GiB on wasm32, more
        // than an allocation may be there: the text report of such an input trapped.
        for text in ["", "a", "a\r\nb\rc\n", "\r\r\n\n", &"\n".repeat(100_003)] {
            let starts = line_starts(text);
            let breaks = text.matches('\n').count() + text.matches('\r').count()
                - text.matches("\r\n").count();
            assert_eq!(starts.len(), breaks + 1, "{text:?}");
            assert_eq!(starts.capacity(), breaks + 1, "{text:?}");
        }
    }

    const fn loc(line: u32, column: u32, end_line: u32, end_column: u32) -> Location {
        Location::new(line, column, end_line, end_column)
    }

    #[test]
    fn underline_counts_utf16_and_cells() {
        // (line, location, cells before, cells under)
        let cases = [
            ("name: abc", loc(1, 7, 1, 10), 6, 3),
            // "é" is one UTF-16 unit, "😀" two units and two cells, "名" one unit, two cells.
            ("n: é😀 x", loc(1, 7, 1, 8), 6, 1),
            ("n: 😀x", loc(1, 4, 1, 6), 3, 2),
            ("n: 名前 x", loc(1, 4, 1, 6), 3, 4),
            ("\tk: v", loc(1, 2, 1, 3), 4, 1),
            // A byte order mark takes a UTF-16 unit but no cell.
            ("\u{FEFF}a: b", loc(1, 5, 1, 6), 3, 1),
            // Multi-line span: underline to the end of the first line.
            ("key: |", loc(1, 6, 3, 1), 5, 1),
            // Empty span or past the end: one caret.
            ("ab", loc(1, 3, 1, 3), 2, 1),
            ("ab", loc(1, 9, 1, 9), 2, 1),
        ];
        for (line, l, before, under) in cases {
            let (_, b, u) = underline(line, l);
            assert_eq!((b, u), (before, under), "{line:?} {l:?}");
        }
    }

    #[test]
    fn long_lines_are_cut_around_the_span() {
        // Found in review: a 400 KB one-line input was quoted whole, twice.
        let line = format!("{}XYZ{}", "a".repeat(100_000), "b".repeat(100_000));
        let (shown, moved) = window(&line, loc(1, 100_001, 1, 100_004), &mut (0, 1));
        assert!(shown.starts_with('…') && shown.ends_with('…'), "{shown}");
        assert!(shown.chars().count() <= WINDOW + 2);
        let (_, before, under) = underline(&shown, moved);
        assert_eq!(
            &shown.chars().skip(before).take(under).collect::<String>(),
            "XYZ"
        );
        // Short lines are untouched.
        let (same, l) = window("name: x", loc(1, 7, 1, 8), &mut (0, 1));
        assert_eq!((same.as_ref(), l), ("name: x", loc(1, 7, 1, 8)));
        // A span at the start keeps the start.
        let (shown, moved) = window(&line, loc(1, 2, 1, 3), &mut (0, 1));
        assert!(!shown.starts_with('…') && shown.ends_with('…'));
        assert_eq!(moved, loc(1, 2, 1, 3));
    }

    #[test]
    fn windows_resumed_on_a_line_match_fresh_ones() {
        // UTF-16 columns: `é` is one unit, `😀` two.
        let line = "ab é😀 ".repeat(2_000);
        let units = line.encode_utf16().count() as u32;
        let mut resume = (0, 1);
        // Ascending as findings come, then a step back.
        for column in (1..units).step_by(997).chain([5, 3_000]) {
            let l = loc(1, column, 1, column + 1);
            let fresh = window(&line, l, &mut (0, 1));
            assert_eq!(window(&line, l, &mut resume), fresh, "column {column}");
        }
    }

    #[test]
    fn controls_are_neutralised() {
        let (shown, _, _) = underline("a: \u{1b}[31mred", loc(1, 4, 1, 5));
        assert_eq!(shown, "a: \u{FFFD}[31mred");
        assert_eq!(clean("x\u{7}y\nz"), "x\u{FFFD}y\nz");
    }

    #[test]
    fn source_lines_by_number() {
        let sources = [Source {
            name: "a.yaml",
            text: "one\r\ntwo\n\nfour",
        }];
        let mut lines = SourceLines::new(&sources);
        assert_eq!(lines.line("a.yaml", 1), Some("one"));
        assert_eq!(lines.line("a.yaml", 2), Some("two"));
        assert_eq!(lines.line("a.yaml", 3), Some(""));
        assert_eq!(lines.line("a.yaml", 4), Some("four"));
        assert_eq!(lines.line("a.yaml", 5), None);
        assert_eq!(lines.line("a.yaml", 0), None);
        assert_eq!(lines.line("b.yaml", 1), None);
        let sources = [Source {
            name: "cr.yaml",
            text: "a\rb\r\nc\n",
        }];
        let mut lines = SourceLines::new(&sources);
        let got: Vec<_> = (1..=5).map(|n| lines.line("cr.yaml", n)).collect();
        assert_eq!(got, [Some("a"), Some("b"), Some("c"), Some(""), None]);
        // The byte-order mark is not part of line 1 (columns do not count it); U+FEFF
        // elsewhere is text.
        let sources = [Source {
            name: "bom.yaml",
            text: "\u{feff}a: 1\n\u{feff}b\n",
        }];
        let mut lines = SourceLines::new(&sources);
        assert_eq!(lines.line("bom.yaml", 1), Some("a: 1"));
        assert_eq!(lines.line("bom.yaml", 2), Some("\u{feff}b"));
    }
}
