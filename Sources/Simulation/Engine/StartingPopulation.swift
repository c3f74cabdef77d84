import CareModel

/// The state a projection starts from: districts, children in care now and in-house households.
///
/// Built from the synthetic county (or, later, from a council's own snapshot). Read-only and
/// read by every replication (each worker thread after the first reads its own deep copy,
/// `ownedCopy`).
public struct StartingPopulation: Sendable {
    /// A locality: where family homes and carers are.
    package struct District: Sendable, Equatable {
        package var name: String
        package var centre: Location
        /// Relative share of entering children whose family home is here.
        package var childWeight: Double
        /// Relative share of new carers who live here.
        package var carerWeight: Double
        package init(name: String, centre: Location, childWeight: Double, carerWeight: Double) {
            self.name = name
            self.centre = centre
            self.childWeight = childWeight
            self.carerWeight = carerWeight
        }
    }

    /// A child in care at the start.
    package struct ChildInCare: Sendable, Equatable {
        package var age: Int
        package var placement: PlacementType
        /// Index into `households` for a child with in-house carers.
        package var household: Int?
        package var monthsInCare: Int
        package var home: Location
        package var district: Int
        package var needs: Needs
        /// Children sharing a sibling key are brothers and sisters.
        package var siblingKey: Int?
        /// Straight-line miles from home to the placement, when known.
        package var distanceMiles: Double?
        /// Whether the child lives with all their brothers and sisters (the same `siblingKey`)
        /// in one placement; they then share a placement unit and move together.
        package var livesWithSiblings: Bool
        package init(age: Int, placement: PlacementType, household: Int? = nil, monthsInCare: Int, home: Location,
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

    package var districts: [District]
    package var children: [ChildInCare]
    /// In-house fostering households (agency carers are a market, not modelled one by one).
    package var households: [Household]

    /// How a starting child who is neither placed for adoption nor placed with parents leaves
    /// when the stay drawn for them ends within the adoption or home pathway's lead time.
    package enum PathwayStart: Sendable, Equatable {
        /// They leave from where they are (no move first): for a snapshot built from published
        /// counts, whose exits must follow the published rates from day 0.
        case leaveFromPlacement
        /// Such draws are rejected (the exact conditional given "has not started the pathway"):
        /// for children taken from a return, whose placements show who has started one.
        case notYetStarted
    }

    /// See `PathwayStart`; a synthetic county leaves from its placements.
    package var pathwayStart: PathwayStart = .leaveFromPlacement

    package init(districts: [District], children: [ChildInCare], households: [Household]) {
        self.districts = districts
        self.children = children
        self.households = households
    }

    /// One district at `centre`, no children and no households: the empty system.
    package static func empty(centre: Location = Location(latitude: 51.86, longitude: -2.24)) -> StartingPopulation {
        StartingPopulation(
            districts: [District(name: "county", centre: centre, childWeight: 1, carerWeight: 1)],
            children: [], households: [])
    }
}
