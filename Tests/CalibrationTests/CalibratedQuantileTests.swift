import Testing
@testable import Calibration
import CareModel
import Simulation

/// `CalibratedProjection.Result.quantile`: prediction-interval ranks, below the median
/// floor(q (n + 1)), above it ceil(q (n + 1)), the median by nearest rank ceil(n / 2)
/// (1-based, clamped to 1...n). Expected values computed by hand.
@Suite struct CalibratedQuantileTests {
    static func result(_ runs: [Int]) -> CalibratedProjection.Result {
        let perMeasure = ProjectionMeasure.all.map { _ in runs }
        return CalibratedProjection.Result(start: CalendarDay(dayNumber: 0), years: 1, runs: runs.count, values: [perMeasure])
    }

    @Test func ranksForTenAndNineteenRuns() {
        // n = 10, values 10, 20, ..., 100 shuffled. q = 0.1: floor(1.1) = 1 -> 10; q = 0.9:
        // ceil(9.9) = 10 -> 100; q = 0.5: ceil(5) = 5 -> 50; q = 0.25: floor(2.75) = 2 -> 20;
        // q = 0.75: ceil(8.25) = 9 -> 90.
        let ten = Self.result([70, 30, 100, 10, 50, 90, 20, 80, 60, 40])
        let expected: [(Double, Int)] = [(0.1, 10), (0.9, 100), (0.5, 50), (0.25, 20), (0.75, 90), (0.05, 10), (0.95, 100)]
        for (q, value) in expected {
            #expect(ten.quantile(q, .childrenInCare, year: 1) == value, "q \(q)")
        }
        // n = 19, values 1...19: q = 0.1: floor(2) = 2; q = 0.9: ceil(18) = 18; median: ceil(9.5) = 10.
        let nineteen = Self.result(Array((1...19).reversed()))
        #expect(nineteen.quantile(0.1, .exits, year: 1) == 2)
        #expect(nineteen.quantile(0.9, .exits, year: 1) == 18)
        #expect(nineteen.quantile(0.5, .exits, year: 1) == 10)
    }

    @Test func tiesAndFewRuns() {
        // Ties: [3, 3, 3, 8, 8]; n = 5: q = 0.1: floor(0.6) = 0 -> clamped to rank 1 = 3;
        // q = 0.9: ceil(5.4) = 6 -> clamped to 5 = 8; median: ceil(2.5) = 3 -> 3; q = 0.7: ceil(4.2) = 5 -> 8;
        // q = 0.4: floor(2.4) = 2 -> 3.
        let ties = Self.result([8, 3, 3, 8, 3])
        #expect(ties.quantile(0.1, .entries, year: 1) == 3)
        #expect(ties.quantile(0.9, .entries, year: 1) == 8)
        #expect(ties.quantile(0.5, .entries, year: 1) == 3)
        #expect(ties.quantile(0.7, .entries, year: 1) == 8)
        #expect(ties.quantile(0.4, .entries, year: 1) == 3)
        // n = 4, [1, 2, 3, 4]: q = 0.6: ceil(3) = 3 -> 3; q = 0.4: floor(2) = 2 -> 2; median ceil(2) = 2.
        let four = Self.result([4, 1, 3, 2])
        #expect(four.quantile(0.6, .childrenInCare, year: 1) == 3)
        #expect(four.quantile(0.4, .childrenInCare, year: 1) == 2)
        #expect(four.quantile(0.5, .childrenInCare, year: 1) == 2)
        #expect(Self.result([7]).quantile(0.9, .childrenInCare, year: 1) == 7)
    }
}
