import CareModel

/// A child already in care at the start of a projection.
public struct ChildInCare: Sendable, Hashable {
    /// The child's facts (the `placement` request is the plan: long term for most).
    public var child: Child
    public var ageAtEntry: Int
    /// Whole months since the child came into care.
    public var monthsInCare: Int
    public var placement: PlacementType
    /// The fostering household, for in-house and IFA foster placements.
    public var household: HouseholdID?
    /// Where the child lives now.
    public var placementLocation: Location
    /// For a child in a sibling group (`child.groupID`): whether they live with every brother and
    /// sister in care (same carers, home or placement).
    public var livesWithSiblings: Bool = false

    public init(child: Child, ageAtEntry: Int, monthsInCare: Int, placement: PlacementType, household: HouseholdID?, placementLocation: Location) {
        self.child = child
        self.ageAtEntry = ageAtEntry
        self.monthsInCare = monthsInCare
        self.placement = placement
        self.household = household
        self.placementLocation = placementLocation
    }

    /// Straight-line miles from the family home to where the child lives.
    public var distanceFromHomeMiles: Double { child.home.distanceMiles(to: placementLocation) }
}

/// A generated county: the children in care, the fostering households, and a meeting's referrals.
public struct SyntheticCounty: Sendable {
    public var profile: CountyProfile
    public var childrenInCare: [ChildInCare]
    /// In-house households first, then IFA households.
    public var households: [Household]
    /// Children needing a home now (a family-finding meeting's list).
    public var referrals: [Child]
}
