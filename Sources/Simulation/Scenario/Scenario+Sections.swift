import CareModel

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How a home is found: relatives and friends, in-house carers, IFA, residential, supported.
public struct FindingHomeSettings: Codable, Sendable, Equatable {
    /// Family-finding meetings a week, where planned requests are matched jointly.
    public var meetingsPerWeek: Double = 2
    /// Whether relatives and friends are looked for first.
    public var kinshipEnabled: Bool = true
    /// Chance that relatives or friends can take the child, by age band.
    public var kinshipProbability: ByAgeBand<Double> = ByAgeBand(0.22, 0.28, 0.28, 0.19, 0.075)
    /// Chance that relatives or friends live over 20 miles away.
    public var kinshipOver20MilesProbability: Double = 0.12
    /// Youngest age for supported (semi-independent) accommodation.
    public var supportedFromAge: Int = 16
    /// Share of entrants of that age without complex needs who go to supported accommodation.
    public var supportedProbability: Double = 0.7
    /// Share of entrants aged 10+ with complex needs who go straight to residential care.
    public var residentialForComplexProbability: Double = 0.9
    /// Share of other entrants aged 10+ who go straight to residential care.
    public var residentialProbability10Plus: Double = 0.45
    /// Share of emergency in-house placements that are bridging homes, followed by a planned move.
    public var emergencyMoveProbability: Double = 0.5
    /// Share of entrants placed in "other" settings (hospital, secure, custody).
    public var otherProbability: Double = 0.03
    /// A planned request waits this long for an in-house home before an agency is asked.
    public var plannedMaxWaitDays: Double = 14
    /// An emergency in-house placement scoring below this leads to a planned move.
    public var poorFitScore: Double = 50
    /// A child placed in a poor-fit or agency emergency home is put forward for a planned move after this many days.
    public var plannedMoveAfterDays: Double = 28
    /// A planned move is looked for this long, then the child stays.
    public var moveSearchDays: Double = 180
    /// Use the matching engine for in-house homes (off = first free place).
    public var matchingEnabled: Bool = true

    public init() {}

    enum CodingKeys: String, CodingKey, CaseIterable {
        case comment
        case meetingsPerWeek = "meetings_per_week"
        case kinshipEnabled = "kinship_enabled"
        case kinshipProbability = "kinship_probability"
        case kinshipOver20MilesProbability = "kinship_over_20_miles_probability"
        case supportedFromAge = "supported_from_age"
        case supportedProbability = "supported_probability"
        case residentialForComplexProbability = "residential_for_complex_probability"
        case residentialProbability10Plus = "residential_probability_10_plus"
        case emergencyMoveProbability = "emergency_move_probability"
        case otherProbability = "other_probability"
        case plannedMaxWaitDays = "planned_max_wait_days"
        case poorFitScore = "poor_fit_score"
        case plannedMoveAfterDays = "planned_move_after_days"
        case moveSearchDays = "move_search_days"
        case matchingEnabled = "matching_enabled"
    }

    public init(from decoder: any Decoder) throws {
        try rejectUnknownKeys(decoder, CodingKeys.self)
        let d = Self()
        let c = try decoder.container(keyedBy: CodingKeys.self)
        meetingsPerWeek = try c.value(.meetingsPerWeek, or: d.meetingsPerWeek)
        kinshipEnabled = try c.value(.kinshipEnabled, or: d.kinshipEnabled)
        kinshipProbability = try c.bands(.kinshipProbability, or: d.kinshipProbability)
        kinshipOver20MilesProbability = try c.value(.kinshipOver20MilesProbability, or: d.kinshipOver20MilesProbability)
        supportedFromAge = try c.value(.supportedFromAge, or: d.supportedFromAge)
        supportedProbability = try c.value(.supportedProbability, or: d.supportedProbability)
        residentialForComplexProbability = try c.value(.residentialForComplexProbability, or: d.residentialForComplexProbability)
        residentialProbability10Plus = try c.value(.residentialProbability10Plus, or: d.residentialProbability10Plus)
        emergencyMoveProbability = try c.value(.emergencyMoveProbability, or: d.emergencyMoveProbability)
        otherProbability = try c.value(.otherProbability, or: d.otherProbability)
        plannedMaxWaitDays = try c.value(.plannedMaxWaitDays, or: d.plannedMaxWaitDays)
        poorFitScore = try c.value(.poorFitScore, or: d.poorFitScore)
        plannedMoveAfterDays = try c.value(.plannedMoveAfterDays, or: d.plannedMoveAfterDays)
        moveSearchDays = try c.value(.moveSearchDays, or: d.moveSearchDays)
        matchingEnabled = try c.value(.matchingEnabled, or: d.matchingEnabled)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(meetingsPerWeek, forKey: .meetingsPerWeek)
        try c.encode(kinshipEnabled, forKey: .kinshipEnabled)
        try c.encode(kinshipProbability, forKey: .kinshipProbability)
        try c.encode(kinshipOver20MilesProbability, forKey: .kinshipOver20MilesProbability)
        try c.encode(supportedFromAge, forKey: .supportedFromAge)
        try c.encode(supportedProbability, forKey: .supportedProbability)
        try c.encode(residentialForComplexProbability, forKey: .residentialForComplexProbability)
        try c.encode(residentialProbability10Plus, forKey: .residentialProbability10Plus)
        try c.encode(emergencyMoveProbability, forKey: .emergencyMoveProbability)
        try c.encode(otherProbability, forKey: .otherProbability)
        try c.encode(plannedMaxWaitDays, forKey: .plannedMaxWaitDays)
        try c.encode(poorFitScore, forKey: .poorFitScore)
        try c.encode(plannedMoveAfterDays, forKey: .plannedMoveAfterDays)
        try c.encode(moveSearchDays, forKey: .moveSearchDays)
        try c.encode(matchingEnabled, forKey: .matchingEnabled)
    }
}

