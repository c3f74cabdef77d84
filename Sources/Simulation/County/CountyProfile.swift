import CareModel

/// The parameters of a synthetic county: who is in care, who needs a home, and who fosters.
///
/// Defaults reproduce the published March 2024 figures of one English county
/// (docs/sources.md); every field can be overridden from a scenario file,
/// and a field left out of the JSON keeps its default.
public struct CountyProfile: Sendable, Equatable {
    /// A locality: where children's families live and where carers live.
    public struct District: Sendable, Equatable {
        public var name: String
        public var latitude: Double
        public var longitude: Double
        /// Radius in miles within which homes are scattered around the centroid.
        public var radiusMiles: Double
        /// Share of children coming into care whose family lives here (weights; need not sum to 1).
        public var childShare: Double
        /// Share of in-house carers living here (weights).
        public var carerShare: Double

        public init(name: String, latitude: Double, longitude: Double, radiusMiles: Double, childShare: Double, carerShare: Double) {
            self.name = name
            self.latitude = latitude
            self.longitude = longitude
            self.radiusMiles = radiusMiles
            self.childShare = childShare
            self.carerShare = carerShare
        }

        public var centre: Location { Location(latitude: latitude, longitude: longitude) }
    }

    public var name: String
    public var districts: [District]
    /// Distance from the county's centre beyond which a home counts as out of county.
    public var countyRadiusMiles: Double

    // Children in care at the start.
    public var childrenInCare: Int
    /// Children in care by age band now, keyed by `AgeBand.key` (counts or weights).
    public var ageBandWeights: [String: Double]
    /// Children in care by placement type, keyed by `PlacementType.rawValue` (counts or weights).
    public var placementWeights: [String: Double]
    /// Children entering care by age band at entry, keyed by `AgeBand.key`.
    public var entryAgeBandWeights: [String: Double]
    public var maleShare: Double
    /// Share with each need, keyed by the children.csv token.
    public var needShares: [String: Double]
    /// Share of each SSDA903 ethnic code among children.
    public var ethnicityWeights: [String: Double]
    /// Share of children in each placement type living more than 20 miles from home.
    public var over20MilesShare: [String: Double]

    // In-house fostering households.
    public var inHouseHouseholds: Int
    public var inHousePlaces: Int
    /// Share of in-house households on hold (illness, allegation, rest).
    public var onHoldShare: Double
    /// Share of each approval among in-house households, keyed by token.
    public var approvalShares: [String: Double]
    /// Share of each skill among households, keyed by token.
    public var skillShares: [String: Double]
    /// Share of carers who have children of their own living at home.
    public var ownChildrenShare: Double
    public var inHouseWeeklyCost: Double

    // Independent fostering agency households near and beyond the border.
    public var ifaHouseholds: Int
    /// Free IFA places offered to the county at the start.
    public var ifaVacancies: Int
    /// IFA carers live between these distances from the county centre (miles).
    public var ifaMinMiles: Double
    public var ifaMaxMiles: Double
    /// When true, IFA carers live in and around the districts (up to `ifaMaxMiles` from a
    /// district centre, weighted like in-house carers) instead of in a ring around the county:
    /// the geography of a national or regional model.
    public var ifaAroundDistricts: Bool
    public var ifaWeeklyCost: Double

    // A family-finding meeting's referrals.
    public var referrals: Int
    /// Share of referrals that are brothers and sisters.
    public var siblingReferralShare: Double
    /// Weights of sibling group sizes 2, 3, 4, 5.
    public var siblingGroupSizeWeights: [Double]
    /// Share of each placement request among referrals, keyed by token.
    public var requestWeights: [String: Double]
    /// Mean days a referral has been waiting.
    public var meanDaysWaiting: Double

    // Brothers and sisters among the children already in care.
    /// Share of children in care who have a brother or sister in care with them in the snapshot.
    public var siblingShareInCare: Double = 0.42
    /// For sibling groups (in care) of 2, 3, 4 and 5, the share living apart from at least one
    /// brother or sister; the others live all together (the same carers or home).
    public var siblingsApartShareBySize: [Double] = [0.26, 0.43, 0.57, 0.64]

    /// Weights of the age ranges in-house carers are approved for, drawn in this order (agency
    /// carers keep `AgeRangeWeight.countyMix`).
    public var inHouseAgeRangeWeights: [AgeRangeWeight] = AgeRangeWeight.countyMix
}
