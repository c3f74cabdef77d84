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

    /// Read and written by `ScenarioSettings.findingHomes`, the one declaration of these settings.
    public init(from decoder: any Decoder) throws { self = try ScenarioSettings.findingHomes.decode(from: decoder) }
    public func encode(to encoder: any Encoder) throws { try ScenarioSettings.findingHomes.encoded(self).encode(to: encoder) }
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

    /// Read and written by `ScenarioSettings.ifa`, the one declaration of these settings.
    public init(from decoder: any Decoder) throws { self = try ScenarioSettings.ifa.decode(from: decoder) }
    public func encode(to encoder: any Encoder) throws { try ScenarioSettings.ifa.encoded(self).encode(to: encoder) }
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

    /// Read and written by `ScenarioSettings.residential`, the one declaration of these settings.
    public init(from decoder: any Decoder) throws { self = try ScenarioSettings.residential.decode(from: decoder) }
    public func encode(to encoder: any Encoder) throws { try ScenarioSettings.residential.encoded(self).encode(to: encoder) }
}

/// Supported and semi-independent accommodation for young people 16 and over.
public struct SupportedSettings: Codable, Sendable, Equatable {
    /// Whether supported accommodation is used.
    public var enabled: Bool = true
    /// Chance that it is over 20 miles from the family home.
    public var over20MilesProbability: Double = 0.25

    public init() {}

    /// Read and written by `ScenarioSettings.supported`, the one declaration of these settings.
    public init(from decoder: any Decoder) throws { self = try ScenarioSettings.supported.decode(from: decoder) }
    public func encode(to encoder: any Encoder) throws { try ScenarioSettings.supported.encoded(self).encode(to: encoder) }
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

    /// Read and written by `ScenarioSettings.exitDestinations`, the one declaration of these settings.
    public init(from decoder: any Decoder) throws { self = try ScenarioSettings.exitDestinations.decode(from: decoder) }
    public func encode(to encoder: any Encoder) throws { try ScenarioSettings.exitDestinations.encoded(self).encode(to: encoder) }
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

    /// Read and written by `ScenarioSettings.exits`, the one declaration of these settings.
    public init(from decoder: any Decoder) throws { self = try ScenarioSettings.exits.decode(from: decoder) }
    public func encode(to encoder: any Encoder) throws { try ScenarioSettings.exits.encoded(self).encode(to: encoder) }
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