/// The independent fostering agency market: its own capacity, distances and cost.
public struct IFAMarketSettings: Codable, Sendable, Equatable {
    /// Whether agencies can be used.
    public var enabled: Bool = true
    /// Agency places the council can buy at once.
    public var capacity: Int = 230
    /// Chance that an agency home is over 20 miles from the family home.
    public var over20MilesProbability: Double = 0.45

    public init() {}

    enum CodingKeys: String, CodingKey, CaseIterable {
        case comment
        case enabled
        case capacity
        case over20MilesProbability = "over_20_miles_probability"
    }

    public init(from decoder: any Decoder) throws {
        try rejectUnknownKeys(decoder, CodingKeys.self)
        let d = Self()
        let c = try decoder.container(keyedBy: CodingKeys.self)
        enabled = try c.value(.enabled, or: d.enabled)
        capacity = try c.value(.capacity, or: d.capacity)
        over20MilesProbability = try c.value(.over20MilesProbability, or: d.over20MilesProbability)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(enabled, forKey: .enabled)
        try c.encode(capacity, forKey: .capacity)
        try c.encode(over20MilesProbability, forKey: .over20MilesProbability)
    }
}

/// Children's homes: the council's own beds and the external market (never full).
public struct ResidentialSettings: Codable, Sendable, Equatable {
    /// Beds in the council's own children's homes at the start.
    public var ownBeds: Int = 0
    /// Chance that an own home is over 20 miles from the family home.
    public var ownOver20MilesProbability: Double = 0.1
    /// Chance that an external home is over 20 miles away.
    public var externalOver20MilesProbability: Double = 0.7
    /// Move children from external homes into own beds when one frees.
    public var ownHomeStepDown: Bool = true

    public init() {}

    enum CodingKeys: String, CodingKey, CaseIterable {
        case comment
        case ownBeds = "own_beds"
        case ownOver20MilesProbability = "own_over_20_miles_probability"
        case externalOver20MilesProbability = "external_over_20_miles_probability"
        case ownHomeStepDown = "own_home_step_down"
    }

    public init(from decoder: any Decoder) throws {
        try rejectUnknownKeys(decoder, CodingKeys.self)
        let d = Self()
        let c = try decoder.container(keyedBy: CodingKeys.self)
        ownBeds = try c.value(.ownBeds, or: d.ownBeds)
        ownOver20MilesProbability = try c.value(.ownOver20MilesProbability, or: d.ownOver20MilesProbability)
        externalOver20MilesProbability = try c.value(.externalOver20MilesProbability, or: d.externalOver20MilesProbability)
        ownHomeStepDown = try c.value(.ownHomeStepDown, or: d.ownHomeStepDown)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(ownBeds, forKey: .ownBeds)
        try c.encode(ownOver20MilesProbability, forKey: .ownOver20MilesProbability)
        try c.encode(externalOver20MilesProbability, forKey: .externalOver20MilesProbability)
        try c.encode(ownHomeStepDown, forKey: .ownHomeStepDown)
    }
}

/// Supported and semi-independent accommodation for young people 16 and over.
public struct SupportedSettings: Codable, Sendable, Equatable {
    /// Whether supported accommodation is used.
    public var enabled: Bool = true
    /// Chance that it is over 20 miles from the family home.
    public var over20MilesProbability: Double = 0.25

