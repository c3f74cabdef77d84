import Interchange
import Simulation
import CareModel

/// Every rate Hearth estimated from a return, each with a standard error where one exists and
/// a sentence saying what it was estimated from.
///
/// Rates are per year; shares are fractions 0-1. Dictionaries are keyed by the snake_case keys
/// used in files (`AgeBand.key`, `PlacementType.rawValue`, destination names).
public struct CalibrationResult: Codable, Sendable {
    /// The data window: events from `from` to `to` (inclusive) were used; `to` is the census day.
    public var from: CalendarDay
    public var to: CalendarDay
    public var entries: EntryEstimates
    public var siblingGroups: SiblingEstimates
    /// Time in care by age band at entry.
    public var timeInCare: [String: TimeInCareEstimate]
    public var exitDestinations: ExitDestinationEstimates
    /// Share of first placements by type, by age band at entry.
    public var placementMixAtEntry: [String: [String: Estimate]]
    public var moves: MoveEstimates
    /// Nil when no postcode-district centroid table was given.
    public var distance: DistanceEstimates?
    /// Children in care on `to`: the starting state for a projection.
    public var census: Census
    /// Share of entries who were unaccompanied asylum-seeking children.
    public var uascShareOfEntries: Estimate
    /// Share of entries by single year of age at entry (index = age 0-17).
    public var ageAtEntryShares: [Double]
    /// How care ends through placements: placed with parents before going home, placed for
    /// adoption before adoption.
    public var pathways: PathwayEstimates? = nil
    /// Yearly growth of the number of children with in-house foster carers over the last
    /// census days (sets recruitment, as SSDA903 has no carer data); nil when too short.
    public var inHouseGrowthPerYear: Estimate? = nil
    /// Notes on the data that affect the estimates (e.g. short windows).
    public var notes: [String]

    public init(from: CalendarDay, to: CalendarDay, entries: EntryEstimates, siblingGroups: SiblingEstimates,
                timeInCare: [String: TimeInCareEstimate], exitDestinations: ExitDestinationEstimates,
                placementMixAtEntry: [String: [String: Estimate]], moves: MoveEstimates, distance: DistanceEstimates?,
                census: Census, uascShareOfEntries: Estimate, ageAtEntryShares: [Double], notes: [String]) {
        self.from = from
        self.to = to
        self.entries = entries
        self.siblingGroups = siblingGroups
        self.timeInCare = timeInCare
        self.exitDestinations = exitDestinations
        self.placementMixAtEntry = placementMixAtEntry
        self.moves = moves
        self.distance = distance
        self.census = census
        self.uascShareOfEntries = uascShareOfEntries
        self.ageAtEntryShares = ageAtEntryShares
        self.notes = notes
    }
}

/// One estimated number with where it came from.
public struct Estimate: Codable, Sendable, Hashable {
    public var value: Double
    /// Standard error of `value`, when the estimator gives one.
    public var standardError: Double?
    /// e.g. "estimated from 1,234 periods of care 2015-04-01 to 2024-03-31, censored 456".
    public var source: String

    public init(value: Double, standardError: Double? = nil, source: String) {
        self.value = value
        self.standardError = standardError
        self.source = source
    }
}

/// Entries into care: yearly counts, level by age band at entry and a common trend.
public struct EntryEstimates: Codable, Sendable {
    /// Expected entries per year at the end of the window, by age band at entry.
    public var perYearByBand: [String: Estimate]
    /// Their sum.
    public var perYear: Estimate
    /// Multiplicative change per year minus one (0.03 = +3% a year), common to all bands.
    public var trendPerYear: Estimate
    /// Observed counts per whole year (years ending on the window's end day).
    public var yearly: [YearCount]
    /// The log-linear slope (log of 1 + trend) and its standard error, and the quasi-Poisson
    /// dispersion of the yearly counts (1 = Poisson), so projections can redraw level and trend
    /// jointly.
    public var slope: Double
    public var slopeStandardError: Double
    public var dispersion: Double

    public struct YearCount: Codable, Sendable, Hashable {
        public var yearEnding: CalendarDay
        /// Entries by age band (`AgeBand.rawValue` order).
        public var byBand: [Int]
        public var total: Int { byBand.reduce(0, +) }
    }
}

/// How often children enter care together with brothers and sisters.
public struct SiblingEstimates: Codable, Sendable {
    /// How groups were recognised (see docs/ssda903.md), with the estimated chance matches.
    public var rule: String
    /// Pairs of entries grouped by postcode that are likely unrelated: the number of pairs with
    /// the same HOME_POST and PL_POST on consecutive days (siblings start on one day, so this
    /// measures chance alone).
    public var chanceMatchedPairs: Int = 0
    /// Share of entry groups of size 1, 2, 3 and 4 or more.
    public var groupSizeShares: [Estimate]
    /// Share of entering children who came in with at least one brother or sister.
    public var childrenWithSiblingsShare: Estimate
}

