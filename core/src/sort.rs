//! One stable sort for the core's run-time code. The standard library's
//! sorts are generic, and the WebAssembly module carried a copy of them for
//! each kind of thing it sorted (52 KB in all); this one sorts the
//! positions of the items with a comparison behind a reference, so that
//! every sort shares one body and only the few lines that move the items
//! are made for each kind.

use std::cmp::Ordering;

/// Sorts the items by `compare`, keeping equal ones in their order.
pub fn sort_by<T>(items: &mut Vec<T>, compare: impl Fn(&T, &T) -> Ordering) {
    let order = {
        let items = &*items;
        positions(items.len(), &|a, b| compare(&items[a], &items[b]))
    };
    let mut taken: Vec<Option<T>> = items.drain(..).map(Some).collect();
    items.extend(
        order
            .into_iter()
            .map(|at| taken[at].take().expect("each position once")),
    );
}

/// Sorts the items in their own order.
pub fn sort<T: Ord>(items: &mut Vec<T>) {
    sort_by(items, T::cmp);
}

/// Sorts the items by a key, keeping those of equal keys in their order.
pub fn sort_by_key<T, K: Ord>(items: &mut Vec<T>, key: impl Fn(&T) -> K) {
    sort_by(items, |a, b| key(a).cmp(&key(b)));
}

/// The positions `0..len` ordered by `compare` (of two positions), equal
/// ones in their order: a merge sort, bottom up.
#[inline(never)]
fn positions(len: usize, compare: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..len).collect();
    let mut merged = vec![0; len];
    let mut width = 1;
    while width < len {
        let mut start = 0;
        while start < len {
            let middle = (start + width).min(len);
            let end = (start + 2 * width).min(len);
            let (mut left, mut right) = (start, middle);
            for slot in &mut merged[start..end] {
                // The left one first unless the right one is smaller:
                // equal items keep their order.
                let take_right = left == middle
                    || (right < end && compare(order[right], order[left]) == Ordering::Less);
                if take_right {
                    *slot = order[right];
                    right += 1;
                } else {
                    *slot = order[left];
                    left += 1;
                }
            }
            start = end;
        }
        std::mem::swap(&mut order, &mut merged);
        width *= 2;
    }
    order
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn it_sorts_as_the_standard_stable_sort_does(items in prop::collection::vec((0u8..8, any::<u16>()), 0..200)) {
            let mut ours = items.clone();
            let mut theirs = items;
            sort_by_key(&mut ours, |&(key, _)| key);
            theirs.sort_by_key(|&(key, _)| key);
            prop_assert_eq!(ours, theirs);
        }
    }

    #[test]
    fn it_moves_items_that_cannot_be_copied() {
        let mut words = vec![
            "b".to_string(),
            "a".to_string(),
            "c".to_string(),
            "a".to_string(),
        ];
        sort(&mut words);
        assert_eq!(words, ["a", "a", "b", "c"]);
    }
}
