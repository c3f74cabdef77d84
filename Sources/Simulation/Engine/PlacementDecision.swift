import CareModel
import Matching

/// What set off a placement decision (the `reason` column of a placement trace).
public enum PlacementReason: UInt8, Sendable, CaseIterable {
    /// A child or sibling group entered care (routed at once, or an emergency in-house search).
    case entry
    /// A family-finding meeting's joint plan placed a waiting child or group.
    case familyFinding
    /// A child or group waited longer than `planned_max_wait_days` for a planned home.
    case waitedTooLong
    /// A child in a poor-fit home moved to a good in-house home (a planned move).
    case plannedMove
    /// A step down: residential to foster care, or agency to in-house.
    case stepDown
    /// A placement broke down or ended unplanned: the child (with siblings living there) moved.
    case placementEnded
    /// Before leaving by adoption or to parents, the child moved to the adopters or home.
    case moveBeforeLeaving
    /// A 16- or 17-year-old moved on to supported accommodation.
    case supportedMove
    /// A child in external residential care moved into a free bed of the council's own homes.
    case ownBed

    /// The words written in the trace.
    public var text: String {
        switch self {
        case .entry: "entry"
        case .familyFinding: "family-finding meeting"
        case .waitedTooLong: "waited too long for a planned home"
        case .plannedMove: "planned move"
        case .stepDown: "step down"
        case .placementEnded: "placement ended"
        case .moveBeforeLeaving: "move before leaving care"
        case .supportedMove: "move to supported accommodation"
        case .ownBed: "move into own children's home"
        }
    }
}

/// One placement decision of a replication: which children went where, when and why.
///
/// Children placed together in one act (brothers and sisters) share one decision. Recorded
/// only when a replication is traced (`hearth simulate --trace`), never on the normal path.
public struct PlacementDecision: Sendable {
    /// The replication (0-based, as `--seed` streams are numbered).
    public var run: Int
    /// Days since the scenario's start date.
    public var day: Double
    /// The children placed, as the simulator numbers them (`c` + index in the trace).
    public var children: [Int]
    /// Their sibling group (`g` + index in the trace).
    public var group: Int
    /// The placement type.
    public var setting: PlacementType
    /// The in-house household, for in-house foster placements.
    public var household: HouseholdID?
    /// The matching engine's score (0-100) of an in-house placement, by `Matcher.evaluate`.
    public var score: Double?
    /// Miles from the first child's home to an in-house household.
    public var miles: Double?
    /// Hard rules the in-house placement fails by `Matcher.evaluate` (empty when it passes all).
    public var failedRules: [HardRule]
    /// What set the decision off.
    public var reason: PlacementReason
    /// The decision fell back to another setting because no in-house home was found.
    public var noInHouseHome: Bool

    /// For tests: the unit and household as the matching engine saw them just before an
    /// in-house placement (kept only when the replication keeps snapshots).
    var unit: SiblingGroup?
    var householdBefore: Household?
    /// The simulator's placement unit (children placed in one act share it).
    var placementUnit: Int32

    /// The reason as written in the trace: what set it off, and a fallback when there was one.
    public var reasonText: String {
        var text = reason.text
        if noInHouseHome { text += "; no in-house home found" }
        if !failedRules.isEmpty { text += "; breaks " + failedRules.map(\.rawValue).joined(separator: " ") }
        return text
    }
}
