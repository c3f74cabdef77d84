import Interchange
import Simulation
import CareModel

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A child in care on the projection's first day, taken from the return itself.
public struct StartingChild: Sendable, Hashable {
    public var dob: CalendarDay
    /// Age band when the current period of care began (its first observed day if the start is
    /// before the data).
    public var entryBand: AgeBand
    public var placement: PlacementType

    public init(dob: CalendarDay, entryBand: AgeBand, placement: PlacementType) {
        self.dob = dob
        self.entryBand = entryBand
        self.placement = placement
    }

    /// Every child in care on `day` in `histories`.
    public static func population(_ histories: [CareHistory], on day: CalendarDay) -> [StartingChild] {
        var children: [StartingChild] = []
        for h in histories {
            for p in h.periods {
                guard let spell = p.placement(on: day) else { continue }
                children.append(StartingChild(dob: h.dob, entryBand: AgeBand(age: h.age(on: p.start)), placement: spell.type))
            }
        }
        return children
    }
}

/// Counts that a projection and the return can both give, per projected year.
public enum ProjectionMeasure: Hashable, Sendable, Comparable, CustomStringConvertible {
    case childrenInCare
    case entries
    case exits
    case inPlacement(PlacementType)
    case inAgeBand(AgeBand)

    public static var all: [ProjectionMeasure] {
        [.childrenInCare, .entries, .exits] + PlacementType.allCases.map { .inPlacement($0) } + AgeBand.allCases.map { .inAgeBand($0) }
    }

    public var index: Int { Self.all.firstIndex(of: self)! }

    /// snake_case key: children_in_care, entries, exits, placement_in_house, age_10_15.
    public var key: String {
        switch self {
        case .childrenInCare: "children_in_care"
        case .entries: "entries"
        case .exits: "exits"
        case .inPlacement(let t): "placement_\(t.rawValue)"
        case .inAgeBand(let b): "age_\(b.key)"
        }
    }

    public var description: String {
        switch self {
        case .childrenInCare: "children in care"
        case .entries: "entries in the year"
        case .exits: "exits in the year"
        case .inPlacement(let t): "  in \(t.label)"
        case .inAgeBand(let b): "  aged \(b)"
        }
    }

    public static func < (a: Self, b: Self) -> Bool { a.index < b.index }
}

/// A Monte Carlo projection of the children-in-care population straight from calibrated rates.
///
/// ## Design note
/// Each run follows every child in care on day 0 and every new entry: entries per age band are
/// Poisson per year with mean level x (1 + trend)^k in year k; each child's stay ends at the
/// exponential exit rate of their band of age at entry (memoryless, so a child already in care
/// draws a fresh residual stay) or at 18; moves arrive at the current placement type's rate and
/// go to a type drawn from the observed destinations of moves made at the child's age band
/// (the from-type destinations when a band has none). Children leave through the observed exit
/// pathways: a destination is drawn at entry (by band at entry) and those going home or to
/// adoption spend their last months placed with parents or for adoption with the observed
/// shares and mean durations; children already in such a placement on day 0 are on that
/// pathway. Entries come as sibling groups of the
/// observed sizes, so their count varies as much as the data's. To make the P10-P90 band honest about
/// what the data cannot pin down, each run first redraws every rate from its sampling
/// distribution (log-normal with the estimate's standard error: a parametric bootstrap), so the
/// band covers parameter uncertainty as well as chance. Run r uses stream r of the seed, so
/// results do not depend on threads. This is the reference projection the backtest uses to
/// check a calibration; the full simulator adds carers, matching and capacity on top.
public enum CalibratedProjection {
    /// Per year and measure: the count in each run (`values[year][measure][run]`).
    public struct Result: Sendable {
        public var start: CalendarDay
        public var years: Int
        public var runs: Int
        public var values: [[[Int]]]

        public init(start: CalendarDay, years: Int, runs: Int, values: [[[Int]]]) {
            self.start = start
            self.years = years
            self.runs = runs
            self.values = values
        }

