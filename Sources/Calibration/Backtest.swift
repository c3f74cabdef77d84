import Interchange
import Simulation
import CareModel

/// Checking a calibration against the future it was not shown.
///
/// ## Design note
/// Calibrate on the window ending at `asOf` (estimators never look past their window's end),
/// take the children in care on `asOf` from the return as the starting population, project
/// `years` years, and compare each projected year-end with what the return actually shows:
/// children in care by placement type and age band on each anniversary of `asOf`, and entries
/// (`Calibration.isEntry`, the definition calibration counts) and exits during each year. A row
/// is covered when the truth lies in [P10, P90].
public enum Backtest {
    /// One measure in one projected year.
    public struct Row: Sendable, Hashable {
        public var measure: ProjectionMeasure
        public var year: Int
        public var truth: Int
        public var p10: Int
        public var p50: Int
        public var p90: Int
        /// P50 minus truth.
        public var error: Int { p50 - truth }
        /// |error| / truth in percent; nil when the truth is 0.
        public var errorPercent: Double? { truth == 0 ? nil : 100 * Double(abs(error)) / Double(truth) }
        public var covered: Bool { p10 <= truth && truth <= p90 }
    }

    public struct Report: Sendable {
        public var engine: Engine = .flows
        public var asOf: CalendarDay
        public var years: Int
        public var runs: Int
        public var calibration: CalibrationResult
        public var rows: [Row]
        /// Share of rows whose P10-P90 band holds the truth.
        public var coverage: Double {
            rows.isEmpty ? 0 : Double(rows.filter(\.covered).count) / Double(rows.count)
        }
    }

    /// What the return shows for each of `years` years after `asOf`: `[year][measure index]`.
    public static func truth(_ histories: [CareHistory], asOf: CalendarDay, years: Int) -> [[Int]] {
        var result: [[Int]] = []
        var previous = asOf
        for k in 1...years {
            let end = asOf.adding(years: k)
            var row = [Int](repeating: 0, count: ProjectionMeasure.all.count)
            let census = Calibration.census(histories, on: end)
            row[ProjectionMeasure.childrenInCare.index] = census.total
            for type in PlacementType.allCases { row[ProjectionMeasure.inPlacement(type).index] = census.byType[type.rawValue] ?? 0 }
            for band in AgeBand.allCases { row[ProjectionMeasure.inAgeBand(band).index] = census.byBand[band.key] ?? 0 }
            row[ProjectionMeasure.entries.index] = Calibration.entries(histories, from: previous.adding(days: 1), to: end)
            for h in histories {
                for p in h.periods {
                    if let e = p.end, e > previous && e <= end { row[ProjectionMeasure.exits.index] += 1 }
                }
            }
            result.append(row)
            previous = end
        }
        return result
    }

    /// Calibrates on [from, asOf], projects with `CalibratedProjection` and compares.
    public static func run(_ histories: [CareHistory], from: CalendarDay, asOf: CalendarDay, years: Int,
                           runs: Int, seed: UInt64, centroids: [String: Location]? = nil) -> Report {
        let calibration = Calibration.calibrate(histories, window: .init(from: from, to: asOf), centroids: centroids)
        let population = StartingChild.population(histories, on: asOf)
        let projection = CalibratedProjection.project(calibration, population: population, start: asOf, years: years, runs: runs, seed: seed)
        return compare(projection, truth: truth(histories, asOf: asOf, years: years), calibration: calibration)
    }

    /// Rows for every measure and year from a projection and the truth.
    public static func compare(_ projection: CalibratedProjection.Result, truth: [[Int]], calibration: CalibrationResult) -> Report {
        var rows: [Row] = []
        for year in 1...projection.years {
            for measure in ProjectionMeasure.all {
                rows.append(Row(measure: measure, year: year, truth: truth[year - 1][measure.index],
                                p10: projection.quantile(0.1, measure, year: year), p50: projection.quantile(0.5, measure, year: year),
                                p90: projection.quantile(0.9, measure, year: year)))
            }
        }
        return Report(asOf: projection.start, years: projection.years, runs: projection.runs, calibration: calibration, rows: rows)
    }
}
