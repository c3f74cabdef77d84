import CareModel

/// Where a household stands among the near misses of one child or sibling group; smaller comes first.
///
/// The order, used wherever near misses are listed:
/// 1. fewest hard rules failed;
/// 2. then the smallest shortfall in free places (children over the free places, 0 when the
///    places suffice), so that for a large group the homes nearest to having room come first;
/// 3. then fewest miles from home;
/// 4. then household id, so that ties always break the same way.
struct NearMissRank: Comparable {
    var failedRules: Int
    var placesShort: Int
    var miles: Double
    var household: HouseholdID
    /// The household's position in the list it was ranked from.
    var index: Int

    static func < (a: NearMissRank, b: NearMissRank) -> Bool {
        (a.failedRules, a.placesShort, a.miles, a.household) < (b.failedRules, b.placesShort, b.miles, b.household)
    }

    static func == (a: NearMissRank, b: NearMissRank) -> Bool {
        (a.failedRules, a.placesShort, a.miles, a.household) == (b.failedRules, b.placesShort, b.miles, b.household)
    }

    /// The best `top` ranks of `ranks`, best first.
    /// - Complexity: O(n x top) by insertion, O(n) for a small `top`.
    static func best<S: Sequence>(_ ranks: S, top: Int) -> [NearMissRank] where S.Element == NearMissRank {
        var kept: [NearMissRank] = []
        guard top > 0 else { return kept }
        for item in ranks {
            if kept.count == top, let last = kept.last, !(item < last) { continue }
            var at = kept.count
            while at > 0 && item < kept[at - 1] { at -= 1 }
            kept.insert(item, at: at)
            if kept.count > top { kept.removeLast() }
        }
        return kept
    }
}
