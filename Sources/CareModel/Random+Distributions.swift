#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Draws from the distributions the generators and the simulator need.
///
/// All take `using rng: inout some RandomNumberGenerator` so that every draw flows from a seed.
@usableFromInline package enum Draw {
    /// Exponential with the given mean by inversion of the uniform `u` in [0, 1).
    @inlinable
    package static func exponential(mean: Double, quantile u: Double) -> Double {
        -mean * log1p(-u)
    }

    /// Exponential with the given mean (inverse transform).
    @inlinable
    package static func exponential(mean: Double, using rng: inout some RandomNumberGenerator) -> Double {
        -mean * log1p(-rng.nextUnit())
    }

    /// Standard normal (Box-Muller; one of the pair is discarded to stay stateless).
    @inlinable
    package static func standardNormal(using rng: inout some RandomNumberGenerator) -> Double {
        var u = rng.nextUnit()
        while u <= 0 { u = rng.nextUnit() }
        let v = rng.nextUnit()
        return (-2 * log(u)).squareRoot() * cos(2 * Double.pi * v)
    }

    /// Poisson with the given mean, exactly: Knuth's product method below 10, Hörmann's
    /// transformed rejection with squeeze (PTRS, 1993) from 10 up.
    ///
    /// Knuth's method costs about `mean` uniforms per draw; PTRS costs about 2.5 uniforms
    /// whatever the mean. (A rounded normal approximation is not used: its shape is measurably
    /// wrong, with skewness 0 where the Poisson's is 1/sqrt(mean).)
    /// - Complexity: O(min(mean, 10)) expected.
    package static func poisson(mean: Double, using rng: inout some RandomNumberGenerator) -> Int {
        guard mean > 0 else { return 0 }
        if mean < 10 {
            let limit = exp(-mean)
            var k = 0
            var p = rng.nextUnit()
            while p > limit {
                k += 1
                p *= rng.nextUnit()
            }
            return k
        }
        // PTRS: a transformed-rejection hat over the Poisson, with a cheap acceptance region.
        let root = mean.squareRoot()
        let logMean = log(mean)
        let b = 0.931 + 2.53 * root
        let a = -0.059 + 0.02483 * b
        let inverseAlpha = 1.1239 + 1.1328 / (b - 3.4)
        let acceptAll = 0.9277 - 3.6224 / (b - 2)
        let largest = Double(Int.max / 2)
        while true {
            let u = rng.nextUnit() - 0.5
            let v = rng.nextUnit()
            let us = 0.5 - abs(u)
            guard us > 0 else { continue }
            let x = ((2 * a / us + b) * u + mean + 0.43).rounded(.down)
            if us >= 0.07 && v <= acceptAll { return Int(x) }
            if x < 0 || x > largest || (us < 0.013 && v > us) { continue }
            if log(v) + log(inverseAlpha) - log(a / (us * us) + b) <= -mean + x * logMean - lgamma(x + 1) {
                return Int(x)
            }
        }
    }

    /// Poisson with the given mean by inversion of the uniform `u` in [0, 1): the smallest `k`
    /// with P(X <= k) > u. One uniform per variate, and the result never decreases as the mean
    /// grows (for a fixed `u`), which is what common random numbers need.
    ///
    /// The CDF is summed upward with the recurrence p(k) = p(k-1) x mean / k (Devroye 1986,
    /// section X.3, "inversion by sequential search"). Below a mean of 500 the sum starts at
    /// p(0) = exp(-mean); above, exp(-mean) would underflow, so it starts 25 standard deviations
    /// below the mean, with p(start) from `lgamma` (at least exp(-530), representable); the
    /// mass left out is below exp(-mean h(start/mean)) < 10^-135, h(x) = x log x - x + 1
    /// (Chernoff bound), far below the 2^-53 resolution of `u`. The search stops 40 deviations
    /// above the mean (a guard against a sum that rounding keeps below `u`).
    /// - Complexity: O(mean) below 500, O(sqrt(mean)) above.
    package static func poisson(mean: Double, quantile u: Double) -> Int {
        guard mean > 0, mean.isFinite else { return 0 }
        let deviation = mean.squareRoot()
        let limit = Int(min(Double(Int.max / 4), mean + 40 * deviation + 40))
        var k = 0
        var p: Double
        if mean < 500 {
            p = exp(-mean)
        } else {
            k = Int(max(0, mean - 25 * deviation))
            p = exp(-mean + Double(k) * log(mean) - lgamma(Double(k) + 1))
        }
        var cumulative = p
        while cumulative <= u, k < limit {
            k += 1
            p *= mean / Double(k)
            cumulative += p
        }
        return k
    }

    /// True with probability `p`.
    @inlinable
    package static func bernoulli(_ p: Double, using rng: inout some RandomNumberGenerator) -> Bool {
        rng.nextUnit() < p
    }

    /// An index chosen with probability proportional to `weights` (non-negative, not all zero).
    /// - Complexity: O(weights.count).
    @usableFromInline package static func weightedIndex(_ weights: [Double], using rng: inout some RandomNumberGenerator) -> Int {
        weightedIndex(weights, quantile: rng.nextUnit())
    }

    /// The index whose share of the cumulative weights holds the uniform `u` in [0, 1)
    /// (inversion: one uniform per draw).
    /// - Complexity: O(weights.count).
    package static func weightedIndex(_ weights: [Double], quantile u: Double) -> Int {
        let total = weights.reduce(0, +)
        precondition(total > 0, "weights must not all be zero")
        var target = u * total
        for (i, w) in weights.enumerated() {
            target -= w
            if target < 0 { return i }
        }
        return weights.lastIndex(where: { $0 > 0 })!
    }

    /// A uniform integer in `range` (Lemire's nearly-divisionless method via the standard library).
    @inlinable
    package static func integer(in range: ClosedRange<Int>, using rng: inout some RandomNumberGenerator) -> Int {
        Int.random(in: range, using: &rng)
    }
}
