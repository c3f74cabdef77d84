import Interchange
@testable import Calibration
import CareModel
import Simulation
import Testing

@Suite struct BacktestTests {
    /// Modest size for CI (debug build): 8 small councils, 30 runs each, as a regression guard
    /// (at least 75%, and a deliberately wrong calibration must do much worse). The 80% figure
    /// itself is measured by `hearth-bench calibration coverage` over 60 full-size councils
    /// (release build), where the band covers the truth in 80.5-81% of rows.
    @Test func threeYearBandCoversTheTruthOverSeedsAndAWrongCalibrationDoesNot() {
        let from = CalendarDay(year: 2014, month: 4, day: 1)!
        let to = CalendarDay(year: 2024, month: 3, day: 31)!
        let asOf = CalendarDay(year: 2021, month: 3, day: 31)!
        var covered = 0, wrongCovered = 0, total = 0
        for seed in 1...8 as ClosedRange<UInt64> {
            var spec = SyntheticReturnSpec(from: from, to: to)
            spec.entriesPerYear = [12, 16, 16, 22, 10]
            let synthetic = SyntheticReturnGenerator.generate(spec, seed: seed)
            let (histories, _) = SSDA903Cleaning.histories(from: synthetic.data)
            let report = Backtest.run(histories, from: from, asOf: asOf, years: 3, runs: 30, seed: seed)
            covered += report.rows.filter(\.covered).count
            total += report.rows.count
            // The truth must be the return's own figures: spot-check the census against a brute-force count.
            let end = asOf.adding(years: 3)
            let brute = histories.reduce(0) { sum, h in
                sum + h.periods.filter { $0.start <= end && ($0.end.map { end < $0 } ?? true) }.count
            }
            #expect(report.rows.first { $0.measure == .childrenInCare && $0.year == 3 }!.truth == brute)
            // The same projection with stays twice as long as estimated.
            var wrong = report.calibration
            for band in AgeBand.allCases {
                let rate = wrong.timeInCare[band.key]!.exitRatePerYear
                wrong.timeInCare[band.key]!.exitRatePerYear = Estimate(value: rate.value / 2, standardError: rate.standardError.map { $0 / 2 }, source: "test")
            }
            let projection = CalibratedProjection.project(wrong, population: StartingChild.population(histories, on: asOf), start: asOf, years: 3, runs: 30, seed: seed)
            let wrongReport = Backtest.compare(projection, truth: Backtest.truth(histories, asOf: asOf, years: 3), calibration: wrong)
            wrongCovered += wrongReport.rows.filter(\.covered).count
        }
        let coverage = Double(covered) / Double(total)
        let wrongCoverage = Double(wrongCovered) / Double(total)
        #expect(coverage >= 0.75, "coverage \(coverage)")
        #expect(wrongCoverage < coverage - 0.15, "wrong calibration covers \(wrongCoverage), right one \(coverage)")
    }

    @Test func gammaDrawsHaveTheRightMeanAndVariance() {
        var rng = Xoshiro256StarStar(seed: 12)
        for shape in [0.4, 2.0, 30.0] {
            let n = 20_000
            let draws = (0..<n).map { _ in Draw.gamma(shape: shape, using: &rng) }
            let mean = draws.reduce(0, +) / Double(n)
            let variance = draws.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(n - 1)
            // Gamma(k, 1): mean k, variance k; the sample mean's sd is sqrt(k / n).
            #expect(abs(mean - shape) < 4 * (shape / Double(n)).squareRoot(), "shape \(shape): mean \(mean)")
            #expect(abs(variance - shape) < 0.1 * shape, "shape \(shape): variance \(variance)")
        }
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