    /// Read and written by `ScenarioSettings.stepDown`, the one declaration of these settings.
    public init(from decoder: any Decoder) throws { self = try ScenarioSettings.stepDown.decode(from: decoder) }
    public func encode(to encoder: any Encoder) throws { try ScenarioSettings.stepDown.encoded(self).encode(to: encoder) }
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
    @inlinable package func placementDays(unitDraw h: Double, perDay: Double, elapsed a: Double = 0) -> Double {
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
    @inlinable package func hasDestinations(_ type: PlacementType) -> Bool { !destinations[type.index].isEmpty }

    /// The county baseline's moves: these defaults plus one destination row, a young person in
    /// supported accommodation whose placement ends moves to another supported placement
    /// (semi-independent provision is for 16-17s; sending half of them through the foster
    /// search would empty supported accommodation). `Scenario()` starts from this; a moves
    /// section read without `destinations` keeps the urgent re-placement for every type.
    public static let countyBaseline: MoveSettings = {
        var moves = MoveSettings()
        moves.destinations[PlacementType.supported.index] = PlacementType.allCases.map { $0 == .supported ? 1 : 0 }
        return moves
    }()

    /// The weight of a move from `from` to `to` by a child in `band`.
    @inlinable package func destinationWeight(from: PlacementType, to: Int, band: AgeBand) -> Double {
        let row = destinationAgeFactors[band.rawValue]
        return destinations[from.index][to] * (row.isEmpty ? 1 : row[to])
    }

    /// Draws the destination of a move from `from` by a child in `band` (falls back to the
    /// from-type weights alone when the age factors rule out every destination).
    /// - Complexity: O(placement types), no allocation.
    @inlinable package func drawDestination(from: PlacementType, band: AgeBand, using rng: inout some RandomNumberGenerator) -> PlacementType {
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

    /// Read and written by `ScenarioSettings.moves`, the one declaration of these settings.
    public init(from decoder: any Decoder) throws { self = try ScenarioSettings.moves.decode(from: decoder) }
    public func encode(to encoder: any Encoder) throws { try ScenarioSettings.moves.encoded(self).encode(to: encoder) }
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
    /// Weights of the age ranges new carers are approved for, drawn in this order (empty = like
    /// a current household: the age range of the household a new one is modelled on).
    public var ageRangeWeights: [AgeRangeWeight] = []
    /// Chance of each approval (`short_term`, `long_term`, `emergency`, `respite`,
    /// `parent_and_child`), drawn independently; short-term when none is drawn (empty = like a
    /// current household).
    public var approvalShares: [String: Double] = [:]
    /// Chance of each skill, drawn independently; carers approved only for 11 and over count
    /// as skilled with teenagers (empty = like a current household).
    public var skillShares: [String: Double] = [:]
    /// Kinds of household to recruit, by share; each approval is one of them, and what a
    /// profile leaves out is drawn as above (empty = no profiles).
    public var profiles: [RecruitmentProfile] = []

    public init() {}

    /// Read and written by `ScenarioSettings.recruitment`, the one declaration of these settings.
    public init(from decoder: any Decoder) throws { self = try ScenarioSettings.recruitment.decode(from: decoder) }
    public func encode(to encoder: any Encoder) throws { try ScenarioSettings.recruitment.encoded(self).encode(to: encoder) }
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

    /// Read and written by `ScenarioSettings.onHold`, the one declaration of these settings.
    public init(from decoder: any Decoder) throws { self = try ScenarioSettings.onHold.decode(from: decoder) }
    public func encode(to encoder: any Encoder) throws { try ScenarioSettings.onHold.encoded(self).encode(to: encoder) }
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

    /// Read and written by `ScenarioSettings.carers`, the one declaration of these settings.
    public init(from decoder: any Decoder) throws { self = try ScenarioSettings.carers.decode(from: decoder) }
    public func encode(to encoder: any Encoder) throws { try ScenarioSettings.carers.encoded(self).encode(to: encoder) }
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
    /// What recruiting and supporting in-house carers costs (beyond the weekly placement costs).
    public var recruitment: RecruitmentCostSettings = RecruitmentCostSettings()

    public init() {}

    /// Read and written by `ScenarioSettings.costs`, the one declaration of these settings.
    public init(from decoder: any Decoder) throws { self = try ScenarioSettings.costs.decode(from: decoder) }
    public func encode(to encoder: any Encoder) throws { try ScenarioSettings.costs.encoded(self).encode(to: encoder) }
}


/// What recruiting and supporting in-house foster carers costs, in pounds at the start date
/// (grown by `costs.annual_inflation` like every cost). The in-house weekly placement cost
/// (`costs.weekly.in_house`) already pays carers' fees and allowances, so these are only the
/// costs it leaves out.
public struct RecruitmentCostSettings: Codable, Sendable, Equatable {
    /// Marketing per enquiry (advertising, information events), counted at the enquiry rate.
    public var marketingPerEnquiry: Double = 300
    /// Marketing counted per approval instead (or as well).
    public var marketingPerApproval: Double = 0
    /// Assessment and panel per approved household (Form F assessment, checks, training).
    public var assessmentPerApproval: Double = 4000
    /// Support a year per approved household (supervising social worker, training, groups),
    /// on hold or not.
    public var supportPerHouseholdPerYear: Double = 4000
    /// Pounds a week per child placed with a household approved during the projection, beyond
    /// the in-house weekly cost (an enhanced fee scheme for new carers).
    public var newCarerWeeklyExtra: Double = 0

    public init() {}

    /// Read and written by `ScenarioSettings.recruitmentCosts`, the one declaration of these settings.
    public init(from decoder: any Decoder) throws { self = try ScenarioSettings.recruitmentCosts.decode(from: decoder) }
    public func encode(to encoder: any Encoder) throws { try ScenarioSettings.recruitmentCosts.encoded(self).encode(to: encoder) }
}
