/// Children's requests of one kind (planned moves, step-downs) in the order they were made,
/// each for the placement it was made in; a family-finding meeting walks them from the front.
///
/// ## Design
/// An entry applies only while its child is in the placement numbered `stamp`
/// (`SimChild.placementStamp`), so an entry that no longer applies never applies again, and a
/// walk may stop once its meeting has nothing left to try: the entries it did not read stay as
/// they are, and one that no longer applies is dropped when a later walk reaches it. The live
/// entries are `entries[start...]`. A walk reads from `start`, writing the entries it keeps
/// back from `start` on; `endWalk` then moves those kept entries up against the unread ones
/// and moves `start` past the gap, so a meeting costs the entries it reads, not the list's
/// length. The dead front of the array is dropped once it is most of it (amortised O(1)).
struct RequestList {
    /// A child's request, made in their placement numbered `stamp`.
    struct Entry: Equatable {
        var child: Int32
        var stamp: UInt32
    }

    private(set) var entries: [Entry] = []
    /// The first live entry.
    private(set) var start = 0

    var isEmpty: Bool { start == entries.count }
    /// The number of live entries.
    var count: Int { entries.count - start }
    /// The live entries, in order.
    var live: ArraySlice<Entry> { entries[start...] }
    /// The positions of the live entries, for a walk.
    var positions: Range<Int> { start ..< entries.count }

    subscript(position: Int) -> Entry {
        get { entries[position] }
        set { entries[position] = newValue }
    }

    /// Adds a request at the end.
    /// - Complexity: O(1) amortised.
    mutating func append(child: Int, stamp: UInt32) {
        entries.append(Entry(child: Int32(child), stamp: stamp))
    }

    /// Ends a walk that began at `start` with the live entries ending at `end`: it read the
    /// entries before position `read` and wrote those it keeps, in order, from `start` up to
    /// `kept`. Entries appended during the walk (at `end` or later) are dropped.
    /// - Complexity: O(read - start) amortised.
    mutating func endWalk(read: Int, kept: Int, end: Int) {
        let dropped = read - kept
        if dropped > 0 {
            var i = kept
            while i > start {
                i -= 1
                entries[i + dropped] = entries[i]
            }
            start += dropped
        }
        entries.removeSubrange(end...)
        if start >= 64, start * 2 >= entries.count {
            entries.removeSubrange(..<start)
            start = 0
        }
    }
}
