/// A measure the sensitivity report ranks assumptions by.
public enum SensitivityMeasure: Sendable, Equatable {
    /// Total cost over the horizon, pounds.
    case totalCost
    /// A KPI at the horizon (flows: the last year's total).
    case kpi(KPI)

    /// The key, as in summary.json (`cost_pounds` for the total cost).
    public var key: String {
        switch self {
        case .totalCost: "cost_pounds"
        case .kpi(let kpi): kpi.key
        }
    }

    /// The measure named `key`, if any.
    public init?(key: String) {
        if key == "cost_pounds" || key == "cost" {
            self = .totalCost
        } else if let kpi = KPI.allCases.first(where: { $0.key == key }) {
            self = .kpi(kpi)
        } else {
            return nil
        }
    }

    /// Cost, agency placements, children in care and placements over 20 miles from home.
    public static let defaults: [SensitivityMeasure] = [.totalCost, .kpi(.ifaFoster), .kpi(.childrenInCare), .kpi(.over20MilesPct)]

    /// The measure in one run of `months` months.
    func value(_ run: ReplicationResult, months: Int) -> Double {
        switch self {
        case .totalCost: return run.totalCost
        case .kpi(let kpi):
            let k = KPI.allCases.count
            guard kpi.isFlow else { return run.monthly[months * k + kpi.rawValue] }
            return (max(1, months - 11)...max(1, months)).reduce(0.0) { $0 + run.monthly[$1 * k + kpi.rawValue] }
        }
    }
}

/// The effect of moving one assumption down and up on one measure.
public struct SensitivityEffect: Sendable {
    public var assumption: String
    public var summary: String
    public var measure: SensitivityMeasure
    /// The assumption's value in the scenario, and moved down and up.
    public var value: Double
    public var lowValue: Double
    public var highValue: Double
    /// Paired differences (moved - scenario) over runs, for the move down and the move up.
    public var low: Percentiles
    public var high: Percentiles
    /// The spread of the P50 effects: |high.p50 - low.p50|, what the ranking sorts by.
    public var swing: Double { abs(high.p50 - low.p50) }
}

/// What `Sensitivity.run` found: the scenario's own measures and every effect, ranked.
public struct SensitivityResult: Sendable {
    public var scenario: Scenario
    public var runs: Int
    public var years: Int
    public var seed: UInt64
    /// The relative move, e.g. 0.2 = down and up by 20%.
    public var change: Double
    public var measures: [SensitivityMeasure]
    /// The scenario's own P50/P10/P90 of each measure (in `measures` order).
    public var base: [Percentiles]
    /// Per measure (in `measures` order), the effects ranked by swing, largest first.
    public var effects: [[SensitivityEffect]]
}

/// One-at-a-time sensitivity: each assumption moved down and up by a stated share, every run
/// paired with the scenario's own run on the same random numbers.
///
/// ## Design note
/// The effect of a move is the P50 [P10-P90] over runs of (moved run - scenario run): with
/// common random numbers these paired differences are much narrower than differences of
/// independent runs (see `PairedBands`), so a few hundred runs rank the assumptions. Assumptions
/// are moved one at a time from the scenario (a local, "tornado" analysis; interactions are not
/// measured: Saltelli et al., "Global sensitivity analysis: the primer", 2008, ch. 1). Ranking
/// is by the spread between the two P50 effects.
/// - Complexity: (1 + 2 x assumptions) x runs replications.
public enum Sensitivity {
    public static func run(
        scenario: Scenario, start: StartingPopulation, assumptions: [Assumption], change: Double,
        measures: [SensitivityMeasure], runs: Int, years: Int, seed: UInt64, threads: Int? = nil
    ) -> SensitivityResult {
        let months = years * 12
        // Block by block (the scenario, then each assumption down and up), keeping only the
        // measures of each run, so memory does not grow with the number of assumptions.
        func block(_ s: Scenario) -> [[Double]] {
            let raw = MonteCarlo.replicate(
                jobs: (0..<runs).map { MonteCarlo.Job(run: $0, scenario: s) }, start: start, years: years, seed: seed, threads: threads)
            return measures.map { m in raw.map { m.value($0, months: months) } }
        }
        var blocks = [block(scenario)]
        for a in assumptions {
            for factor in [1 - change, 1 + change] { blocks.append(block(a.moved(by: factor, in: scenario))) }
        }
        func values(_ b: Int, _ m: SensitivityMeasure) -> [Double] { blocks[b][measures.firstIndex(of: m)!] }
        let base = measures.map { Percentiles(of: values(0, $0)) }
        var effects: [[SensitivityEffect]] = []
        for m in measures {
            let reference = values(0, m)
            var list: [SensitivityEffect] = []
            for (i, a) in assumptions.enumerated() {
                func paired(_ block: Int) -> Percentiles {
                    Percentiles(of: zip(values(block, m), reference).map { $0 - $1 })
                }
                list.append(SensitivityEffect(
                    assumption: a.key, summary: a.summary, measure: m, value: a.value(in: scenario),
                    lowValue: a.value(in: a.moved(by: 1 - change, in: scenario)),
                    highValue: a.value(in: a.moved(by: 1 + change, in: scenario)),
                    low: paired(1 + 2 * i), high: paired(2 + 2 * i)))
            }
            // Stable: equal swings keep the assumptions' order.
            let ranked = list.enumerated().sorted { $0.element.swing > $1.element.swing || ($0.element.swing == $1.element.swing && $0.offset < $1.offset) }
            effects.append(ranked.map(\.element))
        }
        return SensitivityResult(
            scenario: scenario, runs: runs, years: years, seed: seed, change: change, measures: measures, base: base, effects: effects)
    }
}