/// Time in care for one band of age at entry (exits by ageing out at 18 are censoring).
public struct TimeInCareEstimate: Codable, Sendable {
    /// Mean years in care if nothing else ended it: exposure / exits (exponential MLE).
    public var meanYears: Estimate
    /// Exits per child-year in care.
    public var exitRatePerYear: Estimate
    public var periods: Int
    public var exits: Int
    /// Periods still open at the end of the window, or ended by ageing out.
    public var censored: Int
    public var exposureYears: Double
    /// Kaplan-Meier median years in care (nil when fewer than half have left by the last exit).
    public var kaplanMeierMedianYears: Double?
    /// Mean of completed stays only: what ignoring censoring would give (for comparison).
    public var completedOnlyMeanYears: Double?
}

/// Where children go when they leave care.
public struct ExitDestinationEstimates: Codable, Sendable {
    /// Share of exits by destination (returned_home, adopted, special_guardianship,
    /// independent_living, aged_18, other).
    public var shares: [String: Estimate]
    /// Shares by age band on leaving.
    public var sharesByBand: [String: [String: Double]]
    /// Shares by age band at the start of the period of care (exits before 18 only).
    public var sharesByEntryBand: [String: [String: Double]]
    /// The exits behind `sharesByEntryBand` (for redrawing the shares).
    public var exitsByEntryBand: [String: Int] = [:]
    /// Exits by REC code as given.
    public var byReasonCode: [String: Int]

    public static let destinations = ["returned_home", "adopted", "special_guardianship", "independent_living", "aged_18", "other"]

    /// The destination of an exit with REC `code` at age `age`.
    public static func destination(rec code: String?, age: Int) -> String {
        if age >= 18 { return "aged_18" }
        switch code ?? "" {
        case "E4", "E4A", "E4B": return "returned_home"
        case "E11", "E12": return "adopted"
        case "E41", "E43", "E44", "E45", "E46", "E47", "E48": return "special_guardianship"
        case "E5", "E6", "E13", "E17": return "independent_living"
        default: return "other"
        }
    }
}

/// Placement moves by the type of placement moved from.
///
/// Moves into the last placement of a period that ends by going home from a placement with
/// parents, or by adoption from a placement for adoption, are exit pathways
/// (`PathwayEstimates`), not counted here.
public struct MoveEstimates: Codable, Sendable {
    /// Moves per child-year spent in each placement type.
    public var ratePerYear: [String: Estimate]
    /// Where moves from each type go: share by destination type.
    public var destinationShares: [String: [String: Double]]
    /// Where moves go by the child's age band at the move: share by destination type.
    public var destinationSharesByBand: [String: [String: Double]]
    /// The moves behind `destinationSharesByBand`.
    public var movesByBand: [String: Int] = [:]
    /// Moves counted from type to type (`counts[from][to]`), and child-years in each type.
    public var counts: [String: [String: Int]] = [:]
    public var exposureYears: [String: Double] = [:]
    /// Moves per child-year over all types.
    public var overallRatePerYear: Estimate
    /// Shape k of the gamma frailty that spreads moves unevenly over children (variance of a
    /// period's moves = mu + mu^2 / k); value 0 when the return shows no overdispersion.
    public var frailtyShape: Estimate? = nil
    /// Periods of care in the window by the number of moves made in it (last entry: 4 or more).
    public var movesPerPeriod: [Int] = []
    /// Where moves go by type moved from and age band at the move, as the log-linear model
    /// P(to | from, band) proportional to `modelDestinations[from][to] x destinationAgeFactors[band][to]`
    /// fitted by iterative proportional fitting (both two-way margins reproduced exactly).
    public var modelDestinations: [String: [String: Double]] = [:]
    public var destinationAgeFactors: [String: [String: Double]] = [:]
}

/// Straight-line distance between the home and placement postcode districts.
public struct DistanceEstimates: Codable, Sendable {
    public var meanMiles: Estimate
    /// Share of placements more than 20 miles from home (the DfE measure).
    public var over20MilesShare: Estimate
    /// Share over 20 miles by placement type.
    public var over20MilesShareByType: [String: Double]
    /// Placements whose postcodes were missing or not in the centroid table.
    public var unmeasured: Int
}

/// Exit pathways: the placement a period of care ends in, for exits home and by adoption.
public struct PathwayEstimates: Codable, Sendable {
    /// Share of exits home (E4A, E4B) whose last placement was with parents (P1).
    public var homeViaParentsShare: Estimate
    /// Mean months in that last placement with parents.
    public var withParentsMonths: Estimate
    /// Mean months in the last placement (placed for adoption) before an adoption order.
    public var placedForAdoptionMonths: Estimate
    /// Share of adoptions whose last placement was placed for adoption (A3-A6).
    public var adoptionViaPlacementShare: Estimate
    /// Of placements with parents that ended in the window, the share that ended care (going
    /// home) rather than with a move: how likely a child placed with parents is on the pathway.
    public var withParentsEndingCareShare: Estimate
    /// The same for placements for adoption (ending in an adoption order).
    public var adoptionEndingCareShare: Estimate
}

/// Children in care on one day, by placement type and age band.
public struct Census: Codable, Sendable, Hashable {
    public var day: CalendarDay
    public var total: Int
    public var byType: [String: Int]
    public var byBand: [String: Int]
    /// The same children by age band when their period of care began (its first day in the
    /// data when it began earlier).
    public var byEntryBand: [String: Int] = [:]
}