    public init() {}

    enum CodingKeys: String, CodingKey, CaseIterable {
        case comment
        case enabled
        case over20MilesProbability = "over_20_miles_probability"
    }

    public init(from decoder: any Decoder) throws {
        try rejectUnknownKeys(decoder, CodingKeys.self)
        let d = Self()
        let c = try decoder.container(keyedBy: CodingKeys.self)
        enabled = try c.value(.enabled, or: d.enabled)
        over20MilesProbability = try c.value(.over20MilesProbability, or: d.over20MilesProbability)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(enabled, forKey: .enabled)
        try c.encode(over20MilesProbability, forKey: .over20MilesProbability)
    }
}

/// Where children go when they leave care before 18 (relative weights).
public struct ExitDestinations: Codable, Sendable, Equatable {
    /// Return to parents or family.
    public var home: Double = 0.6
    /// Adoption order.
    public var adoption: Double = 0.1
    /// Special guardianship (often the foster carers or relatives).
    public var specialGuardianship: Double = 0.2
    /// Other (child arrangements order, transfers, ...).
    public var other: Double = 0.1

    public init() {}

    enum CodingKeys: String, CodingKey, CaseIterable {
        case comment
        case home
        case adoption
        case specialGuardianship = "special_guardianship"
        case other
    }

    public init(from decoder: any Decoder) throws {
        try rejectUnknownKeys(decoder, CodingKeys.self)
        let d = Self()
        let c = try decoder.container(keyedBy: CodingKeys.self)
        home = try c.value(.home, or: d.home)
        adoption = try c.value(.adoption, or: d.adoption)
        specialGuardianship = try c.value(.specialGuardianship, or: d.specialGuardianship)
        other = try c.value(.other, or: d.other)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(home, forKey: .home)
        try c.encode(adoption, forKey: .adoption)
        try c.encode(specialGuardianship, forKey: .specialGuardianship)
        try c.encode(other, forKey: .other)
    }
}

/// How children leave care: time in care by age at entry, destinations, staying put.
public struct ExitSettings: Codable, Sendable, Equatable {
    /// Switch exits off (children stay until 18).
    public var enabled: Bool = true
    /// Mean time in care by age band at entry, before the 18th birthday cuts it short.
    public var meanYearsByAgeBand: ByAgeBand<Double> = ByAgeBand(2.2, 7.0, 24.0, 24.0, 10.0)
    /// Share of entrants whose stay is short (a mixture of a short and a long exponential stay).
    public var shortStayShare: ByAgeBand<Double> = ByAgeBand(0.3, 0.3, 0.3, 0.2, 0.15)
    /// Mean of the short stays; the long stays' mean keeps the overall mean.
    public var shortStayMeanYears: Double = 0.4
    /// Where children leave to, by age band at entry.
    public var destinations: ByAgeBand<ExitDestinations> = ExitSettings.defaultDestinations
    /// Children leaving by adoption live with the adopters this long first.
    public var placedForAdoptionMonths: Double = 18
    /// Share of children going home who are placed with parents first.
    public var placedWithParentsShare: Double = 0.6
    /// Share of children leaving by adoption who are placed for adoption first (1 = all).
    public var placedForAdoptionShare: Double = 1
    /// How long placement with parents lasts before discharge.
    public var placedWithParentsMonths: Double = 21
    /// Share of 18-year-olds in foster care who stay put with their carers.
    public var stayingPutProbability: Double = 0.45
    /// Mean years a staying-put young person keeps the carer's place.
    public var stayingPutYears: Double = 2.0
    /// Rate a year at which 16- and 17-year-olds in foster or residential care move to supported accommodation.
    public var moveToSupportedPerYear: Double = 0.35

    public init() {}

    enum CodingKeys: String, CodingKey, CaseIterable {
        case comment
        case enabled
        case meanYearsByAgeBand = "mean_years_by_age_band"
        case shortStayShare = "short_stay_share"
        case shortStayMeanYears = "short_stay_mean_years"
        case destinations
        case placedForAdoptionMonths = "placed_for_adoption_months"
        case placedWithParentsShare = "placed_with_parents_share"
        case placedForAdoptionShare = "placed_for_adoption_share"
        case placedWithParentsMonths = "placed_with_parents_months"
        case stayingPutProbability = "staying_put_probability"
        case stayingPutYears = "staying_put_years"
        case moveToSupportedPerYear = "move_to_supported_per_year"
    }

