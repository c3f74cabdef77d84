import CareModel
import Foundation
import Testing

/// `Draw`'s distributions against their closed-form means, variances and probabilities.
///
/// Every test is seeded, so it is deterministic; the tolerances are what a correct sampler
/// meets with overwhelming probability (4.5 standard errors; chi-square bands in
/// `Statistics.chiSquareAccepts`), so a pass is evidence and a failure is a real defect.
@Suite struct DrawDistributionTests {
    static let n = 100_000

    /// |sample mean - mean| and |sample variance - variance| within 4.5 standard errors, given
    /// the distribution's variance and fourth central moment.
    static func checkMoments(_ xs: [Double], mean: Double, variance: Double, fourthMoment: Double, _ label: String) {
        let count = Double(xs.count)
        let m = Statistics.mean(xs)
        let v = Statistics.variance(xs)
        #expect(abs(m - mean) <= 4.5 * (variance / count).squareRoot(), "\(label): mean \(m), expected \(mean)")
        #expect(abs(v - variance) <= 4.5 * ((fourthMoment - variance * variance) / count).squareRoot(), "\(label): variance \(v), expected \(variance)")
    }

    @Test(arguments: [0.3, 2, 9.99, 10, 29.9, 30, 45, 250, 5000] as [Double])
    func poissonMeanAndVariance(mean: Double) {
        var rng = Xoshiro256StarStar(seed: 100 + UInt64(mean * 10))
        let xs = (0..<Self.n).map { _ in Double(Draw.poisson(mean: mean, using: &rng)) }
        #expect(xs.allSatisfy { $0 >= 0 && $0 == $0.rounded() })
        // Poisson: variance = mean, fourth central moment = mean (1 + 3 mean).
        Self.checkMoments(xs, mean: mean, variance: mean, fourthMoment: mean * (1 + 3 * mean), "poisson(\(mean))")
    }

    /// The whole distribution, not just two moments: chi-square against the Poisson
    /// probabilities computed in closed form (tail cells pooled to keep expected counts >= 20).
    @Test(arguments: [1.5, 9.9, 10, 12, 45, 120, 1000] as [Double])
    func poissonProbabilitiesByChiSquare(mean: Double) {
        Self.checkPoissonByChiSquare(mean: mean) { rng in Draw.poisson(mean: mean, using: &rng) }
    }

    /// Poisson by inversion of one uniform, on both sides of its switch to a start near the
    /// mean (500).
    @Test(arguments: [0.3, 1.5, 12, 45, 120, 499, 501, 1000, 5000] as [Double])
    func poissonByInversionProbabilitiesByChiSquare(mean: Double) {
        Self.checkPoissonByChiSquare(mean: mean) { rng in Draw.poisson(mean: mean, quantile: rng.nextUnit()) }
    }

    /// For one uniform, inversion never gives fewer for a larger mean (what common random
    /// numbers rely on); and the extreme uniforms give finite answers.
    @Test func poissonByInversionGrowsWithTheMean() {
        var rng = Xoshiro256StarStar(seed: 77)
        for _ in 0..<20_000 {
            let u = rng.nextUnit()
            let mean = 2000 * rng.nextUnit() * rng.nextUnit()
            let more = mean * (1 + 0.05 * rng.nextUnit())
            #expect(Draw.poisson(mean: mean, quantile: u) <= Draw.poisson(mean: more, quantile: u), "u \(u), means \(mean) < \(more)")
        }
        for mean in [0.5, 40, 499.9, 500.1, 1e6] {
            #expect(Draw.poisson(mean: mean, quantile: 0) <= Int(mean))
            #expect(Draw.poisson(mean: mean, quantile: 1 - 0x1p-53) >= Int(mean))
            #expect(Draw.poisson(mean: mean, quantile: 1 - 0x1p-53) <= Int(mean + 41 * mean.squareRoot() + 41))
        }
        #expect(Draw.poisson(mean: 0, quantile: 0.5) == 0)
        #expect(Draw.poisson(mean: -1, quantile: 0.5) == 0)
    }

    /// Chi-square of `draw`'s counts against the Poisson probabilities computed in closed form
    /// (tail cells pooled to keep expected counts >= 20).
    static func checkPoissonByChiSquare(mean: Double, draw: (inout Xoshiro256StarStar) -> Int) {
        var rng = Xoshiro256StarStar(seed: 200 + UInt64(mean))
        let hi = Int(mean + 6 * mean.squareRoot() + 10)
        var counts = [Int](repeating: 0, count: hi + 1)
        for _ in 0..<Self.n { counts[min(hi, draw(&rng))] += 1 }
        // p(k) = exp(-mean + k log mean - log k!)
        var probabilities = (0...hi).map { k in exp(-mean + Double(k) * log(mean) - lgamma(Double(k) + 1)) }
        probabilities[hi] = max(0, 1 - probabilities.dropLast().reduce(0, +))
        // Pool cells from each end towards the middle until each expects at least 20.
        var cellsObserved: [Int] = []
        var cellsProbability: [Double] = []
        var o = 0, p = 0.0
        for k in 0...hi {
            o += counts[k]
            p += probabilities[k]
            if p * Double(Self.n) >= 20 {
                cellsObserved.append(o)
                cellsProbability.append(p)
                o = 0
                p = 0
            }
        }
        cellsObserved[cellsObserved.count - 1] += o
        cellsProbability[cellsProbability.count - 1] += p
        let statistic = Statistics.chiSquare(observed: cellsObserved, probabilities: cellsProbability)
        #expect(Statistics.chiSquareAccepts(statistic, degreesOfFreedom: cellsObserved.count - 1), "poisson(\(mean)): chi-square \(statistic) on \(cellsObserved.count - 1) df")
    }

