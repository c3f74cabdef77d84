/// What the current family-finding meeting has noted about each household: whether it is
/// listed among the meeting's candidates yet, and the last unit it was feasible for.
///
/// Notes are stamped with the meeting's number instead of being cleared, so starting a meeting
/// costs O(1) (plus growth when households were approved since the last one).
///
/// ## Invariants
/// - Every note carries a stamp no later than `stamp`; a note counts only when its stamp equals
///   `stamp` (notes from earlier meetings lapse when `begin` moves the stamp on).
/// - After `begin(households:)`, there is a note for every household.
struct MeetingMarks {
    /// One household's notes (valid when a stamp equals the meeting's `stamp`).
    struct Mark {
        var seenStamp: UInt32 = 0
        var ownerStamp: UInt32 = 0
        var owner = -1
    }

    private(set) var marks: [Mark] = []
    /// The current meeting's number (wrapping).
    private(set) var stamp: UInt32 = 0

    /// Starts a meeting over `households` households: earlier meetings' notes lapse.
    /// - Complexity: O(1) amortised (O(new households) when households were added).
    mutating func begin(households: Int) {
        stamp &+= 1
        if marks.count < households {
            marks.append(contentsOf: repeatElement(Mark(), count: households - marks.count))
        }
    }

    /// Notes that household `h` is feasible for unit `unit`; returns the unit of this meeting
    /// noted there before (the two compete for it), or -1 when there was none.
    @inline(__always)
    mutating func claim(_ h: Int, for unit: Int) -> Int {
        let previous = marks[h].ownerStamp == stamp ? marks[h].owner : -1
        marks[h].ownerStamp = stamp
        marks[h].owner = unit
        return previous
    }

    /// The last unit of this meeting household `h` was noted feasible for, or -1.
    @inline(__always)
    func owner(of h: Int) -> Int {
        marks[h].ownerStamp == stamp ? marks[h].owner : -1
    }

    /// Notes that household `h` has been listed; true the first time in this meeting.
    @inline(__always)
    mutating func firstListing(_ h: Int) -> Bool {
        guard marks[h].seenStamp != stamp else { return false }
        marks[h].seenStamp = stamp
        return true
    }

    /// Every way the notes break the invariants (empty when they hold).
    func violations() -> [String] {
        // Stamps wrap, so "no later than" is only checked until the first wrap.
        guard stamp > 0, stamp < UInt32.max / 2 else { return [] }
        var problems: [String] = []
        for (h, mark) in marks.enumerated() where mark.seenStamp > stamp || mark.ownerStamp > stamp {
            problems.append("household \(h) carries a meeting note stamped after meeting \(stamp)")
        }
        return problems
    }
}
