/// The answer of an assignment solver.
package struct AssignmentResult: Sendable, Equatable {
    /// For each row, its column, or -1 when the row is left unassigned.
    package var rowToColumn: [Int]
    /// The sum of the costs of the assigned entries.
    package var totalCost: Double

    package init(rowToColumn: [Int], totalCost: Double) {
        self.rowToColumn = rowToColumn
        self.totalCost = totalCost
    }

    /// How many rows are assigned.
    package var assignedCount: Int { rowToColumn.reduce(0) { $0 + ($1 >= 0 ? 1 : 0) } }
}