    public init(from decoder: any Decoder) throws {
        try rejectUnknownKeys(decoder, CodingKeys.self)
        let d = Self()
        let c = try decoder.container(keyedBy: CodingKeys.self)
        enabled = try c.value(.enabled, or: d.enabled)
        meanYearsByAgeBand = try c.bands(.meanYearsByAgeBand, or: d.meanYearsByAgeBand)
        shortStayShare = try c.bands(.shortStayShare, or: d.shortStayShare)
        shortStayMeanYears = try c.value(.shortStayMeanYears, or: d.shortStayMeanYears)
        destinations = try c.bands(.destinations, or: d.destinations)
        placedForAdoptionMonths = try c.value(.placedForAdoptionMonths, or: d.placedForAdoptionMonths)
        placedWithParentsShare = try c.value(.placedWithParentsShare, or: d.placedWithParentsShare)
        placedForAdoptionShare = try c.value(.placedForAdoptionShare, or: d.placedForAdoptionShare)
        placedWithParentsMonths = try c.value(.placedWithParentsMonths, or: d.placedWithParentsMonths)
        stayingPutProbability = try c.value(.stayingPutProbability, or: d.stayingPutProbability)
        stayingPutYears = try c.value(.stayingPutYears, or: d.stayingPutYears)
        moveToSupportedPerYear = try c.value(.moveToSupportedPerYear, or: d.moveToSupportedPerYear)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(enabled, forKey: .enabled)
        try c.encode(meanYearsByAgeBand, forKey: .meanYearsByAgeBand)
        try c.encode(shortStayShare, forKey: .shortStayShare)
        try c.encode(shortStayMeanYears, forKey: .shortStayMeanYears)
        try c.encode(destinations, forKey: .destinations)
        try c.encode(placedForAdoptionMonths, forKey: .placedForAdoptionMonths)
        try c.encode(placedWithParentsShare, forKey: .placedWithParentsShare)
        if placedForAdoptionShare != 1 { try c.encode(placedForAdoptionShare, forKey: .placedForAdoptionShare) }
        try c.encode(placedWithParentsMonths, forKey: .placedWithParentsMonths)
        try c.encode(stayingPutProbability, forKey: .stayingPutProbability)
        try c.encode(stayingPutYears, forKey: .stayingPutYears)
        try c.encode(moveToSupportedPerYear, forKey: .moveToSupportedPerYear)
    }
}

/// Moves to a better-fitting, less intensive or in-house home when one frees up.
public struct StepDownSettings: Codable, Sendable, Equatable {
    /// Switch step-down moves off.
    public var enabled: Bool = true
    /// Only after this long in the current home.
    public var afterMonths: Double = 6
    /// Share of children in residential care ready to step down to foster care.
    public var residentialShare: Double = 0.05
    /// Share of children with agency carers who would move to in-house carers.
    public var ifaShare: Double = 0.25
    /// At most this many step-down moves a meeting.
    public var maxPerMeeting: Int = 1
    /// Keep at least this many in-house vacancies for new entrants.
    public var reserveVacancies: Int = 6
    /// The in-house match must score at least this.
    public var minScore: Double = 60

    public init() {}

    enum CodingKeys: String, CodingKey, CaseIterable {
        case comment
        case enabled
        case afterMonths = "after_months"
        case residentialShare = "residential_share"
        case ifaShare = "ifa_share"
        case maxPerMeeting = "max_per_meeting"
        case reserveVacancies = "reserve_vacancies"
        case minScore = "min_score"
    }

    public init(from decoder: any Decoder) throws {
        try rejectUnknownKeys(decoder, CodingKeys.self)
        let d = Self()
        let c = try decoder.container(keyedBy: CodingKeys.self)
        enabled = try c.value(.enabled, or: d.enabled)
        afterMonths = try c.value(.afterMonths, or: d.afterMonths)
        residentialShare = try c.value(.residentialShare, or: d.residentialShare)
        ifaShare = try c.value(.ifaShare, or: d.ifaShare)
        maxPerMeeting = try c.value(.maxPerMeeting, or: d.maxPerMeeting)
        reserveVacancies = try c.value(.reserveVacancies, or: d.reserveVacancies)
        minScore = try c.value(.minScore, or: d.minScore)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(enabled, forKey: .enabled)
        try c.encode(afterMonths, forKey: .afterMonths)
        try c.encode(residentialShare, forKey: .residentialShare)
        try c.encode(ifaShare, forKey: .ifaShare)
        try c.encode(maxPerMeeting, forKey: .maxPerMeeting)
        try c.encode(reserveVacancies, forKey: .reserveVacancies)
        try c.encode(minScore, forKey: .minScore)
    }
}

