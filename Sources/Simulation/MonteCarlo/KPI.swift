/// The monthly key performance indicators the simulator records, with their file names.
///
/// Stocks are measured at the end of the month (month 0 = the starting snapshot); flows
/// (`entries`, `exits`, `approvals`, ...) count what happened during the month.
public enum KPI: Int, CaseIterable, Sendable, Codable {
    case childrenInCare, entries, exits
    case inHouseFoster, ifaFoster, kinship, residential, supported, withParents, adoption, other
    case waiting
    case households, approvedPlaces, availablePlaces, vacancies, utilisationPct
    case inHouseSharePct, over20MilesPct, siblingsTogetherPct, moves3PlusPct
    case weeklyCost
    case approvals, resignations, householdsLeaving, stayingPut, moves
    case ageUnder1, age1To4, age5To9, age10To15, age16Plus

    /// The distance from home beyond which a placement counts as far (`over_20_miles_pct`, the
    /// DfE's "placed more than 20 miles from home"), in miles.
    public static let farFromHomeMiles = 20.0

    /// The snake_case name used in `summary.json` and `monthly.csv`.
    public var key: String {
        switch self {
        case .childrenInCare: "children_in_care"
        case .entries: "entries"
        case .exits: "exits"
        case .inHouseFoster: "in_house_foster"
        case .ifaFoster: "ifa_foster"
        case .kinship: "kinship"
        case .residential: "residential"
        case .supported: "supported"
        case .withParents: "with_parents"
        case .adoption: "adoption"
        case .other: "other"
        case .waiting: "waiting"
        case .households: "households"
        case .approvedPlaces: "approved_places"
        case .availablePlaces: "available_places"
        case .vacancies: "vacancies"
        case .utilisationPct: "utilisation_pct"
        case .inHouseSharePct: "in_house_share_pct"
        case .over20MilesPct: "over_20_miles_pct"
        case .siblingsTogetherPct: "siblings_together_pct"
        case .moves3PlusPct: "moves_3plus_pct"
        case .weeklyCost: "weekly_cost"
        case .approvals: "approvals"
        case .resignations: "resignations"
        case .householdsLeaving: "households_leaving"
        case .stayingPut: "staying_put"
        case .moves: "moves"
        case .ageUnder1: "age_under_1"
        case .age1To4: "age_1_4"
        case .age5To9: "age_5_9"
        case .age10To15: "age_10_15"
        case .age16Plus: "age_16_plus"
        }
    }

    /// A short label for tables and charts.
    public var label: String {
        switch self {
        case .childrenInCare: "Children in care"
        case .entries: "Entries (month)"
        case .exits: "Exits (month)"
        case .inHouseFoster: "In-house foster"
        case .ifaFoster: "IFA foster"
        case .kinship: "Relatives & friends"
        case .residential: "Residential"
        case .supported: "Supported 16+"
        case .withParents: "Placed with parents"
        case .adoption: "Placed for adoption"
        case .other: "Other"
        case .waiting: "Waiting for a home"
        case .households: "In-house households"
        case .approvedPlaces: "Approved places"
        case .availablePlaces: "Available places"
        case .vacancies: "Vacancies"
        case .utilisationPct: "Utilisation %"
        case .inHouseSharePct: "In-house share of fostering %"
        case .over20MilesPct: "Over 20 miles %"
        case .siblingsTogetherPct: "Siblings together %"
        case .moves3PlusPct: "3+ placements in 12 months %"
        case .weeklyCost: "Weekly cost £"
        case .approvals: "Approvals (month)"
        case .resignations: "Resignations (month)"
        case .householdsLeaving: "Households leaving (month)"
        case .stayingPut: "Staying put"
        case .moves: "Moves (month)"
        case .ageUnder1: "Age under 1"
        case .age1To4: "Age 1-4"
        case .age5To9: "Age 5-9"
        case .age10To15: "Age 10-15"
        case .age16Plus: "Age 16+"
        }
    }

    /// Whether the KPI counts events during a month (summed for horizon totals).
    public var isFlow: Bool {
        switch self {
        case .entries, .exits, .approvals, .resignations, .householdsLeaving, .moves: true
        default: false
        }
    }

    /// The KPI for children currently in placements of `type`.
    public static func placement(_ type: PlacementType) -> KPI {
        switch type {
        case .inHouseFoster: .inHouseFoster
        case .ifaFoster: .ifaFoster
        case .kinship: .kinship
        case .residential: .residential
        case .supported: .supported
        case .withParents: .withParents
        case .adoption: .adoption
        case .other: .other
        }
    }
}

import CareModel
