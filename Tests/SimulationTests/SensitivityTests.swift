import CareModel
import Testing
@testable import Simulation

/// `Sensitivity` against separate simulations of each moved scenario, paired by hand.
@Suite struct SensitivityTests {
    @Test func effectsArePairedDifferencesOfTheMovedScenariosRankedBySwing() throws {
        let scenario = Scenario()
        let runs = 6, years = 1
        let entries = try #require(Assumption.named("entries.per_year_by_age_band"))
        let inflation = try #require(Assumption.named("costs.annual_inflation"))
        let result = Sensitivity.run(
            scenario: scenario, start: SimTest.countyStart, assumptions: [inflation, entries], change: 0.2,
            measures: [.kpi(.childrenInCare), .totalCost], runs: runs, years: years, seed: 5, threads: 2)
        func values(_ s: Scenario, _ m: SensitivityMeasure) -> [Double] {
            MonteCarlo.replicate(scenario: s, start: SimTest.countyStart, runs: runs, years: years, seed: 5, threads: 1)
                .map { m.value($0, months: years * 12) }
        }
        for (i, m) in result.measures.enumerated() {
            let base = values(scenario, m)
            #expect(result.base[i] == Percentiles(of: base))
            for e in result.effects[i] {
                let a = try #require(Assumption.named(e.assumption))
                let down = values(a.moved(by: 0.8, in: scenario), m), up = values(a.moved(by: 1.2, in: scenario), m)
                #expect(e.low == Percentiles(of: zip(down, base).map { $0 - $1 }))
                #expect(e.high == Percentiles(of: zip(up, base).map { $0 - $1 }))
            }
            let swings = result.effects[i].map(\.swing)
            #expect(swings == swings.sorted(by: >))
        }
        // Entries move children in care the way they must, run by run; inflation does not move them.
        let children = result.effects[0]
        #expect(children[0].assumption == "entries.per_year_by_age_band")
        #expect(children[0].low.p90 <= 0 && children[0].high.p10 >= 0 && children[0].high.p50 > 0)
        #expect(children[1].low == Percentiles(p10: 0, p50: 0, p90: 0))
        #expect(result.effects[1].allSatisfy { $0.high.p50 > 0 })
    }

    /// The default assumptions are the scenario's rates that are switched on and non-zero.
    @Test func defaultAssumptionsAreTheScenariosLiveRates() {
        var scenario = Scenario()
        let all = Set(Assumption.rates(of: scenario).map(\.key))
        #expect(all.contains("carers.resignations_per_household_per_year"))
        #expect(!all.contains("entries.annual_trend"))  // zero in the baseline: moving it changes nothing
        scenario.carers.resignationsEnabled = false
        #expect(!Assumption.rates(of: scenario).map(\.key).contains("carers.resignations_per_household_per_year"))
        for a in Assumption.all where a.isProbability {
            #expect(a.value(in: a.moved(by: 50, in: Scenario())) <= Double(5) + 1e-9)
        }
    }
}
