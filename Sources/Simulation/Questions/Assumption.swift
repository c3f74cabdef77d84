/// One assumption of a scenario that `hearth sensitivity` moves: a rate (or a set of rates
/// moved together, such as entries by age band), named by its place in the scenario file.
public struct Assumption: Sendable {
    /// The scenario-file path, e.g. `carers.resignations_per_household_per_year`.
    public var key: String
    /// What it is, in words.
    public var summary: String
    /// A probability (capped at 1 when moved up).
    public var isProbability: Bool
    let read: @Sendable (Scenario) -> Double
    let scale: @Sendable (inout Scenario, Double) -> Void

    /// The assumption's value in `scenario` (for a set of rates, their sum).
    public func value(in scenario: Scenario) -> Double { read(scenario) }

    /// `scenario` with the assumption multiplied by `factor` (probabilities capped at 1).
    public func moved(by factor: Double, in scenario: Scenario) -> Scenario {
        var s = scenario
        scale(&s, factor)
        return s
    }

    init(_ key: String, _ summary: String, probability: Bool = false,
         read: @escaping @Sendable (Scenario) -> Double, scale: @escaping @Sendable (inout Scenario, Double) -> Void) {
        self.key = key
        self.summary = summary
        isProbability = probability
        self.read = read
        self.scale = scale
    }

    static func cap(_ p: Double) -> Double { min(1, max(0, p)) }

    /// Every rate of a scenario that the sensitivity report moves by default (those that are
    /// switched on and not zero in `scenario`).
    public static func rates(of scenario: Scenario) -> [Assumption] {
        all.filter { $0.value(in: scenario) > 0 && $0.moved(by: 1.1, in: scenario) != scenario }
    }

    /// The assumption named `key`, if there is one.
    public static func named(_ key: String) -> Assumption? { all.first { $0.key == key } }

    /// Every assumption the sensitivity report knows.
    public static let all: [Assumption] = [
        Assumption("entries.per_year_by_age_band", "children entering care a year (every age band)",
                   read: { $0.entries.enabled ? $0.entries.perYearByAgeBand.values.reduce(0, +) : 0 },
                   scale: { s, f in s.entries.perYearByAgeBand.values = s.entries.perYearByAgeBand.values.map { $0 * f } }),
        Assumption("entries.annual_trend", "annual growth of entries",
                   read: { abs($0.entries.annualTrend) }, scale: { s, f in s.entries.annualTrend *= f }),
        Assumption("exits.mean_years_by_age_band", "mean time in care (every age band)",
                   read: { $0.exits.enabled ? $0.exits.meanYearsByAgeBand.values.reduce(0, +) : 0 },
                   scale: { s, f in s.exits.meanYearsByAgeBand.values = s.exits.meanYearsByAgeBand.values.map { $0 * f } }),
        Assumption("exits.move_to_supported_per_year", "16-17s moving on to supported accommodation a year",
                   read: { $0.exits.moveToSupportedPerYear }, scale: { s, f in s.exits.moveToSupportedPerYear *= f }),
        Assumption("exits.staying_put_probability", "share of 18-year-olds in foster care who stay put", probability: true,
                   read: { $0.exits.stayingPutProbability }, scale: { s, f in s.exits.stayingPutProbability = cap(s.exits.stayingPutProbability * f) }),
        Assumption("moves.breakdowns_per_year", "unplanned placement endings a year (every type)",
                   read: { $0.moves.breakdownsEnabled ? $0.moves.breakdownsPerYear.values.reduce(0, +) : 0 },
                   scale: { s, f in s.moves.breakdownsPerYear.values = s.moves.breakdownsPerYear.values.map { $0 * f } }),
        Assumption("carers.recruitment.enquiries_per_month", "fostering enquiries a month",
                   read: { $0.carers.recruitment.enabled ? $0.carers.recruitment.enquiriesPerMonth : 0 },
                   scale: { s, f in s.carers.recruitment.enquiriesPerMonth *= f }),
        Assumption("carers.recruitment.conversion", "share of enquiries approved", probability: true,
                   read: { $0.carers.recruitment.enabled ? $0.carers.recruitment.conversion : 0 },
                   scale: { s, f in s.carers.recruitment.conversion = cap(s.carers.recruitment.conversion * f) }),
        Assumption("carers.resignations_per_household_per_year", "resignations per household a year",
                   read: { $0.carers.resignationsEnabled ? $0.carers.resignationsPerHouseholdPerYear : 0 },
                   scale: { s, f in s.carers.resignationsPerHouseholdPerYear *= f }),
        Assumption("carers.on_hold.per_household_per_year", "holds per household a year",
                   read: { $0.carers.onHold.enabled ? $0.carers.onHold.perHouseholdPerYear : 0 },
                   scale: { s, f in s.carers.onHold.perHouseholdPerYear *= f }),
        Assumption("carers.leave_after_special_guardianship", "carers who stop after a special guardianship order", probability: true,
                   read: { $0.carers.leaveAfterSpecialGuardianship },
                   scale: { s, f in s.carers.leaveAfterSpecialGuardianship = cap(s.carers.leaveAfterSpecialGuardianship * f) }),
        Assumption("finding_homes.kinship_probability", "entrants placed with relatives or friends (every age band)", probability: true,
                   read: { $0.findingHomes.kinshipEnabled ? $0.findingHomes.kinshipProbability.values.reduce(0, +) : 0 },
                   scale: { s, f in s.findingHomes.kinshipProbability.values = s.findingHomes.kinshipProbability.values.map { cap($0 * f) } }),
        Assumption("finding_homes.residential_probability_10_plus", "10+ entrants going to residential care", probability: true,
                   read: { $0.findingHomes.residentialProbability10Plus },
                   scale: { s, f in s.findingHomes.residentialProbability10Plus = cap(s.findingHomes.residentialProbability10Plus * f) }),
        Assumption("finding_homes.supported_probability", "16-17 entrants going to supported accommodation", probability: true,
                   read: { $0.supported.enabled ? $0.findingHomes.supportedProbability : 0 },
                   scale: { s, f in s.findingHomes.supportedProbability = cap(s.findingHomes.supportedProbability * f) }),
        Assumption("costs.annual_inflation", "annual rise in placement costs",
                   read: { $0.costs.annualInflation }, scale: { s, f in s.costs.annualInflation *= f }),
    ]
}
