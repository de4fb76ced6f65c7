//! Keeps only edits that do what they claim: each document touched is re-read after the
//! edits, and its value must equal the original value with exactly the intended changes.
//! This catches whatever the edit helpers cannot see (anchors shared by aliases, merge
//! keys, odd layouts), so a fix never changes anything it does not mean to.

use serde_json::Value as J;

use crate::yaml::{documents, Limits};

use super::edit::{apply_changes, apply_edits, Change, Edit};
use super::scan::Scan;

/// Edits meant to change one document's value by `changes` (relative to its root).
pub(crate) trait Candidate {
    /// Index into [`Scan::docs`].
    fn doc(&self) -> usize;
    /// The text edits (offsets into the whole text).
    fn edits(&self) -> &[Edit];
    /// The intended changes of the document's value.
    fn changes(&self) -> &[Change];
}

/// Indices of the `candidates` that can be applied together, in order of preference:
/// overlapping candidates lose to earlier ones, and candidates whose result does not
/// re-read as intended are dropped.
pub(crate) fn select<C: Candidate>(text: &str, scan: &Scan, candidates: &[C]) -> Vec<usize> {
    // One copy of the selection for every kind of candidate (issue 7's size cap).
    let candidates: Vec<&dyn Candidate> = candidates.iter().map(|c| c as &dyn Candidate).collect();
    select_among(text, scan, &candidates)
}

fn select_among(text: &str, scan: &Scan, candidates: &[&dyn Candidate]) -> Vec<usize> {
    let mut kept: Vec<usize> = Vec::new();
    // Ranges taken so far, by start (an insertion takes its position).
    // A sorted Vec rather than a BTreeMap: one more map type would add its own copy of
    // the B-tree code to the .wasm (issue 7). Candidates come sorted by position, so
    // nearly every insert is an append.
    let mut taken: Vec<(usize, usize)> = Vec::new();
    for (i, c) in candidates.iter().enumerate() {
        let clash = c.edits().iter().any(|e| {
            let end = e.end.max(e.start + 1);
            let before = taken.partition_point(|&(start, _)| start < end);
            before > 0 && taken[before - 1].1 > e.start
        });
        if !clash && !c.edits().is_empty() {
            for e in c.edits() {
                let range = (e.start, e.end.max(e.start + 1));
                let at = taken.partition_point(|&(start, _)| start < e.start);
                match taken.get_mut(at) {
                    Some(same) if same.0 == e.start => *same = range,
                    _ => taken.insert(at, range),
                }
            }
            kept.push(i);
        }
    }
    // Group by chunk (the text between separator lines; it may hold several documents).
    let mut in_chunks: Vec<((usize, usize), usize)> = kept
        .iter()
        .filter_map(|&i| {
            let doc = candidates.get(i).and_then(|c| scan.docs.get(c.doc()))?;
            Some(((doc.range.start, doc.range.end), i))
        })
        .collect();
    crate::sort::sort_by(&mut in_chunks, |a, b| a.0.cmp(&b.0));
    let mut by_chunk: Vec<((usize, usize), Vec<usize>)> = Vec::new();
    for (chunk, i) in in_chunks {
        match by_chunk.last_mut() {
            Some((c, group)) if *c == chunk => group.push(i),
            _ => by_chunk.push((chunk, vec![i])),
        }
    }
    let mut out = Vec::new();
    for ((start, end), group) in by_chunk {
        let all: Vec<&dyn Candidate> = group
            .iter()
            .filter_map(|&i| candidates.get(i).copied())
            .collect();
        if chunk_ok(text, scan, start, end, &all) {
            out.extend(group);
            continue;
        }
        let mut accepted: Vec<&dyn Candidate> = Vec::new();
        for i in group {
            let Some(&c) = candidates.get(i) else {
                continue;
            };
            accepted.push(c);
            if chunk_ok(text, scan, start, end, &accepted) {
                out.push(i);
            } else {
                accepted.pop();
            }
        }
    }
    crate::sort::sort_by(&mut out, Ord::cmp);
    out
}

/// Whether the chunk `start..end` with `cands` applied re-reads as intended.
fn chunk_ok(text: &str, scan: &Scan, start: usize, end: usize, cands: &[&dyn Candidate]) -> bool {
    let Some(chunk) = text.get(start..end) else {
        return false;
    };
    let mut local = Vec::new();
    for c in cands {
        for e in c.edits() {
            if e.start < start || e.end > end {
                return false;
            }
            local.push(Edit {
                start: e.start - start,
                end: e.end - start,
                text: e.text.clone(),
            });
        }
    }
    let Some(edited) = apply_edits(chunk, &local) else {
        return false;
    };
    let mut expected: Vec<J> = Vec::new();
    // The documents of one chunk are adjacent: start from any candidate's document.
    let first = cands.iter().map(|c| c.doc()).min().unwrap_or(0);
    let mut d0 = first;
    while d0 > 0
        && scan
            .docs
            .get(d0 - 1)
            .is_some_and(|x| x.range.start == start && x.range.end == end)
    {
        d0 -= 1;
    }
    for (d, doc) in scan.docs.iter().enumerate().skip(d0) {
        if doc.range.start != start || doc.range.end != end {
            break;
        }
        let Some(root) = &doc.root else { continue };
        let Ok(mut json) = root.to_json() else {
            return false;
        };
        for c in cands.iter().filter(|c| c.doc() == d) {
            if !apply_changes(&mut json, c.changes()) {
                return false;
            }
        }
        expected.push(json);
    }
    let mut got: Vec<J> = Vec::new();
    for doc in documents(&edited, &Limits::default()) {
        if !doc.errors.is_empty() {
            return false;
        }
        if let Some(root) = doc.root {
            match root.to_json() {
                Ok(j) => got.push(j),
                Err(_) => return false,
            }
        }
    }
    got == expected
}