        /// The q-quantile (0-1) over runs of `measure` in year `year` (1-based), as the bound of
        /// a prediction interval: below the median the order statistic of rank floor(q (n + 1)),
        /// above it rank ceil(q (n + 1)), the median by nearest rank. For a new outcome drawn like
        /// the runs, [X(j), X(k)] holds it with probability (k - j) / (n + 1), so P10-P90 built
        /// this way is a true 80% prediction band even for few runs (plain nearest rank gives
        /// 80/101 with 100 runs).
        public func quantile(_ q: Double, _ measure: ProjectionMeasure, year: Int) -> Int {
            let sorted = values[year - 1][measure.index].sorted()
            let n = Double(sorted.count)
            let rank: Int
            if q < 0.5 {
                rank = Int((q * (n + 1)).rounded(.down))
            } else if q > 0.5 {
                rank = Int((q * (n + 1)).rounded(.up))
            } else {
                rank = Int((q * n).rounded(.up))
            }
            return sorted[max(1, min(sorted.count, rank)) - 1]
        }
    }

    /// Projects `years` years from `start` with `runs` runs.
    /// - Complexity: O(runs x (children + entries) x (moves + years)).
    public static func project(_ calibration: CalibrationResult, population: [StartingChild], start: CalendarDay,
                               years: Int, runs: Int, seed: UInt64) -> Result {
        var values = [[[Int]]](repeating: [[Int]](repeating: [Int](repeating: 0, count: runs), count: ProjectionMeasure.all.count), count: years)
        let yearEnds = (1...max(1, years)).map { start.adding(years: $0) }
        let types = PlacementType.allCases
        for run in 0..<runs {
            var rng = Xoshiro256StarStar(seed: seed, stream: run)
            let rates = Rates(calibration, using: &rng)
            var counts = [[Int]](repeating: [Int](repeating: 0, count: ProjectionMeasure.all.count), count: years)
            func follow(dob: CalendarDay, from day: CalendarDay, band: AgeBand, placement: PlacementType, isEntry: Bool, rng: inout Xoshiro256StarStar) {
                let eighteen = dob.adding(years: 18)
                var type = placement
                var exitDay: Int32
                var pathwayStart = Int32.max
                var pathwayType = placement
                if !isEntry && ((placement == .adoption && Draw.bernoulli(rates.adoptionEndingCare, using: &rng))
                    || (placement == .withParents && Draw.bernoulli(rates.parentsEndingCare, using: &rng))) {
                    // Already on an exit pathway: leaves after the pathway's remaining months.
                    let months = placement == .adoption ? rates.adoptionMonths : rates.parentsMonths
                    exitDay = min(eighteen.dayNumber, day.dayNumber + Int32(min(1e6, Draw.exponential(mean: months * 365.25 / 12, using: &rng)).rounded(.up)))
                    pathwayStart = day.dayNumber
                } else {
                    let stayDays = Draw.exponential(mean: 365.25 / max(1e-9, rates.exit[band.rawValue]), using: &rng)
                    exitDay = min(eighteen.dayNumber, day.dayNumber + Int32(min(1e6, stayDays).rounded(.up)))
                    if exitDay < eighteen.dayNumber, let weights = rates.destinations[band.rawValue] {
                        let destination = Draw.weightedIndex(weights, using: &rng)
                        var months = 0.0
                        if destination == 1 && Draw.bernoulli(rates.adoptionVia, using: &rng) {
                            months = Draw.exponential(mean: rates.adoptionMonths, using: &rng)
                            pathwayType = .adoption
                        } else if destination == 0 && Draw.bernoulli(rates.homeViaParents, using: &rng) {
                            months = Draw.exponential(mean: rates.parentsMonths, using: &rng)
                            pathwayType = .withParents
                        }
                        if months > 0 {
                            let length = Int32(max(1, (months * 365.25 / 12).rounded()))
                            if isEntry {
                                // The stay drawn at entry includes the pathway's last months.
                                let begins = exitDay - length
                                if begins > day.dayNumber { pathwayStart = begins }
                            } else if exitDay < eighteen.dayNumber {
                                // Already in care and not on a pathway: the stay drawn runs to
                                // the pathway's start, which is followed by its months.
                                pathwayStart = exitDay
                                exitDay = min(eighteen.dayNumber, exitDay + length)
                            }
                        }
                    }
                }
                let movesEnd = Double(min(exitDay, pathwayStart))
                var t = Double(day.dayNumber)
                var nextMove = pathwayStart <= day.dayNumber ? .infinity
                    : t + Draw.exponential(mean: 365.25 / max(1e-9, rates.move[types.firstIndex(of: type)!]), using: &rng)
                for (k, end) in yearEnds.enumerated() {
                    let yearStart = k == 0 ? start : yearEnds[k - 1]
                    if isEntry && day > yearStart && day <= end { counts[k][ProjectionMeasure.entries.index] += 1 }
                    if exitDay > yearStart.dayNumber && exitDay <= end.dayNumber && exitDay >= day.dayNumber {
                        counts[k][ProjectionMeasure.exits.index] += 1
                    }
                    guard day <= end && exitDay > end.dayNumber else { continue }
                    while nextMove <= Double(end.dayNumber) && nextMove < movesEnd {
                        t = nextMove
                        let bandNow = AgeBand(age: CalendarDay(dayNumber: Int32(t.rounded(.up))).age(bornOn: dob)).rawValue
                        type = types[Draw.weightedIndex(rates.moveDestinationsByBand[bandNow] ?? rates.moveDestinations[types.firstIndex(of: type)!], using: &rng)]
                        nextMove = t + Draw.exponential(mean: 365.25 / max(1e-9, rates.move[types.firstIndex(of: type)!]), using: &rng)
                    }
                    let typeNow = pathwayStart <= end.dayNumber ? pathwayType : type
                    counts[k][ProjectionMeasure.childrenInCare.index] += 1
                    counts[k][ProjectionMeasure.inPlacement(typeNow).index] += 1
                    counts[k][ProjectionMeasure.inAgeBand(AgeBand(age: end.age(bornOn: dob))).index] += 1
                }
            }
            for child in population {
                follow(dob: child.dob, from: start, band: child.entryBand, placement: child.placement, isEntry: false, rng: &rng)
            }
            for k in 0..<years {
                let yearStart = k == 0 ? start : yearEnds[k - 1]
                let length = yearEnds[k].days(since: yearStart)
                for band in AgeBand.allCases {
                    // Brothers and sisters arrive together: groups are Poisson, children per group
                    // follow the observed group sizes, so entries are overdispersed as in the data.
                    let mean = rates.entryLevel[band.rawValue] * pow(1 + rates.trend, Double(k + 1)) / rates.meanGroupSize
                    for _ in 0..<Draw.poisson(mean: mean, using: &rng) {
                        let day = yearStart.adding(days: 1 + Int(rng.nextUnit() * Double(length)))
                        let size = 1 + Draw.weightedIndex(rates.groupSizes, using: &rng)
                        let placement = types[Draw.weightedIndex(rates.entryMix[band.rawValue], using: &rng)]
                        for _ in 0..<size {
                            let age = band.ages.lowerBound + Draw.weightedIndex(rates.ageWeights[band.rawValue], using: &rng)
                            let dob = day.adding(years: -age).adding(days: -Int(rng.nextUnit() * 364))
                            follow(dob: dob, from: day, band: band, placement: placement, isEntry: true, rng: &rng)
                        }
                    }
                }
            }
            for k in 0..<years {
                for m in 0..<ProjectionMeasure.all.count { values[k][m][run] = counts[k][m] }
            }
        }
        return Result(start: start, years: years, runs: runs, values: values)
    }
}