    @Test func poissonOfZeroOrLessIsZero() {
        var rng = Xoshiro256StarStar(seed: 1)
        #expect(Draw.poisson(mean: 0, using: &rng) == 0)
        #expect(Draw.poisson(mean: -3, using: &rng) == 0)
    }

    @Test(arguments: [0.25, 1, 7.5] as [Double])
    func exponentialMomentsAndDistribution(mean: Double) {
        var rng = Xoshiro256StarStar(seed: 300 + UInt64(mean * 4))
        let xs = (0..<Self.n).map { _ in Draw.exponential(mean: mean, using: &rng) }
        #expect(xs.allSatisfy { $0 >= 0 && $0.isFinite })
        // Exponential: variance mean², fourth central moment 9 mean⁴.
        Self.checkMoments(xs, mean: mean, variance: mean * mean, fourthMoment: 9 * pow(mean, 4), "exponential(\(mean))")
        // Probability integral transform: F(x) = 1 - exp(-x / mean) is uniform on 20 bins.
        var bins = [Int](repeating: 0, count: 20)
        for x in xs { bins[min(19, Int((1 - exp(-x / mean)) * 20))] += 1 }
        let statistic = Statistics.chiSquare(observed: bins, probabilities: .init(repeating: 0.05, count: 20))
        #expect(Statistics.chiSquareAccepts(statistic, degreesOfFreedom: 19), "chi-square \(statistic)")
    }

    @Test func standardNormalMomentsAndDistribution() {
        var rng = Xoshiro256StarStar(seed: 400)
        let xs = (0..<Self.n).map { _ in Draw.standardNormal(using: &rng) }
        #expect(xs.allSatisfy { $0.isFinite })
        // Normal: variance 1, fourth central moment 3.
        Self.checkMoments(xs, mean: 0, variance: 1, fourthMoment: 3, "standard normal")
        var bins = [Int](repeating: 0, count: 20)
        for x in xs { bins[min(19, Int(0.5 * (1 + erf(x / 2.0.squareRoot())) * 20))] += 1 }
        let statistic = Statistics.chiSquare(observed: bins, probabilities: .init(repeating: 0.05, count: 20))
        #expect(Statistics.chiSquareAccepts(statistic, degreesOfFreedom: 19), "chi-square \(statistic)")
    }

    @Test func weightedIndexFollowsTheWeights() {
        let weights: [Double] = [1, 0, 3, 6, 0, 2.5, 0.5]
        let total = weights.reduce(0, +)
        let p = weights.map { $0 / total }
        var rng = Xoshiro256StarStar(seed: 500)
        var counts = [Int](repeating: 0, count: weights.count)
        var xs: [Double] = []
        for _ in 0..<Self.n {
            let i = Draw.weightedIndex(weights, using: &rng)
            counts[i] += 1
            xs.append(Double(i))
        }
        #expect(counts[1] == 0 && counts[4] == 0, "a zero weight was chosen")
        let positive = weights.indices.filter { weights[$0] > 0 }
        let statistic = Statistics.chiSquare(observed: positive.map { counts[$0] }, probabilities: positive.map { p[$0] })
        #expect(Statistics.chiSquareAccepts(statistic, degreesOfFreedom: positive.count - 1), "chi-square \(statistic)")
        let mean = weights.indices.reduce(0.0) { $0 + Double($1) * p[$1] }
        let variance = weights.indices.reduce(0.0) { $0 + (Double($1) - mean) * (Double($1) - mean) * p[$1] }
        let fourth = weights.indices.reduce(0.0) { $0 + pow(Double($1) - mean, 4) * p[$1] }
        Self.checkMoments(xs, mean: mean, variance: variance, fourthMoment: fourth, "weightedIndex")
    }

    @Test func weightedIndexWithOneWeightAndTrailingZeros() {
        var rng = Xoshiro256StarStar(seed: 501)
        for _ in 0..<1000 { #expect(Draw.weightedIndex([0, 0, 4, 0], using: &rng) == 2) }
    }

    @Test func bernoulliAndIntegerAreFair() {
        var rng = Xoshiro256StarStar(seed: 600)
        let hits = (0..<Self.n).filter { _ in Draw.bernoulli(0.3, using: &rng) }.count
        #expect(abs(Double(hits) / Double(Self.n) - 0.3) <= 4.5 * (0.3 * 0.7 / Double(Self.n)).squareRoot())
        var counts = [Int](repeating: 0, count: 7)
        for _ in 0..<Self.n { counts[Draw.integer(in: -3...3, using: &rng) + 3] += 1 }
        let statistic = Statistics.chiSquare(observed: counts, probabilities: .init(repeating: 1.0 / 7, count: 7))
        #expect(Statistics.chiSquareAccepts(statistic, degreesOfFreedom: 6), "chi-square \(statistic)")
    }
}
