/// A decision to place a sibling group (or one child) with a household.
public struct Placement: Hashable, Sendable, Codable {
    public var children: [ChildID]
    public var household: HouseholdID
    /// The match score, 0-100.
    public var score: Double
    /// Straight-line miles from the (first) child's home to the household.
    public var distanceMiles: Double

    public init(children: [ChildID], household: HouseholdID, score: Double, distanceMiles: Double) {
        self.children = children
        self.household = household
        self.score = score
        self.distanceMiles = distanceMiles
    }
}
