#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Draws from the distributions the generators and the simulator need.
///
/// All take `using rng: inout some RandomNumberGenerator` so that every draw flows from a seed.
public enum Draw {
    /// Exponential with the given mean (inverse transform).
    @inlinable
    public static func exponential(mean: Double, using rng: inout some RandomNumberGenerator) -> Double {
        -mean * log1p(-rng.nextUnit())
    }

    /// Standard normal (Box-Muller; one of the pair is discarded to stay stateless).
    @inlinable
    public static func standardNormal(using rng: inout some RandomNumberGenerator) -> Double {
        var u = rng.nextUnit()
        while u <= 0 { u = rng.nextUnit() }
        let v = rng.nextUnit()
        return (-2 * log(u)).squareRoot() * cos(2 * Double.pi * v)
    }

    /// Poisson with the given mean: Knuth's product method below 30, a rounded normal
    /// approximation with continuity correction above (error well under 1% of the sd there).
    public static func poisson(mean: Double, using rng: inout some RandomNumberGenerator) -> Int {
        guard mean > 0 else { return 0 }
        if mean < 30 {
            let limit = exp(-mean)
            var k = 0
            var p = rng.nextUnit()
            while p > limit {
                k += 1
                p *= rng.nextUnit()
            }
            return k
        }
        let x = mean + mean.squareRoot() * standardNormal(using: &rng)
        return max(0, Int((x + 0.5).rounded(.down)))
    }

    /// True with probability `p`.
    @inlinable
    public static func bernoulli(_ p: Double, using rng: inout some RandomNumberGenerator) -> Bool {
        rng.nextUnit() < p
    }

    /// An index chosen with probability proportional to `weights` (non-negative, not all zero).
    /// - Complexity: O(weights.count).
    public static func weightedIndex(_ weights: [Double], using rng: inout some RandomNumberGenerator) -> Int {
        let total = weights.reduce(0, +)
        precondition(total > 0, "weights must not all be zero")
        var target = rng.nextUnit() * total
        for (i, w) in weights.enumerated() {
            target -= w
            if target < 0 { return i }
        }
        return weights.lastIndex(where: { $0 > 0 })!
    }

    /// A uniform integer in `range` (Lemire's nearly-divisionless method via the standard library).
    @inlinable
    public static func integer(in range: ClosedRange<Int>, using rng: inout some RandomNumberGenerator) -> Int {
        Int.random(in: range, using: &rng)
    }
}