/// Placement moves (breakdowns and planned moves), where they go, and step-down moves.
public struct MoveSettings: Codable, Sendable, Equatable {
    /// Switch breakdowns (the per-type move process) off.
    public var breakdownsEnabled: Bool = true
    /// Moves a child-year, by the placement type moved from (unplanned endings and, in a
    /// calibrated scenario, every observed move).
    public var breakdownsPerYear: ByPlacementType<Double> = ByPlacementType(inHouse: 0.18, ifa: 0.22, kinship: 0.08, residential: 0.15, supported: 0.25, withParents: 0.15, adoption: 0.03, other: 0.20)
    /// Where a move from each type goes: `destinations[from.index][to.index]` are weights
    /// (normalised when drawn). A type with no row (empty) keeps the original re-placement: an
    /// urgent search (in-house, then agency, then residential; supported for half of 16-17s).
    /// JSON: `{"in_house": {"kinship": 0.1, "in_house": 0.6, ...}, ...}`, missing types 0.
    public var destinations: [[Double]] = Array(repeating: [], count: PlacementType.allCases.count)
    /// Multipliers of the destination weights by the child's age band at the move:
    /// `destinationAgeFactors[band.rawValue][to.index]` (empty row = 1 for every type). A move
    /// from `f` by a child in band `b` goes to `t` with weight destinations[f][t] x factor[b][t]
    /// (a log-linear model without three-way interaction), so that, say, only 16-17s move on
    /// to supported accommodation. JSON: `{"16_plus": {"supported": 3.2, ...}, ...}`, missing 1.
    public var destinationAgeFactors: [[Double]] = Array(repeating: [], count: AgeBand.allCases.count)
    /// Shape k of the per-child gamma frailty (mean 1, variance 1/k) that multiplies every move
    /// rate of the child: small k concentrates moves on a few children. 0 = no frailty (every
    /// child has the same hazard). The county baseline's 0.5 (with the early hazard below) brings
    /// the share of children with 3+ placements in a year near the county's 12.3%.
    public var frailtyShape: Double = 0.5
    /// Months after a placement starts during which its move hazard is `earlyFactor` times
    /// higher (0 = a constant hazard). The later hazard is lowered so that the mean length of a
    /// placement, and so the long-run moves per child-year, stay at `breakdowns_per_year`.
    public var earlyMonths: Double = 3
    /// How much higher the hazard is in a placement's first `earlyMonths` (1 = not at all).
    public var earlyFactor: Double = 3
    /// Step-down moves.
    public var stepDown: StepDownSettings = StepDownSettings()

    public init() {}

    /// Days until a placement with move rate `perDay` ends, given a unit exponential draw `h`
    /// (the integrated hazard at which it ends) and the `elapsed` days it has already lasted:
    /// hazard perDay x F for the first E days, then perDay x G with
    /// G = e^(-x) / (1 - (1 - e^(-x)) / F), x = perDay F E, which keeps the mean length at
    /// 1 / perDay (so the renewal rate of moves is unchanged). With `elapsed` a > 0 the result is
    /// the residual length given survival to a: `H⁻¹(H(a) + h) - a` (a placement already past
    /// its first months is on the later hazard).
    @inlinable public func placementDays(unitDraw h: Double, perDay: Double, elapsed a: Double = 0) -> Double {
        guard earlyMonths > 0, earlyFactor > 1, perDay > 0 else { return h / perDay }
        let early = earlyMonths * 365.25 / 12
        let x = perDay * earlyFactor * early
        let survive = exp(-x)
        let late = survive / (1 - (1 - survive) / earlyFactor)
        let elapsed = max(0, a)
        let hazardSoFar = elapsed < early ? perDay * earlyFactor * elapsed : x + perDay * late * (elapsed - early)
        let target = hazardSoFar + h
        let end = target < x ? target / (perDay * earlyFactor) : early + (target - x) / (perDay * late)
        return end - elapsed
    }

    /// Whether moves from `type` go to a drawn destination type.
    @inlinable public func hasDestinations(_ type: PlacementType) -> Bool { !destinations[type.index].isEmpty }

    /// The county baseline's moves: these defaults plus one destination row, a young person in
    /// supported accommodation whose placement ends moves to another supported placement
    /// (semi-independent provision is for 16-17s; sending half of them through the foster
    /// search emptied supported accommodation, issue #4). `Scenario()` starts from this; a moves
    /// section read without `destinations` keeps the urgent re-placement for every type.
    public static let countyBaseline: MoveSettings = {
        var moves = MoveSettings()
        moves.destinations[PlacementType.supported.index] = PlacementType.allCases.map { $0 == .supported ? 1 : 0 }
        return moves
    }()

