import CareModel

/// How children come into care: Poisson arrivals of sibling groups by DfE age band.
public struct EntrySettings: Codable, Sendable, Equatable {
    /// Switch the process off (no new entries) to study the existing population alone.
    public var enabled = true
    /// Children entering care a year, by age band at entry (before trend and seasonality).
    /// Default: 294 a year (2023/24), split by the national mix of ages at entry.
    public var perYearByAgeBand = ByAgeBand<Double>(50, 40, 40, 76, 88)
    /// Growth of the entry rate a year (0.05 = +5%/yr, compounding).
    public var annualTrend = 0.0
    /// Twelve multipliers, January to December (normalised to average 1).
    public var seasonality: [Double] = [1.05, 1.0, 1.05, 1.0, 0.95, 0.95, 1.0, 0.9, 1.05, 1.05, 1.0, 1.0]
    /// Probabilities of a group of 1, 2, 3, ... brothers and sisters entering together.
    public var siblingGroupSizes: [Double] = [0.70, 0.18, 0.08, 0.04]
    /// Siblings' ages differ from the first child's by up to this many years.
    public var siblingAgeGapYears = 3
    public var needs = NeedRates()
    /// How urgently a home is needed.
    public var urgency = UrgencyMix()
    /// What a planned request asks for (parent and child only for babies).
    public var plannedRequests = RequestMix()
    /// The approval an emergency or same-day request needs (`emergency` or `short_term`).
    public var emergencyRequest: PlacementRequest = .shortTerm
    /// Weights of the districts children's family homes are in; empty = the county's own.
    public var districtWeights: [String: Double] = [:]
    /// Family homes are scattered up to this far from their district's centre.
    public var homeScatterMiles = 6.0
    /// Weights of single years of age at entry, 0-17 (empty = the built-in shapes within each
    /// band). Within an age band the year is drawn by these weights, then uniform within it;
    /// brothers and sisters are then drawn within the lead child's band (not `sibling_age_gap_years`
    /// apart), so every band's entries keep the rate given.
    public var ageAtEntryWeights: [Double] = []

    public init() {}

    /// The expected number of children in a sibling group.
    public var meanGroupSize: Double {
        let total = siblingGroupSizes.reduce(0, +)
        guard total > 0 else { return 1 }
        return siblingGroupSizes.enumerated().reduce(0) { $0 + Double($1.offset + 1) * $1.element } / total
    }

    /// Read and written by `ScenarioSettings.entries`, the one declaration of these settings.
    public init(from decoder: any Decoder) throws { self = try ScenarioSettings.entries.decode(from: decoder) }
    public func encode(to encoder: any Encoder) throws { try ScenarioSettings.entries.encoded(self).encode(to: encoder) }
}

/// The chance that an entering child has each need.
public struct NeedRates: Codable, Sendable, Equatable {
    public var disability = 0.08
    public var complex = 0.10
    public var trauma = 0.35
    /// Among children aged 16 or 17 at entry (UASC are mostly older teenagers).
    public var uasc16Plus = 0.30
    /// Among children aged 10 or more at entry.
    public var exploitationRisk10Plus = 0.12
    /// Must be the only child in the home.
    public var solo = 0.04

    public init() {}

    /// Read and written by `ScenarioSettings.needs`, the one declaration of these settings.
    public init(from decoder: any Decoder) throws { self = try ScenarioSettings.needs.decode(from: decoder) }
    public func encode(to encoder: any Encoder) throws { try ScenarioSettings.needs.encoded(self).encode(to: encoder) }
}

/// Shares of requests by urgency (2021/22: 238 same day, 225 emergency, 273 planned).
public struct UrgencyMix: Codable, Sendable, Equatable {
    public var sameDay = 0.32
    public var emergency = 0.31
    public var planned = 0.37

    public init() {}

    /// The share placed at once (same day or emergency).
    public var urgentShare: Double {
        let total = sameDay + emergency + planned
        return total > 0 ? (sameDay + emergency) / total : 0
    }

    /// Read and written by `ScenarioSettings.urgency`, the one declaration of these settings.
    public init(from decoder: any Decoder) throws { self = try ScenarioSettings.urgency.decode(from: decoder) }
    public func encode(to encoder: any Encoder) throws { try ScenarioSettings.urgency.encoded(self).encode(to: encoder) }
}

/// Shares of planned requests by the kind of home asked for.
public struct RequestMix: Codable, Sendable, Equatable {
    public var shortTerm = 0.70
    public var longTerm = 0.20
    /// Asked only for babies; for older children it counts as short term.
    public var parentAndChild = 0.10

    public init() {}

    /// Read and written by `ScenarioSettings.plannedRequests`, the one declaration of these settings.
    public init(from decoder: any Decoder) throws { self = try ScenarioSettings.plannedRequests.decode(from: decoder) }
    public func encode(to encoder: any Encoder) throws { try ScenarioSettings.plannedRequests.encoded(self).encode(to: encoder) }
}
