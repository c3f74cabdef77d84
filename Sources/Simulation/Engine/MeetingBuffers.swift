import Matching

/// The arrays a family-finding meeting fills (`Replication.planWaitingGroups`), kept from one
/// meeting to the next with their capacity, so that a meeting allocates only its units' member
/// lists. A meeting swaps them out of the replication, empties them, and swaps them back.
struct MeetingBuffers {
    /// Each waiting unit's children, and the group it belongs to.
    var units: [[Int]] = []
    var unitGroups: [Int32] = []
    /// The units planned (indices into `units`), their kernel rows, and every candidate of any of them, once.
    var planned: [Int] = []
    var rows: [UnitRow] = []
    var pool: [Int] = []
    /// Whether each unit was placed.
    var placed: [Bool] = []
    /// The households that may be feasible for one unit.
    var linked: [Int] = []

    /// Empties every array, keeping its capacity.
    /// - Complexity: O(units) (the member lists are released).
    mutating func removeAll() {
        units.removeAll(keepingCapacity: true)
        unitGroups.removeAll(keepingCapacity: true)
        planned.removeAll(keepingCapacity: true)
        rows.removeAll(keepingCapacity: true)
        pool.removeAll(keepingCapacity: true)
        placed.removeAll(keepingCapacity: true)
        linked.removeAll(keepingCapacity: true)
    }
}