    /// The weight of a move from `from` to `to` by a child in `band`.
    @inlinable public func destinationWeight(from: PlacementType, to: Int, band: AgeBand) -> Double {
        let row = destinationAgeFactors[band.rawValue]
        return destinations[from.index][to] * (row.isEmpty ? 1 : row[to])
    }

    /// Draws the destination of a move from `from` by a child in `band` (falls back to the
    /// from-type weights alone when the age factors rule out every destination).
    /// - Complexity: O(placement types), no allocation.
    @inlinable public func drawDestination(from: PlacementType, band: AgeBand, using rng: inout some RandomNumberGenerator) -> PlacementType {
        let n = PlacementType.allCases.count
        var total = 0.0
        for t in 0..<n { total += destinationWeight(from: from, to: t, band: band) }
        guard total > 0 else { return PlacementType.at(Draw.weightedIndex(destinations[from.index], using: &rng)) }
        var target = rng.nextUnit() * total
        var last = 0
        for t in 0..<n {
            let w = destinationWeight(from: from, to: t, band: band)
            guard w > 0 else { continue }
            last = t
            target -= w
            if target < 0 { return PlacementType.at(t) }
        }
        return PlacementType.at(last)
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case comment
        case breakdownsEnabled = "breakdowns_enabled"
        case breakdownsPerYear = "breakdowns_per_year"
        case destinations
        case destinationAgeFactors = "destination_age_factors"
        case frailtyShape = "frailty_shape"
        case earlyMonths = "early_months"
        case earlyFactor = "early_factor"
        case stepDown = "step_down"
    }

    public init(from decoder: any Decoder) throws {
        try rejectUnknownKeys(decoder, CodingKeys.self)
        let d = Self()
        let c = try decoder.container(keyedBy: CodingKeys.self)
        breakdownsEnabled = try c.value(.breakdownsEnabled, or: d.breakdownsEnabled)
        breakdownsPerYear = try c.types(.breakdownsPerYear, or: d.breakdownsPerYear)
        if let map = try c.decodeIfPresent([String: [String: Double]].self, forKey: .destinations) {
            let path = c.codingPath + [CodingKeys.destinations]
            try ByPlacementType<Double>.rejectUnknown(map.keys, path)
            destinations = d.destinations
            for (from, row) in map {
                try ByPlacementType<Double>.rejectUnknown(row.keys, path + [AnyCodingKey(from)])
                let index = PlacementType(rawValue: from)!.index
                destinations[index] = PlacementType.allCases.map { row[$0.rawValue] ?? 0 }
            }
        }
        if let map = try c.decodeIfPresent([String: [String: Double]].self, forKey: .destinationAgeFactors) {
            let path = c.codingPath + [CodingKeys.destinationAgeFactors]
            try ByAgeBand<Double>.rejectUnknown(map.keys, path)
            destinationAgeFactors = d.destinationAgeFactors
            for band in AgeBand.allCases {
                guard let row = map[band.key] else { continue }
                try ByPlacementType<Double>.rejectUnknown(row.keys, path + [AnyCodingKey(band.key)])
                destinationAgeFactors[band.rawValue] = PlacementType.allCases.map { row[$0.rawValue] ?? 1 }
            }
        }
        frailtyShape = try c.value(.frailtyShape, or: d.frailtyShape)
        earlyMonths = try c.value(.earlyMonths, or: d.earlyMonths)
        earlyFactor = try c.value(.earlyFactor, or: d.earlyFactor)
        stepDown = try c.value(.stepDown, or: d.stepDown)
    }

