import CareModel
@testable import Simulation

/// Shared helpers for simulator tests.
enum SimTest {
    /// The county baseline's starting population (generated once, it is the same every time).
    static let countyStart: StartingPopulation = Scenario().startingPopulation()

    /// A scenario with every process switched off: nothing happens unless a test turns it on.
    static func quiet() -> Scenario {
        var s = Scenario()
        s.entries.enabled = false
        s.exits.enabled = false
        s.exits.moveToSupportedPerYear = 0
        s.exits.placedWithParentsShare = 0
        s.exits.placedForAdoptionMonths = 0
        s.moves.breakdownsEnabled = false
        s.moves.stepDown.enabled = false
        s.carers.recruitment.enabled = false
        s.carers.resignationsEnabled = false
        s.carers.onHold.enabled = false
        s.findingHomes.kinshipEnabled = false
        s.findingHomes.otherProbability = 0
        s.entries.seasonality = Array(repeating: 1, count: 12)
        return s
    }

    /// The value of `kpi` in month `m` of run `r`.
    static func value(_ results: SimulationResults, run r: Int, _ kpi: KPI, month m: Int) -> Double {
        results.runValues[r][m * KPI.allCases.count + kpi.rawValue]
    }

    static func mean(_ xs: [Double]) -> Double { xs.reduce(0, +) / Double(xs.count) }
    static func variance(_ xs: [Double]) -> Double {
        let m = mean(xs)
        return xs.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(xs.count - 1)
    }
}
