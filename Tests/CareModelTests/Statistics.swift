/// Small statistics helpers for the random-number tests.
enum Statistics {
    static func mean(_ xs: [Double]) -> Double { xs.reduce(0, +) / Double(xs.count) }

    /// The unbiased sample variance.
    static func variance(_ xs: [Double]) -> Double {
        let m = mean(xs)
        return xs.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(xs.count - 1)
    }

    /// Pearson's correlation coefficient of two equally long samples.
    static func correlation(_ xs: [Double], _ ys: [Double]) -> Double {
        let mx = mean(xs)
        let my = mean(ys)
        var sxy = 0.0, sxx = 0.0, syy = 0.0
        for (x, y) in zip(xs, ys) {
            sxy += (x - mx) * (y - my)
            sxx += (x - mx) * (x - mx)
            syy += (y - my) * (y - my)
        }
        return sxy / (sxx * syy).squareRoot()
    }

    /// Pearson's chi-square statistic of observed counts against expected probabilities.
    static func chiSquare(observed: [Int], probabilities: [Double]) -> Double {
        let n = Double(observed.reduce(0, +))
        return zip(observed, probabilities).reduce(0) { sum, pair in
            let expected = n * pair.1
            return sum + (Double(pair.0) - expected) * (Double(pair.0) - expected) / expected
        }
    }

    /// A generous acceptance band for a chi-square statistic with `df` degrees of freedom:
    /// mean df, standard deviation sqrt(2 df), accepted within 4.5 standard deviations above
    /// (a p-value around 1e-4 for the df used here) and never below zero.
    static func chiSquareAccepts(_ statistic: Double, degreesOfFreedom df: Int) -> Bool {
        statistic <= Double(df) + 4.5 * (2 * Double(df)).squareRoot()
    }
}