    /// Encodes a table of placement-type values, `{row key: {type: value}}`, leaving out empty
    /// rows and values equal to `omitted` (the decoder's default); nothing when every row is empty.
    private static func encodeTable(_ rows: [[Double]], rowKeys: [String], omitting omitted: Double,
                                    in c: inout KeyedEncodingContainer<CodingKeys>, forKey key: CodingKeys) throws {
        guard rows.contains(where: { !$0.isEmpty }) else { return }
        var table = c.nestedContainer(keyedBy: AnyCodingKey.self, forKey: key)
        for (rowKey, row) in zip(rowKeys, rows) where !row.isEmpty {
            var cells = table.nestedContainer(keyedBy: AnyCodingKey.self, forKey: AnyCodingKey(rowKey))
            for type in PlacementType.allCases where row[type.index] != omitted {
                try cells.encode(row[type.index], forKey: AnyCodingKey(type.rawValue))
            }
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(breakdownsEnabled, forKey: .breakdownsEnabled)
        try c.encode(breakdownsPerYear, forKey: .breakdownsPerYear)
        try Self.encodeTable(destinations, rowKeys: PlacementType.allCases.map(\.rawValue), omitting: 0, in: &c, forKey: .destinations)
        try Self.encodeTable(destinationAgeFactors, rowKeys: AgeBand.allCases.map(\.key), omitting: 1, in: &c, forKey: .destinationAgeFactors)
        try c.encode(frailtyShape, forKey: .frailtyShape)
        try c.encode(earlyMonths, forKey: .earlyMonths)
        try c.encode(earlyFactor, forKey: .earlyFactor)
        try c.encode(stepDown, forKey: .stepDown)
    }
}

/// The recruitment funnel for new in-house fostering households.
public struct RecruitmentSettings: Codable, Sendable, Equatable {
    /// Switch recruitment off.
    public var enabled: Bool = true
    /// Enquiries a month.
    public var enquiriesPerMonth: Double = 36
    /// Share of enquiries that end in approval (6-9% locally).
    public var conversion: Double = 0.085
    /// Shortest time from enquiry to approval.
    public var assessmentMonthsMin: Double = 4
    /// Longest time from enquiry to approval.
    public var assessmentMonthsMax: Double = 8
    /// Chances of approval for 1, 2, 3, ... places.
    public var placesDistribution: [Double] = [0.45, 0.40, 0.15]
    /// Where new carers live (empty = where current carers live).
    public var districtWeights: [String: Double] = [:]

    public init() {}

    enum CodingKeys: String, CodingKey, CaseIterable {
        case comment
        case enabled
        case enquiriesPerMonth = "enquiries_per_month"
        case conversion
        case assessmentMonthsMin = "assessment_months_min"
        case assessmentMonthsMax = "assessment_months_max"
        case placesDistribution = "places_distribution"
        case districtWeights = "district_weights"
    }

    public init(from decoder: any Decoder) throws {
        try rejectUnknownKeys(decoder, CodingKeys.self)
        let d = Self()
        let c = try decoder.container(keyedBy: CodingKeys.self)
        enabled = try c.value(.enabled, or: d.enabled)
        enquiriesPerMonth = try c.value(.enquiriesPerMonth, or: d.enquiriesPerMonth)
        conversion = try c.value(.conversion, or: d.conversion)
        assessmentMonthsMin = try c.value(.assessmentMonthsMin, or: d.assessmentMonthsMin)
        assessmentMonthsMax = try c.value(.assessmentMonthsMax, or: d.assessmentMonthsMax)
        placesDistribution = try c.value(.placesDistribution, or: d.placesDistribution)
        districtWeights = try c.value(.districtWeights, or: d.districtWeights)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(enabled, forKey: .enabled)
        try c.encode(enquiriesPerMonth, forKey: .enquiriesPerMonth)
        try c.encode(conversion, forKey: .conversion)
        try c.encode(assessmentMonthsMin, forKey: .assessmentMonthsMin)
        try c.encode(assessmentMonthsMax, forKey: .assessmentMonthsMax)
        try c.encode(placesDistribution, forKey: .placesDistribution)
        try c.encode(districtWeights, forKey: .districtWeights)
    }
}

/// Carers on hold: illness, an allegation, bereavement, rest after a long placement.
public struct OnHoldSettings: Codable, Sendable, Equatable {
    /// Switch on-hold periods off.
    public var enabled: Bool = true
    /// Times a year a household goes on hold.
    public var perHouseholdPerYear: Double = 0.25
    /// Mean length of a hold (exponential).
    public var meanMonths: Double = 5

    public init() {}

    enum CodingKeys: String, CodingKey, CaseIterable {
        case comment
        case enabled
        case perHouseholdPerYear = "per_household_per_year"
        case meanMonths = "mean_months"
    }

