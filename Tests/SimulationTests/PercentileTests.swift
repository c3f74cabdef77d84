import CareModel
import Testing
@testable import Simulation

/// `Percentiles(of:)`: linear interpolation between order statistics (R type 7,
/// Hyndman and Fan 1996): with sorted x1..xn, h = (n - 1) p, the value x[floor h] +
/// (h - floor h)(x[floor h + 1] - x[floor h]) (0-based). Expected values computed by hand.
@Suite struct PercentileTests {
    static func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-12 * max(1, abs(b)) }

    @Test func handComputedValues() {
        // n = 10, values 1..10 shuffled: h = 0.9 -> 1 + 0.9 = 1.9; h = 4.5 -> 5.5; h = 8.1 -> 9.1.
        let ten = Percentiles(of: [7, 3, 10, 1, 5, 9, 2, 8, 6, 4])
        #expect(Self.close(ten.p10, 1.9) && Self.close(ten.p50, 5.5) && Self.close(ten.p90, 9.1), "\(ten)")
        // n = 5, [10, 20, 30, 40, 100]: h = 0.4 -> 14; h = 2 -> 30; h = 3.6 -> 40 + 0.6 x 60 = 76.
        let five = Percentiles(of: [100, 30, 10, 40, 20])
        #expect(Self.close(five.p10, 14) && five.p50 == 30 && Self.close(five.p90, 76), "\(five)")
        // n = 4, [0, 1, 3, 7]: h = 0.3 -> 0.3; h = 1.5 -> 2; h = 2.7 -> 3 + 0.7 x 4 = 5.8.
        let four = Percentiles(of: [3, 0, 7, 1])
        #expect(Self.close(four.p10, 0.3) && four.p50 == 2 && Self.close(four.p90, 5.8), "\(four)")
        // n = 11, 0, 10, ..., 100: every percentile lands on an order statistic.
        let eleven = Percentiles(of: (0...10).map { Double($0 * 10) }.reversed())
        #expect(eleven.p10 == 10 && eleven.p50 == 50 && eleven.p90 == 90, "\(eleven)")
        // n = 2: h = 0.1, 0.5, 0.9 of the way from -4 to 6.
        let two = Percentiles(of: [6, -4])
        #expect(Self.close(two.p10, -3) && two.p50 == 1 && Self.close(two.p90, 5), "\(two)")
    }

    @Test func tiesAndDegenerateInputs() {
        // Ties: [2, 2, 2, 5, 5, 9]; h = 0.5 -> 2; h = 2.5 -> 3.5; h = 4.5 -> 5 + 0.5 x 4 = 7.
        let ties = Percentiles(of: [5, 2, 9, 2, 5, 2])
        #expect(ties.p10 == 2 && ties.p50 == 3.5 && ties.p90 == 7, "\(ties)")
        // All equal: that value.
        let same = Percentiles(of: [4, 4, 4, 4, 4, 4, 4])
        #expect(same == Percentiles(p10: 4, p50: 4, p90: 4))
        // One value: that value; none: zeros.
        #expect(Percentiles(of: [3.25]) == Percentiles(p10: 3.25, p50: 3.25, p90: 3.25))
        #expect(Percentiles(of: []) == Percentiles(p10: 0, p50: 0, p90: 0))
        // 0 and 1 in a 20-run sample: h = 1.9 -> between the 2nd and 3rd smallest.
        var runs = [Double](repeating: 1, count: 20)
        runs[0] = 0
        runs[7] = 0
        let p = Percentiles(of: runs)
        #expect(Self.close(p.p10, 0.9) && p.p50 == 1 && p.p90 == 1, "\(p)")
    }

    /// Against an independent formulation on random samples: the p-quantile is the linear
    /// interpolation of the points (k / (n - 1), x(k)).
    @Test func agreesWithThePiecewiseLinearDefinition() {
        var rng = Xoshiro256StarStar(seed: 9)
        for trial in 0..<300 {
            let n = 1 + trial % 40
            let xs = (0..<n).map { _ in Double(Int.random(in: -50...50, using: &rng)) / 4 }
            let sorted = xs.sorted()
            func reference(_ p: Double) -> Double {
                guard n > 1 else { return sorted[0] }
                let gaps = Double(n - 1)
                for k in 0..<(n - 1) {
                    let a: Double = Double(k) / gaps
                    let b: Double = Double(k + 1) / gaps
                    if p >= a && p <= b {
                        let t: Double = (p - a) / (b - a)
                        return sorted[k] + t * (sorted[k + 1] - sorted[k])
                    }
                }
                return sorted[n - 1]
            }
            let got = Percentiles(of: xs)
            #expect(abs(got.p10 - reference(0.1)) < 1e-9 && abs(got.p50 - reference(0.5)) < 1e-9 && abs(got.p90 - reference(0.9)) < 1e-9,
                    "trial \(trial) n \(n): \(got)")
        }
    }

    /// The Monte Carlo summary uses these percentiles for each KPI and month, and for yearly flows.
    @Test func simulationBandsArePercentilesOfTheRuns() {
        let results = MonteCarlo.run(scenario: Scenario(), start: SimTest.countyStart, runs: 7, years: 1, seed: 3, threads: 1)
        for kpi in [KPI.childrenInCare, .inHouseFoster, .entries] {
            for month in [1, 6, 12] {
                let column = (0..<7).map { SimTest.value(results, run: $0, kpi, month: month) }.sorted()
                // n = 7: h = 0.6, 3, 5.4.
                let expected = Percentiles(p10: column[0] + 0.6 * (column[1] - column[0]), p50: column[3],
                                           p90: column[5] + 0.4 * (column[6] - column[5]))
                let got = results.value(kpi, month: month)
                #expect(Self.close(got.p10, expected.p10) && got.p50 == expected.p50 && Self.close(got.p90, expected.p90), "\(kpi) \(month)")
            }
        }
        let yearly = (0..<7).map { r in (1...12).reduce(0.0) { $0 + SimTest.value(results, run: r, .entries, month: $1) } }.sorted()
        let entries = results.atYear(.entries, year: 1)
        #expect(Self.close(entries.p10, yearly[0] + 0.6 * (yearly[1] - yearly[0])) && entries.p50 == yearly[3])
    }

    /// `MonteCarlo.summarise` shares the monthly bands out over threads: on random runs large
    /// enough to be split, every band equals `Percentiles(of:)` of that cell's values across
    /// runs, on one thread and on several.
    @Test func summarisedBandsArePercentilesOfEachCellOnAnyThreadCount() {
        var rng = Xoshiro256StarStar(seed: 31)
        let years = 5, runs = 450
        let cells = (years * 12 + 1) * KPI.allCases.count
        #expect(cells * runs >= MonteCarlo.bandsPerThreadAtLeast * 4, "too few values to be split over four threads")
        let raw = (0..<runs).map { _ in
            ReplicationResult(
                monthly: (0..<cells).map { _ in Double(Int.random(in: -20...400, using: &rng)) / 8 },
                placementsByType: PlacementType.allCases.map { _ in Int.random(in: 0...50, using: &rng) },
                totalCost: Double(Int.random(in: 0...1_000_000, using: &rng)), leavers: 1, leaverDaysInCare: 400, events: 1)
        }
        for threads in [1, 2, 3, 7] {
            let results = MonteCarlo.summarise(raw, scenario: Scenario(), runs: runs, years: years, seed: 1, threads: threads)
            #expect(results.bands.count == cells)
            let wrong = (0..<cells).filter { cell in results.bands[cell] != Percentiles(of: raw.map { $0.monthly[cell] }) }
            #expect(wrong.isEmpty, "\(threads) threads: \(wrong.count) cells differ, first \(wrong.first ?? -1)")
        }
        // No runs: every band is that of no values.
        let none = MonteCarlo.summarise([], scenario: Scenario(), runs: 0, years: years, seed: 1, threads: 2)
        #expect(none.bands == [Percentiles](repeating: Percentiles(of: []), count: cells))
    }
}
