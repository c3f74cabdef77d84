import Interchange
import Simulation
import CareModel

extension Backtest {
    /// Which projection a backtest checks.
    public enum Engine: String, CaseIterable, Sendable {
        /// The full simulator (`MonteCarlo`) running the scenario built from the calibration.
        case simulator
        /// `CalibratedProjection`: the calibrated rates alone, with parameter uncertainty.
        case flows
    }

    /// The simulator KPI that measures `measure`.
    static func kpi(_ measure: ProjectionMeasure) -> KPI {
        switch measure {
        case .childrenInCare: .childrenInCare
        case .entries: .entries
        case .exits: .exits
        case .inPlacement(let type): .placement(type)
        case .inAgeBand(let band):
            switch band {
            case .underOne: .ageUnder1
            case .oneToFour: .age1To4
            case .fiveToNine: .age5To9
            case .tenToFifteen: .age10To15
            case .sixteenPlus: .age16Plus
            }
        }
    }

    /// The return's children in care on `day` (age, placement type, months in the current period
    /// of care, so that their age at entry and remaining time in care follow the return), in the
    /// scenario's generated county: each takes the home, district, needs and in-house household of
    /// a generated child in the same placement type (the census the county was generated from
    /// has the same counts by type), since SSDA903 has no carers or needs.
    /// - Complexity: O(children in care).
    package static func startingPopulation(_ histories: [CareHistory], on day: CalendarDay, generated: StartingPopulation) -> StartingPopulation {
        var templates = [[StartingPopulation.ChildInCare]](repeating: [], count: PlacementType.allCases.count)
        for child in generated.children.reversed() { templates[child.placement.index].append(child) }
        let centre = generated.districts.first?.centre ?? StartingPopulation.empty().districts[0].centre
        var children: [StartingPopulation.ChildInCare] = []
        for h in histories {
            for p in h.periods {
                guard let spell = p.placement(on: day) else { continue }
                var child = templates[spell.type.index].popLast()
                    ?? StartingPopulation.ChildInCare(age: 0, placement: spell.type, monthsInCare: 0, home: centre, district: 0)
                child.age = min(17, max(0, h.age(on: day)))
                child.monthsInCare = max(0, Int(Double(day.days(since: p.start)) / (365.25 / 12)))
                child.placement = spell.type
                child.siblingKey = nil
                if spell.type != .inHouseFoster { child.household = nil }
                children.append(child)
            }
        }
        var population = generated
        population.children = children
        // The return shows who has started an adoption or home pathway.
        population.pathwayStart = .notYetStarted
        return population
    }

    /// Calibrates on [from, asOf], runs the simulator on the calibrated scenario (starting from
    /// the return's children in care on `asOf`) and compares each year with the return: stocks
    /// at the end of months 12, 24, ..., flows summed over each year's months. With
    /// `parameterDraws` the runs are split into up to 25 groups, each with the calibration redrawn
    /// from its sampling distribution (`CalibrationResult.redrawn`).
    public static func runSimulator(_ histories: [CareHistory], from: CalendarDay, asOf: CalendarDay, years: Int, runs: Int, seed: UInt64,
                                    centroids: [String: Location]? = nil, base: Scenario = Scenario(), threads: Int? = nil,
                                    parameterDraws: Bool = true) -> Report {
        let calibration = Calibration.calibrate(histories, window: .init(from: from, to: asOf), centroids: centroids)
        let scenario = Scenario(calibration: calibration, name: "backtest", base: base)
        let start = startingPopulation(histories, on: asOf, generated: scenario.startingPopulation())
        // Parameter uncertainty: the runs are split into groups, each running the scenario of a
        // calibration redrawn from its sampling distribution (stream g of the seed), so the band
        // covers what the data could not pin down as well as chance, as the flows engine's does.
        let groups = parameterDraws ? max(1, min(runs, 25)) : 1
        var raw: [ReplicationResult] = []
        raw.reserveCapacity(runs)
        for g in 0..<groups {
            let count = runs / groups + (g < runs % groups ? 1 : 0)
            guard count > 0 else { continue }
            var drawn = scenario
            if parameterDraws {
                var rng = Xoshiro256StarStar(seed: seed, stream: g)
                drawn = Scenario(calibration: calibration.redrawn(using: &rng), name: "backtest", base: base)
            }
            let groupSeed = groups == 1 ? seed : seed &+ UInt64(g + 1) &* 0x9E37_79B9_7F4A_7C15
            raw += MonteCarlo.replicate(scenario: drawn, start: start, runs: count, years: years, seed: groupSeed, threads: threads)
        }
        let k = KPI.allCases.count
        var values = [[[Int]]](repeating: [[Int]](repeating: [Int](repeating: 0, count: runs), count: ProjectionMeasure.all.count), count: years)
        for (r, result) in raw.enumerated() {
            for year in 1...years {
                for measure in ProjectionMeasure.all {
                    let kpi = kpi(measure)
                    let value: Double
                    if kpi.isFlow {
                        value = ((year - 1) * 12 + 1...year * 12).reduce(0.0) { $0 + result.monthly[$1 * k + kpi.rawValue] }
                    } else {
                        value = result.monthly[year * 12 * k + kpi.rawValue]
                    }
                    values[year - 1][measure.index][r] = Int(value.rounded())
                }
            }
        }
        let projection = CalibratedProjection.Result(start: asOf, years: years, runs: runs, values: values)
        var report = compare(projection, truth: truth(histories, asOf: asOf, years: years), calibration: calibration)
        report.engine = .simulator
        return report
    }
}
