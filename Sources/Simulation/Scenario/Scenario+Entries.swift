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

    enum CodingKeys: String, CodingKey, CaseIterable {
        case enabled, comment
        case perYearByAgeBand = "per_year_by_age_band"
        case annualTrend = "annual_trend"
        case seasonality
        case siblingGroupSizes = "sibling_group_sizes"
        case siblingAgeGapYears = "sibling_age_gap_years"
        case needs, urgency
        case plannedRequests = "planned_requests"
        case emergencyRequest = "emergency_request"
        case districtWeights = "district_weights"
        case homeScatterMiles = "home_scatter_miles"
        case ageAtEntryWeights = "age_at_entry_weights"
    }

    public init(from decoder: any Decoder) throws {
        try rejectUnknownKeys(decoder, CodingKeys.self)
        let d = Self()
        let c = try decoder.container(keyedBy: CodingKeys.self)
        enabled = try c.value(.enabled, or: d.enabled)
        perYearByAgeBand = try c.bands(.perYearByAgeBand, or: d.perYearByAgeBand)
        annualTrend = try c.value(.annualTrend, or: d.annualTrend)
        seasonality = try c.value(.seasonality, or: d.seasonality)
        siblingGroupSizes = try c.value(.siblingGroupSizes, or: d.siblingGroupSizes)
        siblingAgeGapYears = try c.value(.siblingAgeGapYears, or: d.siblingAgeGapYears)
        needs = try c.value(.needs, or: d.needs)
        urgency = try c.value(.urgency, or: d.urgency)
        plannedRequests = try c.value(.plannedRequests, or: d.plannedRequests)
        emergencyRequest = try c.value(.emergencyRequest, or: d.emergencyRequest)
        districtWeights = try c.value(.districtWeights, or: d.districtWeights)
        homeScatterMiles = try c.value(.homeScatterMiles, or: d.homeScatterMiles)
        ageAtEntryWeights = try c.value(.ageAtEntryWeights, or: d.ageAtEntryWeights)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(enabled, forKey: .enabled)
        try c.encode(perYearByAgeBand, forKey: .perYearByAgeBand)
        try c.encode(annualTrend, forKey: .annualTrend)
        try c.encode(seasonality, forKey: .seasonality)
        try c.encode(siblingGroupSizes, forKey: .siblingGroupSizes)
        try c.encode(siblingAgeGapYears, forKey: .siblingAgeGapYears)
        try c.encode(needs, forKey: .needs)
        try c.encode(urgency, forKey: .urgency)
        try c.encode(plannedRequests, forKey: .plannedRequests)
        try c.encode(emergencyRequest, forKey: .emergencyRequest)
        try c.encode(districtWeights, forKey: .districtWeights)
        try c.encode(homeScatterMiles, forKey: .homeScatterMiles)
        if !ageAtEntryWeights.isEmpty { try c.encode(ageAtEntryWeights, forKey: .ageAtEntryWeights) }
    }

    /// The expected number of children in a sibling group.
    public var meanGroupSize: Double {
        let total = siblingGroupSizes.reduce(0, +)
        guard total > 0 else { return 1 }
        return siblingGroupSizes.enumerated().reduce(0) { $0 + Double($1.offset + 1) * $1.element } / total
    }
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

    enum CodingKeys: String, CodingKey, CaseIterable {
        case disability, complex, trauma, solo, comment
        case uasc16Plus = "uasc_16_plus"
        case exploitationRisk10Plus = "exploitation_risk_10_plus"
    }

    public init(from decoder: any Decoder) throws {
        try rejectUnknownKeys(decoder, CodingKeys.self)
        let d = Self()
        let c = try decoder.container(keyedBy: CodingKeys.self)
        disability = try c.value(.disability, or: d.disability)
        complex = try c.value(.complex, or: d.complex)
        trauma = try c.value(.trauma, or: d.trauma)
        uasc16Plus = try c.value(.uasc16Plus, or: d.uasc16Plus)
        exploitationRisk10Plus = try c.value(.exploitationRisk10Plus, or: d.exploitationRisk10Plus)
        solo = try c.value(.solo, or: d.solo)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(disability, forKey: .disability)
        try c.encode(complex, forKey: .complex)
        try c.encode(trauma, forKey: .trauma)
        try c.encode(uasc16Plus, forKey: .uasc16Plus)
        try c.encode(exploitationRisk10Plus, forKey: .exploitationRisk10Plus)
        try c.encode(solo, forKey: .solo)
    }
}

/// Shares of requests by urgency (2021/22: 238 same day, 225 emergency, 273 planned).
public struct UrgencyMix: Codable, Sendable, Equatable {
    public var sameDay = 0.32
    public var emergency = 0.31
    public var planned = 0.37

    public init() {}

    enum CodingKeys: String, CodingKey, CaseIterable {
        case sameDay = "same_day"
        case emergency, planned, comment
    }

    public init(from decoder: any Decoder) throws {
        try rejectUnknownKeys(decoder, CodingKeys.self)
        let d = Self()
        let c = try decoder.container(keyedBy: CodingKeys.self)
        sameDay = try c.value(.sameDay, or: d.sameDay)
        emergency = try c.value(.emergency, or: d.emergency)
        planned = try c.value(.planned, or: d.planned)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(sameDay, forKey: .sameDay)
        try c.encode(emergency, forKey: .emergency)
        try c.encode(planned, forKey: .planned)
    }

    /// The share placed at once (same day or emergency).
    public var urgentShare: Double {
        let total = sameDay + emergency + planned
        return total > 0 ? (sameDay + emergency) / total : 0
    }
}

/// Shares of planned requests by the kind of home asked for.
public struct RequestMix: Codable, Sendable, Equatable {
    public var shortTerm = 0.70
    public var longTerm = 0.20
    /// Asked only for babies; for older children it counts as short term.
    public var parentAndChild = 0.10

    public init() {}

    enum CodingKeys: String, CodingKey, CaseIterable {
        case shortTerm = "short_term"
        case longTerm = "long_term"
        case parentAndChild = "parent_and_child"
        case comment
    }

    public init(from decoder: any Decoder) throws {
        try rejectUnknownKeys(decoder, CodingKeys.self)
        let d = Self()
        let c = try decoder.container(keyedBy: CodingKeys.self)
        shortTerm = try c.value(.shortTerm, or: d.shortTerm)
        longTerm = try c.value(.longTerm, or: d.longTerm)
        parentAndChild = try c.value(.parentAndChild, or: d.parentAndChild)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(shortTerm, forKey: .shortTerm)
        try c.encode(longTerm, forKey: .longTerm)
        try c.encode(parentAndChild, forKey: .parentAndChild)
    }
}