    public init(from decoder: any Decoder) throws {
        try rejectUnknownKeys(decoder, CodingKeys.self)
        let d = Self()
        let c = try decoder.container(keyedBy: CodingKeys.self)
        enabled = try c.value(.enabled, or: d.enabled)
        perHouseholdPerYear = try c.value(.perHouseholdPerYear, or: d.perHouseholdPerYear)
        meanMonths = try c.value(.meanMonths, or: d.meanMonths)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(enabled, forKey: .enabled)
        try c.encode(perHouseholdPerYear, forKey: .perHouseholdPerYear)
        try c.encode(meanMonths, forKey: .meanMonths)
    }
}

/// In-house foster carers: recruitment, resignations, holds.
public struct CarerSettings: Codable, Sendable, Equatable {
    /// New households.
    public var recruitment: RecruitmentSettings = RecruitmentSettings()
    /// Switch resignations off.
    public var resignationsEnabled: Bool = true
    /// Resignation rate (about 30 a year from about 215 households).
    public var resignationsPerHouseholdPerYear: Double = 0.14
    /// Chance the carers stop fostering when their child leaves by special guardianship.
    public var leaveAfterSpecialGuardianship: Double = 0.5
    /// Chance the carers stop when their child goes home.
    public var leaveAfterReturnHome: Double = 0.03
    /// On-hold periods.
    public var onHold: OnHoldSettings = OnHoldSettings()

    public init() {}

    enum CodingKeys: String, CodingKey, CaseIterable {
        case comment
        case recruitment
        case resignationsEnabled = "resignations_enabled"
        case resignationsPerHouseholdPerYear = "resignations_per_household_per_year"
        case leaveAfterSpecialGuardianship = "leave_after_special_guardianship"
        case leaveAfterReturnHome = "leave_after_return_home"
        case onHold = "on_hold"
    }

    public init(from decoder: any Decoder) throws {
        try rejectUnknownKeys(decoder, CodingKeys.self)
        let d = Self()
        let c = try decoder.container(keyedBy: CodingKeys.self)
        recruitment = try c.value(.recruitment, or: d.recruitment)
        resignationsEnabled = try c.value(.resignationsEnabled, or: d.resignationsEnabled)
        resignationsPerHouseholdPerYear = try c.value(.resignationsPerHouseholdPerYear, or: d.resignationsPerHouseholdPerYear)
        leaveAfterSpecialGuardianship = try c.value(.leaveAfterSpecialGuardianship, or: d.leaveAfterSpecialGuardianship)
        leaveAfterReturnHome = try c.value(.leaveAfterReturnHome, or: d.leaveAfterReturnHome)
        onHold = try c.value(.onHold, or: d.onHold)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(recruitment, forKey: .recruitment)
        try c.encode(resignationsEnabled, forKey: .resignationsEnabled)
        try c.encode(resignationsPerHouseholdPerYear, forKey: .resignationsPerHouseholdPerYear)
        try c.encode(leaveAfterSpecialGuardianship, forKey: .leaveAfterSpecialGuardianship)
        try c.encode(leaveAfterReturnHome, forKey: .leaveAfterReturnHome)
        try c.encode(onHold, forKey: .onHold)
    }
}

/// Weekly costs by placement type, in pounds at the start date.
public struct CostSettings: Codable, Sendable, Equatable {
    /// Pounds a week per child.
    public var weekly: ByPlacementType<Double> = ByPlacementType(inHouse: 520, ifa: 808, kinship: 300, residential: 3479, supported: 1500, withParents: 0, adoption: 0, other: 1000)
    /// Running cost of an own children's home bed, used or not.
    public var ownHomeWeeklyPerBed: Double = 3000
    /// Pounds a week for a staying-put young person.
    public var stayingPutWeekly: Double = 350
    /// Cost growth a year.
    public var annualInflation: Double = 0.03

    public init() {}

    enum CodingKeys: String, CodingKey, CaseIterable {
        case comment
        case weekly
        case ownHomeWeeklyPerBed = "own_home_weekly_per_bed"
        case stayingPutWeekly = "staying_put_weekly"
        case annualInflation = "annual_inflation"
    }

    public init(from decoder: any Decoder) throws {
        try rejectUnknownKeys(decoder, CodingKeys.self)
        let d = Self()
        let c = try decoder.container(keyedBy: CodingKeys.self)
        weekly = try c.types(.weekly, or: d.weekly)
        ownHomeWeeklyPerBed = try c.value(.ownHomeWeeklyPerBed, or: d.ownHomeWeeklyPerBed)
        stayingPutWeekly = try c.value(.stayingPutWeekly, or: d.stayingPutWeekly)
        annualInflation = try c.value(.annualInflation, or: d.annualInflation)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(weekly, forKey: .weekly)
        try c.encode(ownHomeWeeklyPerBed, forKey: .ownHomeWeeklyPerBed)
        try c.encode(stayingPutWeekly, forKey: .stayingPutWeekly)
        try c.encode(annualInflation, forKey: .annualInflation)
    }
}

