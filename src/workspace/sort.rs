//! Every sort of the working copy goes through one instantiation of the standard unstable
//! sort, on `(i64, i64, i64)`: each instantiation costs the page's wasm about 3 KB, and
//! there were nine.

/// Sorts `triples` ascending, by all three members.
pub(super) fn sort_triples(triples: &mut [(i64, i64, i64)]) {
    triples.sort_unstable();
}

/// `items` in ascending order of `key`; items whose keys tie keep their order, as with a
/// stable sort.
pub(super) fn sorted_by<T>(items: Vec<T>, key: impl Fn(&T) -> (i64, i64)) -> Vec<T> {
    let mut keys: Vec<(i64, i64, i64)> = items
        .iter()
        .zip(0i64..)
        .map(|(item, at)| {
            let (a, b) = key(item);
            (a, b, at)
        })
        .collect();
    sort_triples(&mut keys);
    let mut slots: Vec<Option<T>> = items.into_iter().map(Some).collect();
    keys.iter()
        .filter_map(|(_, _, at)| slots[*at as usize].take())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorted_by_orders_by_key_and_keeps_ties_in_order() {
        let items = vec![
            (3, 'a'),
            (1, 'b'),
            (3, 'c'),
            (-7, 'd'),
            (1, 'e'),
            (i64::MAX, 'f'),
        ];
        let sorted = sorted_by(items.clone(), |(k, _)| (*k, 0));
        let mut stable = items;
        stable.sort_by_key(|(k, _)| *k);
        assert_eq!(sorted, stable);
        let by_second = sorted_by(vec![(1, 9), (2, 3), (0, 3)], |(a, b)| (*b, *a));
        assert_eq!(by_second, [(0, 3), (2, 3), (1, 9)]);
        assert!(sorted_by(Vec::<u8>::new(), |_| (0, 0)).is_empty());
    }
}
