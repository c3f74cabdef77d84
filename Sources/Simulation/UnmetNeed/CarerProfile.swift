import CareModel
import Matching

/// A kind of foster household the county could recruit: where it lives, the ages it is
/// approved for, its places, its one approval and its carers' skills.
public struct CarerProfile: Sendable, Hashable, Comparable {
    /// Index into the starting population's districts; the household is put at its centre.
    public var district: Int
    public var ageRange: ClosedRange<Int>
    public var places: Int
    public var approval: PlacementRequest
    public var skills: Skills

    public init(district: Int, ageRange: ClosedRange<Int>, places: Int, approval: PlacementRequest, skills: Skills) {
        self.district = district
        self.ageRange = ageRange
        self.places = places
        self.approval = approval
        self.skills = skills
    }

    /// The approved age ranges candidate profiles use: those foster carers are commonly approved
    /// for (under 5, primary, 5 and over, teenagers, any age).
    public static let approvedAgeRanges: [ClosedRange<Int>] = [0...4, 0...10, 5...17, 11...17, 0...17]

    /// The profile that fits the turned-away `decision` most narrowly: its district, the
    /// narrowest approved range holding every child's age, as many places as children, the
    /// request's approval and the skills the needs require under `policy`.
    public init(fitting decision: TurnedAwayDecision, policy: MatchPolicy) {
        let lo = Int(decision.minAge), hi = Int(decision.maxAge)
        let range = Self.approvedAgeRanges.filter { $0.contains(lo) && $0.contains(hi) }
            .min { ($0.count, $0.lowerBound) < ($1.count, $1.lowerBound) } ?? 0...max(17, hi)
        self.init(
            district: Int(decision.district), ageRange: range, places: Int(decision.size), approval: decision.request,
            skills: policy.requiredSkills(for: decision.needs))
    }

    /// The household of this profile, empty and available, at `location`.
    public func household(at location: Location) -> Household {
        Household(
            id: HouseholdID("profile"), provider: .inHouse, location: location, places: places, ageRange: ageRange,
            approvals: approval.requiredApproval, skills: skills)
    }

    public static func < (a: Self, b: Self) -> Bool {
        (a.district, a.ageRange.lowerBound, a.ageRange.upperBound, a.places, a.approval.rawValue, a.skills.rawValue)
            < (b.district, b.ageRange.lowerBound, b.ageRange.upperBound, b.places, b.approval.rawValue, b.skills.rawValue)
    }
}

extension TurnedAwayDecision {
    /// The matching kernel's row for the unit, as the simulator built it when it was turned
    /// away (the same constructor and facts; the wait, which only scores, is left at zero).
    package func unitRow(policy: MatchPolicy) -> UnitRow {
        UnitRow(
            size: Int(size), minAge: Int(minAge), maxAge: Int(maxAge), ageSum: Int(ageSum),
            oldestAtRisk: oldestAtRisk >= 0 ? Int(oldestAtRisk) : nil, request: request, daysWaiting: 0,
            home: KernelHome(home), skills: UnitSkills(needs: needs, oldestAge: Int(maxAge), policy: policy), policy: policy)
    }

    /// Whether one more household could have changed the decision: the reasons where every
    /// household with a vacancy failed a rule, or a fitting home went to other children. Not
    /// where in-house care was not looked for, nor where a nearer home was passed over.
    public var newHouseholdCouldHelp: Bool { reason.isHardRule || reason == .waitedPastPlannedWait || reason == .passedNotOffered }
}
