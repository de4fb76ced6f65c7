//! Locations as summaries keep them: 8 bytes instead of 20 for an `Option<Location>`.
//!
//! A summary keeps a dozen locations (names, ports, addresses) of which a finding uses
//! few; on a run of 100,000 documents they were a third of the summaries. Nearly every
//! location fits a packed `u64` exactly; the rest go to a side table, so nothing is lost.

use std::num::NonZeroU32;

use crate::diagnostic::Location;
use crate::field_path::Segment;

/// Set on a value that is an index into [`Locs`] (or no location), not a packed one.
const TABLE: u64 = 1 << 63;
/// The table index that means "no location".
const NONE: u64 = u32::MAX as u64;
const LINE_BITS: u32 = 25;
const COLUMN_BITS: u32 = 13;
const SPAN_BITS: u32 = 12;

/// A packed `Option<Location>`: `line | column | end_line - line | end_column` when each
/// fits (the line is never 0, so the value is never 0), else a [`Locs`] index. Kept as
/// two halves, so that it is aligned like the `u32`s next to it (no padding).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Loc {
    /// The high half: the line, or the table flag, so never 0.
    high: NonZeroU32,
    low: u32,
}

/// The locations of one run that do not pack, and the location resolver of the object
/// being added.
#[derive(Debug, Default)]
pub(super) struct Locs(Vec<Location>);

impl Loc {
    /// No location.
    pub fn none() -> Loc {
        Loc::table(NONE)
    }

    /// Entry `index` of the table (never 0: the flag is set).
    fn table(index: u64) -> Loc {
        Loc::from_u64(TABLE | index).unwrap_or(Loc {
            high: NonZeroU32::MAX,
            low: u32::MAX,
        })
    }

    /// `None` when the high half is 0.
    fn from_u64(v: u64) -> Option<Loc> {
        Some(Loc {
            high: NonZeroU32::new((v >> 32) as u32)?,
            low: v as u32,
        })
    }

    fn to_u64(self) -> u64 {
        (u64::from(self.high.get()) << 32) | u64::from(self.low)
    }
}

fn fits(value: u32, bits: u32) -> bool {
    u64::from(value) < (1 << bits)
}

impl Locs {
    /// Keeps `loc`.
    pub fn keep(&mut self, loc: Option<Location>) -> Loc {
        let Some(l) = loc else {
            return Loc::none();
        };
        let span = l.end_line.checked_sub(l.line).unwrap_or(u32::MAX);
        if l.line > 0
            && fits(l.line, LINE_BITS)
            && fits(l.column, COLUMN_BITS)
            && fits(span, SPAN_BITS)
            && fits(l.end_column, COLUMN_BITS)
        {
            let packed = (u64::from(l.line) << (COLUMN_BITS + SPAN_BITS + COLUMN_BITS))
                | (u64::from(l.column) << (SPAN_BITS + COLUMN_BITS))
                | (u64::from(span) << COLUMN_BITS)
                | u64::from(l.end_column);
            if let Some(p) = Loc::from_u64(packed) {
                return p;
            }
        }
        match u32::try_from(self.0.len()) {
            Ok(index) if u64::from(index) < NONE => {
                self.0.push(l);
                Loc::table(u64::from(index))
            }
            // More unpackable locations than an index counts: not on a real input.
            _ => Loc::none(),
        }
    }

    /// The location `loc` stands for.
    pub fn get(&self, loc: Loc) -> Option<Location> {
        let v = loc.to_u64();
        if v & TABLE != 0 {
            let index = v & !TABLE;
            return if index == NONE {
                None
            } else {
                usize::try_from(index)
                    .ok()
                    .and_then(|i| self.0.get(i))
                    .copied()
            };
        }
        let mask = |bits: u32| (1u64 << bits) - 1;
        let end_column = (v & mask(COLUMN_BITS)) as u32;
        let span = ((v >> COLUMN_BITS) & mask(SPAN_BITS)) as u32;
        let column = ((v >> (SPAN_BITS + COLUMN_BITS)) & mask(COLUMN_BITS)) as u32;
        let line = (v >> (COLUMN_BITS + SPAN_BITS + COLUMN_BITS)) as u32;
        Some(Location {
            line,
            column,
            end_line: line + span,
            end_column,
        })
    }
}

/// Resolves field paths of the object being added, keeping the locations packed.
pub(super) struct Locator<'a> {
    pub locate: &'a dyn Fn(&[Segment]) -> Option<Location>,
    pub locs: &'a mut Locs,
}

impl Locator<'_> {
    /// The packed location of the path `segments`. A slice, not a `FieldPath`: a summary
    /// locates about ten fields per object, and their paths can live on the stack.
    pub fn at(&mut self, segments: &[Segment]) -> Loc {
        let loc = (self.locate)(segments);
        self.locs.keep(loc)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const fn loc(line: u32, column: u32, end_line: u32, end_column: u32) -> Location {
        Location::new(line, column, end_line, end_column)
    }

    #[test]
    fn locations_come_back_as_kept() {
        let mut locs = Locs::default();
        let cases = [
            Some(loc(1, 1, 1, 2)),
            Some(loc(1_234_567, 80, 1_234_570, 3)),
            Some(loc((1 << 25) - 1, 8191, (1 << 25) - 1 + 4095, 8191)),
            // Beyond the packed widths: kept in the table.
            Some(loc(1 << 25, 1, 1 << 25, 1)),
            Some(loc(3, 9000, 3, 9001)),
            Some(loc(3, 1, 5000, 1)),
            Some(loc(5, 1, 4, 1)),
            Some(loc(0, 0, 0, 0)),
            Some(loc(u32::MAX, u32::MAX, u32::MAX, u32::MAX)),
            None,
        ];
        let kept: Vec<Loc> = cases.iter().map(|l| locs.keep(*l)).collect();
        for (l, k) in cases.iter().zip(&kept) {
            assert_eq!(locs.get(*k), *l);
        }
        assert_eq!(locs.0.len(), 6);
        assert_eq!(std::mem::size_of::<Option<Loc>>(), 8);
        assert_eq!(std::mem::align_of::<Loc>(), 4);
    }
}
