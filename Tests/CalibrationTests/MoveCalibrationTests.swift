@testable import Calibration
import CareModel
import Foundation
import Testing
@testable import Simulation

/// Calibration of the move process from a return: destinations, frailty and redrawn estimates.
enum CalibrationTestMath {
    static func mean(_ xs: [Double]) -> Double { xs.reduce(0, +) / Double(xs.count) }
    static func variance(_ xs: [Double]) -> Double {
        let m = mean(xs)
        return xs.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(xs.count - 1)
    }
}

/// Iterative proportional fitting recovers a no-three-way-interaction table exactly: counts
/// built as n[f][b][t] = N[f][b] x alpha[f][t] beta[b][t] / sum give back the conditionals.
@Test func destinationModelRecoversAnExactLogLinearTable() {
    var rng = Xoshiro256StarStar(seed: 9)
    let alpha = (0..<8).map { _ in (0..<8).map { _ in rng.nextUnit() < 0.2 ? 0 : rng.nextUnit() + 0.05 } }
    let beta = (0..<5).map { _ in (0..<8).map { _ in rng.nextUnit() + 0.1 } }
    var n = [[[Double]]](repeating: [[Double]](repeating: [Double](repeating: 0, count: 8), count: 5), count: 8)
    for f in 0..<8 {
        for b in 0..<5 {
            let size = 50 + 200 * rng.nextUnit()
            let total = (0..<8).reduce(0.0) { $0 + alpha[f][$1] * beta[b][$1] }
            for t in 0..<8 { n[f][b][t] = size * alpha[f][t] * beta[b][t] / total }
        }
    }
    let (a, c) = Calibration.fitDestinationModel(n)
    for f in 0..<8 {
        for b in 0..<5 {
            let fitted = (0..<8).map { a[f][$0] * c[b][$0] }
            let truth = (0..<8).map { alpha[f][$0] * beta[b][$0] }
            let sf = fitted.reduce(0, +), st = truth.reduce(0, +)
            for t in 0..<8 { #expect(abs(fitted[t] / sf - truth[t] / st) < 1e-5) }
        }
    }
}

/// From a synthetic return whose move destinations depend on the age at the move only (the
/// placement mix of the child's band), the calibrated model gives those shares for moves from
/// in-house foster care at 10-15 and 1-4, within 0.06; and the frailty shape is recovered.
@Test func calibrationRecoversDestinationsAndFrailty() {
    var spec = SyntheticReturnSpec(from: CalendarDay(year: 2016, month: 4, day: 1)!, to: CalendarDay(year: 2024, month: 3, day: 31)!)
    spec.entriesPerYear = spec.entriesPerYear.map { $0 * 2 }
    spec.moveFrailtyShape = 1
    spec.burnInYears = 12
    let synthetic = SyntheticReturnGenerator.generate(spec, seed: 17)
    let (histories, _) = SSDA903Cleaning.histories(from: synthetic.data)
    let window = Calibration.Window(from: spec.from, to: spec.to)
    let result = Calibration.calibrate(histories, window: window)
    let scenario = Scenario(calibration: result, name: "t")
    for band in [AgeBand.oneToFour, .tenToFifteen] {
        let weights = PlacementType.allCases.indices.map { scenario.moves.destinationWeight(from: .inHouseFoster, to: $0, band: band) }
        let total = weights.reduce(0, +)
        // Adoption and placed with parents are mostly exit pathways, not moves: compare the rest.
        let kept = [PlacementType.inHouseFoster, .ifaFoster, .kinship, .residential, .supported, .other]
        let truthTotal = kept.reduce(0.0) { $0 + spec.placementMix[band.rawValue][$1.index] }
        let fittedTotal = kept.reduce(0.0) { $0 + weights[$1.index] / total }
        for type in kept {
            let truth = spec.placementMix[band.rawValue][type.index] / truthTotal
            let fitted = weights[type.index] / total / fittedTotal
            #expect(abs(fitted - truth) < 0.06, "\(band) \(type): fitted \(fitted), truth \(truth)")
        }
    }
    let k = result.moves.frailtyShape?.value ?? 0
    #expect(k > 0.6 && k < 1.6, "frailty shape \(k), truth 1")
}

/// The backtest's parameter draws: a redrawn move rate has the estimate's mean and standard
/// error over many draws (log-normal, mean-preserving), the census is kept, and the same stream
/// gives the same draw.
@Test func redrawnCalibrationHasTheEstimatesSamplingSpread() {
    let spec = SyntheticReturnSpec(from: CalendarDay(year: 2018, month: 4, day: 1)!, to: CalendarDay(year: 2024, month: 3, day: 31)!)
    let synthetic = SyntheticReturnGenerator.generate(spec, seed: 4)
    let (histories, _) = SSDA903Cleaning.histories(from: synthetic.data)
    let result = Calibration.calibrate(histories, window: .init(from: spec.from, to: spec.to))
    let estimate = result.moves.ratePerYear[PlacementType.ifaFoster.rawValue]!
    var rng = Xoshiro256StarStar(seed: 1)
    let draws = (0..<2000).map { _ in result.redrawn(using: &rng).moves.ratePerYear[PlacementType.ifaFoster.rawValue]!.value }
    let se = estimate.standardError!
    #expect(abs(CalibrationTestMath.mean(draws) - estimate.value) < 4 * se / Double(draws.count).squareRoot())
    #expect(abs(CalibrationTestMath.variance(draws).squareRoot() / se - 1) < 0.1)
    var a = Xoshiro256StarStar(seed: 7, stream: 3), b = Xoshiro256StarStar(seed: 7, stream: 3)
    let first = result.redrawn(using: &a), second = result.redrawn(using: &b)
    #expect(first.entries.perYear.value == second.entries.perYear.value && first.census == second.census)
    #expect(first.census == result.census)
}
