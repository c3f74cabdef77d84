/// The answer of an assignment solver.
public struct AssignmentResult: Sendable, Equatable {
    /// For each row, its column, or -1 when the row is left unassigned.
    public var rowToColumn: [Int]
    /// The sum of the costs of the assigned entries.
    public var totalCost: Double

    public init(rowToColumn: [Int], totalCost: Double) {
        self.rowToColumn = rowToColumn
        self.totalCost = totalCost
    }

    /// How many rows are assigned.
    public var assignedCount: Int { rowToColumn.reduce(0) { $0 + ($1 >= 0 ? 1 : 0) } }
}
