/// Every child the replication has known (in care at the start or entered since), their
/// sibling groups, and the lists the event handlers work through: who is in care, which groups
/// wait for a family-finding meeting, who asked for a planned move, who is ready to step down.
///
/// Children and groups are never removed (a child who leaves stays, in state `.left`), so an
/// index names the same child for the whole run.
///
/// ## Invariants
/// - The groups tile the children in order: group 0 starts at child 0, each group starts where
///   the one before ends, the last ends at the last child, and each member's `group` is the
///   group's index.
/// - Every child in care (waiting or placed) is listed in `inCare` exactly once, in index order;
///   children who left may stay listed until the list is compacted at the month's end.
/// - `siblingGroups` lists every group of two or more children with a member in care.
/// - `waitingGroups`, `moveRequests` and `stepDownList` hold valid indices (entries that no
///   longer apply are skipped, and dropped when a walk of the list reaches them).
/// - `snapshotRows` has one row per child, equal to `SnapshotRow(child)`: children are added
///   with `append` and every change of a field the row copies is followed by `refreshRow`.
///
/// `violations()` checks them (tests run it after every event).
struct ChildRegister {
    /// Every child, by index. Add with `append`, and call `refreshRow` after changing a field
    /// that `SnapshotRow` copies.
    var children = ContiguousArray<SimChild>()
    /// The facts of each child the monthly snapshot reads, at the child's index: a quarter of
    /// the child's size, so the snapshot's pass over those in care reads a quarter of the memory.
    private(set) var snapshotRows = ContiguousArray<SnapshotRow>()
    var groups = ContiguousArray<SimGroup>()
    /// Children in care (waiting or placed), in index order; compacted at each month end.
    var inCare: [Int32] = []
    /// The groups of two or more children, while any of them is in care (`Replication.record`
    /// drops a group once every member has left).
    var siblingGroups: [Int32] = []
    /// Groups with children waiting for the next family-finding meeting.
    var waitingGroups: [Int32] = []
    /// Children who asked to move from a poor-fit placement, each for the placement it asked in.
    var moveRequests = RequestList()
    /// Children ready to step down (residential to foster care, agency to in-house), each for
    /// the placement it was found ready in.
    var stepDownList = RequestList()

    /// Adds a child (its index is the current count) and its snapshot row.
    /// - Complexity: O(1) amortised.
    mutating func append(_ child: SimChild) {
        children.append(child)
        snapshotRows.append(SnapshotRow(child))
    }

    /// Copies child `c`'s snapshot facts into their row again (after a placement, a move or leaving care).
    /// - Complexity: O(1).
    @inline(__always)
    mutating func refreshRow(_ c: Int) {
        snapshotRows[c] = SnapshotRow(children[c])
    }

    /// Takes over `used`'s arrays, emptied with their capacity kept (see
    /// `Replication.reuseStorage(of:)`); this register must be empty.
    /// - Complexity: O(1).
    mutating func reuseStorage(of used: inout ChildRegister) {
        precondition(children.isEmpty && groups.isEmpty && inCare.isEmpty, "storage is reused by an empty register only")
        let wanted = children.capacity
        swap(&children, &used.children)
        swap(&snapshotRows, &used.snapshotRows)
        swap(&groups, &used.groups)
        swap(&inCare, &used.inCare)
        swap(&siblingGroups, &used.siblingGroups)
        swap(&waitingGroups, &used.waitingGroups)
        children.removeAll(keepingCapacity: true)
        snapshotRows.removeAll(keepingCapacity: true)
        groups.removeAll(keepingCapacity: true)
        inCare.removeAll(keepingCapacity: true)
        siblingGroups.removeAll(keepingCapacity: true)
        waitingGroups.removeAll(keepingCapacity: true)
        reserveCapacity(wanted)
    }

    /// Makes room for `count` children without reallocating.
    mutating func reserveCapacity(_ count: Int) {
        children.reserveCapacity(count)
        snapshotRows.reserveCapacity(count)
    }

    /// Every way the register breaks its invariants (empty when it holds them).
    /// - Complexity: O(children + lists).
    func violations() -> [String] {
        var problems: [String] = []
        var next = 0
        for (g, group) in groups.enumerated() {
            if Int(group.first) != next { problems.append("group \(g) starts at child \(group.first), expected \(next)") }
            let end = Int(group.first) + Int(group.count)
            if end > children.count { problems.append("group \(g) ends at \(end) past \(children.count) children") }
            for c in Int(group.first)..<min(end, children.count) where children[c].group != Int32(g) {
                problems.append("child \(c) of group \(g) names group \(children[c].group)")
            }
            next = end
        }
        if next != children.count { problems.append("groups cover \(next) of \(children.count) children") }
        var listed = [UInt8](repeating: 0, count: children.count)
        var previous = -1
        for c32 in inCare {
            let c = Int(c32)
            guard c >= 0, c < children.count else {
                problems.append("in-care list names child \(c), of \(children.count)")
                continue
            }
            if c <= previous { problems.append("in-care list out of order at child \(c)") }
            previous = c
            listed[c] &+= 1
        }
        for (c, child) in children.enumerated() where child.state != .left && listed[c] != 1 {
            problems.append("child \(c) in care is listed \(listed[c]) times in the in-care list")
        }
        if snapshotRows.count != children.count {
            problems.append("\(snapshotRows.count) snapshot rows for \(children.count) children")
        }
        for (c, row) in zip(snapshotRows.indices, snapshotRows) where row != SnapshotRow(children[c]) {
            problems.append("child \(c)'s snapshot row \(row) differs from the child's \(SnapshotRow(children[c]))")
        }
        for g in waitingGroups where g < 0 || Int(g) >= groups.count { problems.append("waiting group \(g) does not exist") }
        let listedGroups = Set(siblingGroups)
        for (g, group) in groups.enumerated() where group.count >= 2 && !listedGroups.contains(Int32(g)) {
            let inCare = (Int(group.first) ..< min(Int(group.first + group.count), children.count)).contains { children[$0].state != .left }
            if inCare { problems.append("group \(g) of \(group.count) children, some in care, is not listed with the sibling groups") }
        }
        for request in moveRequests.live + stepDownList.live where request.child < 0 || Int(request.child) >= children.count {
            problems.append("move or step-down request for child \(request.child), of \(children.count)")
        }
        return problems
    }
}

/// The facts of one child that the monthly snapshot (`Replication.record`) reads, copied from
/// the child (32 bytes against the child's 128).
struct SnapshotRow: Equatable {
    var birthDay: Double
    /// Start day of the second most recent placement (-inf when none).
    var secondStart: Double
    var group: Int32
    var unit: Int32
    var state: ChildState
    var over20: Bool
    /// Whether the child has started three placements or more (the third most recent start is known).
    var thirdStarted: Bool

    init(_ child: SimChild) {
        birthDay = child.birthDay
        secondStart = child.recentStarts.1
        group = child.group
        unit = child.unit
        state = child.state
        over20 = child.over20
        thirdStarted = child.recentStarts.2 > -.infinity
    }
}
