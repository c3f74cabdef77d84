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
/// - `waitingGroups`, `moveRequests` and `stepDownList` hold valid indices (entries that no
///   longer apply are skipped and dropped when the lists are next walked).
///
/// `violations()` checks them (tests run it after every event).
struct ChildRegister {
    var children = ContiguousArray<SimChild>()
    var groups = ContiguousArray<SimGroup>()
    /// Children in care (waiting or placed), in index order; compacted at each month end.
    var inCare: [Int32] = []
    /// Groups with children waiting for the next family-finding meeting.
    var waitingGroups: [Int32] = []
    /// Children who asked to move from a poor-fit placement.
    var moveRequests: [Int32] = []
    /// Children ready to step down (residential to foster care, agency to in-house).
    var stepDownList: [Int32] = []

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
        for g in waitingGroups where g < 0 || Int(g) >= groups.count { problems.append("waiting group \(g) does not exist") }
        for c in moveRequests + stepDownList where c < 0 || Int(c) >= children.count {
            problems.append("move or step-down request for child \(c), of \(children.count)")
        }
        return problems
    }
}
