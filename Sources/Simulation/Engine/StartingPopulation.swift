import CareModel

/// The state a projection starts from: districts, children in care now and in-house households.
///
/// Built from the synthetic county (or, later, from a council's own snapshot). Read-only and
/// shared by every replication.
public struct StartingPopulation: Sendable {
    /// A locality: where family homes and carers are.
    public struct District: Sendable, Equatable {
        public var name: String
        public var centre: Location
        /// Relative share of entering children whose family home is here.
        public var childWeight: Double
        /// Relative share of new carers who live here.
        public var carerWeight: Double
        public init(name: String, centre: Location, childWeight: Double, carerWeight: Double) {
            self.name = name
            self.centre = centre
            self.childWeight = childWeight
            self.carerWeight = carerWeight
        }
    }

    /// A child in care at the start.
    public struct ChildInCare: Sendable, Equatable {
        public var age: Int
        public var placement: PlacementType
        /// Index into `households` for a child with in-house carers.
        public var household: Int?
        public var monthsInCare: Int
        public var home: Location
        public var district: Int
        public var needs: Needs
        /// Children sharing a sibling key are brothers and sisters.
        public var siblingKey: Int?
        /// Straight-line miles from home to the placement, when known.
        public var distanceMiles: Double?
        /// Whether the child lives with all their brothers and sisters (the same `siblingKey`)
        /// in one placement; they then share a placement unit and move together.
        public var livesWithSiblings: Bool
        public init(age: Int, placement: PlacementType, household: Int? = nil, monthsInCare: Int, home: Location,
                    district: Int, needs: Needs = [], siblingKey: Int? = nil, distanceMiles: Double? = nil,
                    livesWithSiblings: Bool = false) {
            self.age = age
            self.placement = placement
            self.household = household
            self.monthsInCare = monthsInCare
            self.home = home
            self.district = district
            self.needs = needs
            self.siblingKey = siblingKey
            self.distanceMiles = distanceMiles
            self.livesWithSiblings = livesWithSiblings
        }
    }

    public var districts: [District]
    public var children: [ChildInCare]
    /// In-house fostering households (agency carers are a market, not modelled one by one).
    public var households: [Household]

    /// How a starting child who is neither placed for adoption nor placed with parents leaves
    /// when the stay drawn for them ends within the adoption or home pathway's lead time.
    public enum PathwayStart: Sendable, Equatable {
        /// They leave from where they are (no move first): for a snapshot built from published
        /// counts, whose exits must follow the published rates from day 0.
        case leaveFromPlacement
        /// Such draws are rejected (the exact conditional given "has not started the pathway"):
        /// for children taken from a return, whose placements show who has started one.
        case notYetStarted
    }

    /// See `PathwayStart`; a synthetic county leaves from its placements.
    public var pathwayStart: PathwayStart = .leaveFromPlacement

    public init(districts: [District], children: [ChildInCare], households: [Household]) {
        self.districts = districts
        self.children = children
        self.households = households
    }

    /// One district at `centre`, no children and no households: the empty system.
    public static func empty(centre: Location = Location(latitude: 51.86, longitude: -2.24)) -> StartingPopulation {
        StartingPopulation(
            districts: [District(name: "county", centre: centre, childWeight: 1, carerWeight: 1)],
            children: [], households: [])
    }
}
