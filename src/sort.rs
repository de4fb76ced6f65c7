//! Stable sorting through one shared instance of the standard library's sort.
//!
//! Every `sort_by`/`sort_by_key` with its own closure compiles the whole sort again, about
//! 3.5 KB of WASM each (issue 7 measured eleven). Here the standard sort runs once, on
//! indices with a `dyn` comparison, and the result is applied as a permutation. The
//! lists sorted are short (findings, edits, keys), so the indirection costs nothing
//! measurable.

use std::cmp::Ordering;

/// Sorts `items` by `compare`, keeping equal items in their order (as `sort_by`).
pub(crate) fn sort_by<T>(items: &mut [T], compare: impl Fn(&T, &T) -> Ordering) {
    if items.len() < 2 {
        return;
    }
    let order = stable_order(items.len(), &|a, b| compare(&items[a], &items[b]));
    // Applied in place by swaps (no second copy of the items): `target[i]` is where the
    // item now at `i` belongs.
    let mut target = vec![0; order.len()];
    for (to, &from) in order.iter().enumerate() {
        target[from] = to;
    }
    for i in 0..items.len() {
        while target[i] != i {
            let j = target[i];
            items.swap(i, j);
            target.swap(i, j);
        }
    }
}

/// Sorts `items` by the key `key` gives (as `sort_by_key`, stable).
pub(crate) fn sort_by_key<T, K: Ord>(items: &mut [T], key: impl Fn(&T) -> K) {
    sort_by(items, |a, b| key(a).cmp(&key(b)));
}

/// The indices `0..len` in the order `compare` gives, ties in index order.
fn stable_order(len: usize, compare: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..len).collect();
    order.sort_by(|&a, &b| compare(a, b));
    order
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_every_permutation_of_five_like_the_standard_stable_sort() {
        // Keys with ties, so stability shows; each start order from the 120 permutations.
        let keys = [2u8, 0, 1, 0, 2];
        let mut start: Vec<usize> = (0..5).collect();
        for _ in 0..120 {
            let mut items: Vec<(u8, usize)> = start.iter().map(|&i| (keys[i], i)).collect();
            let mut want = items.clone();
            want.sort_by_key(|&(k, _)| k);
            sort_by_key(&mut items, |&(k, _)| k);
            assert_eq!(items, want, "from {start:?}");
            next_permutation(&mut start);
        }
    }

    fn next_permutation(v: &mut [usize]) {
        let Some(i) = (1..v.len()).rev().find(|&i| v[i - 1] < v[i]) else {
            v.reverse();
            return;
        };
        let j = (i..v.len()).rev().find(|&j| v[j] > v[i - 1]).unwrap_or(i);
        v.swap(i - 1, j);
        v[i..].reverse();
    }

    #[test]
    fn sorts_like_the_standard_stable_sort() {
        let mut items: Vec<(u8, usize)> = [3u8, 1, 2, 1, 3, 0, 2, 1]
            .iter()
            .enumerate()
            .map(|(i, &k)| (k, i))
            .collect();
        let mut want = items.clone();
        want.sort_by_key(|&(k, _)| k);
        sort_by_key(&mut items, |&(k, _)| k);
        assert_eq!(items, want);
        let mut empty: Vec<u8> = Vec::new();
        sort_by(&mut empty, u8::cmp);
        assert!(empty.is_empty());
    }
}
