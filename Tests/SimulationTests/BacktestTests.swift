import CareModel
import Simulation
import Testing

@Suite struct BacktestTests {
    @Test func threeYearBandCoversTheTruthAtLeastEightyPercentOverSeeds() {
        let from = CalendarDay(year: 2014, month: 4, day: 1)!
        let to = CalendarDay(year: 2024, month: 3, day: 31)!
        let asOf = CalendarDay(year: 2021, month: 3, day: 31)!
        var covered = 0, total = 0
        var worst: [String] = []
        // Modest size for CI (debug build): 12 small councils, 40 runs each. The benchmark
        // `hearth-bench calibration coverage` runs 60 full-size councils with 100-200 runs.
        for seed in 1...12 as ClosedRange<UInt64> {
            var spec = SyntheticReturnSpec(from: from, to: to)
            spec.entriesPerYear = [12, 16, 16, 22, 10]
            let synthetic = SyntheticReturnGenerator.generate(spec, seed: seed)
            let (histories, _) = SSDA903Cleaning.histories(from: synthetic.data)
            let report = Backtest.run(histories, from: from, asOf: asOf, years: 3, runs: 40, seed: seed)
            covered += report.rows.filter(\.covered).count
            total += report.rows.count
            // The truth must be the return's own figures: spot-check the census against a brute-force count.
            let end = asOf.adding(years: 3)
            let brute = histories.reduce(0) { sum, h in
                sum + h.periods.filter { $0.start <= end && ($0.end.map { end < $0 } ?? true) }.count
            }
            #expect(report.rows.first { $0.measure == .childrenInCare && $0.year == 3 }!.truth == brute)
            worst += report.rows.filter { !$0.covered }.map { "\(seed) \($0.measure.key) y\($0.year): \($0.truth) not in \($0.p10)-\($0.p90)" }
        }
        let coverage = Double(covered) / Double(total)
        #expect(coverage >= 0.8, "coverage \(coverage): \(worst.prefix(30).joined(separator: "; "))")
    }

    @Test func projectionWithoutEntriesOrExitsKeepsEveryoneAndAgesThem() {
        // Independent truth: with no entries, no exits and no moves, the census is the
        // starting population aged by the calendar.
        let start = CalendarDay(year: 2020, month: 3, day: 31)!
        var spec = SyntheticReturnSpec(from: start.adding(years: -3), to: start)
        spec.entriesPerYear = [5, 5, 5, 5, 5]
        let synthetic = SyntheticReturnGenerator.generate(spec, seed: 2)
        let (histories, _) = SSDA903Cleaning.histories(from: synthetic.data)
        var calibration = Calibration.calibrate(histories, window: .init(from: spec.from, to: start))
        calibration.entries.yearly = []
        for band in AgeBand.allCases {
            calibration.entries.perYearByBand[band.key] = Estimate(value: 0, source: "test")
            calibration.timeInCare[band.key]!.exitRatePerYear = Estimate(value: 1e-12, source: "test")
        }
        for type in PlacementType.allCases { calibration.moves.ratePerYear[type.rawValue] = Estimate(value: 1e-12, source: "test") }
        let population = [StartingChild(dob: CalendarDay(year: 2010, month: 6, day: 1)!, entryBand: .fiveToNine, placement: .ifaFoster),
                          StartingChild(dob: CalendarDay(year: 2003, month: 1, day: 1)!, entryBand: .tenToFifteen, placement: .residential),
                          StartingChild(dob: CalendarDay(year: 2019, month: 12, day: 1)!, entryBand: .underOne, placement: .kinship)]
        let result = CalibratedProjection.project(calibration, population: population, start: start, years: 2, runs: 5, seed: 1)
        // Year 1 (2021-03-31): the 2003 child turned 18 on 2021-01-01 and left.
        #expect(result.quantile(0.5, .childrenInCare, year: 1) == 2)
        #expect(result.quantile(0.5, .exits, year: 1) == 1)
        #expect(result.quantile(0.5, .inPlacement(.ifaFoster), year: 2) == 1)
        #expect(result.quantile(0.5, .inAgeBand(.tenToFifteen), year: 1) == 1)  // born 2010: 10
        #expect(result.quantile(0.5, .inAgeBand(.oneToFour), year: 2) == 1)  // born 2019-12: 2 on 2022-03-31
        #expect(result.quantile(0.5, .entries, year: 2) == 0)
    }
}
