import Interchange
import Simulation
import CareModel

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Calibration {
    /// Entries per year by age band at entry with a common log-linear trend.
    ///
    /// Model: entries of band b in year t are Poisson with mean exp(a_b + beta t), a_b free per
    /// band and beta shared (a log-linear Poisson regression). Given beta, the maximum-likelihood
    /// a_b match each band's total, so beta solves the one-dimensional score equation
    /// sum_t t (Y_t - Y w_t(beta)) = 0 with w_t proportional to exp(beta t); Newton's method on
    /// it converges in a few steps. The standard error of beta is 1 / sqrt(Y Var_w(t)), and
    /// that of a band's fitted level follows from the delta method; both are scaled by the
    /// quasi-Poisson dispersion (Pearson chi-square / degrees of freedom, at least 1), because
    /// sibling groups make yearly counts vary more than Poisson.
    static func estimateEntries(_ histories: [CareHistory], window: Window, notes: inout [String]) -> EntryEstimates {
        // Whole years ending on window.to, going back while inside the window.
        var yearEnds: [CalendarDay] = []
        var k = 0
        while true {
            let start = window.to.adding(years: -(k + 1))
            if start.adding(days: 1) < window.from { break }
            yearEnds.append(window.to.adding(years: -k))
            k += 1
        }
        yearEnds.reverse()
        let n = yearEnds.count
        var counts = [[Int]](repeating: [Int](repeating: 0, count: AgeBand.allCases.count), count: n)
        if n > 0 {
            let firstStart = yearEnds[0].adding(years: -1)
            forEachEntry(histories, window: window) { h, p in
                guard p.start > firstStart else { return }
                // Year index: the first year end on or after the start.
                var lo = 0, hi = n - 1
                while lo < hi {
                    let mid = (lo + hi) / 2
                    if yearEnds[mid] >= p.start { hi = mid } else { lo = mid + 1 }
                }
                counts[lo][AgeBand(age: h.age(on: p.start)).rawValue] += 1
            }
        }
        let yearly = zip(yearEnds, counts).map { EntryEstimates.YearCount(yearEnding: $0, byBand: $1) }
        let totals = counts.map { $0.reduce(0, +) }
        let all = totals.reduce(0, +)
        let describe = n == 0 ? "no whole year of entries in \(span(window))"
            : "estimated from \(count(all)) entries in \(n) year\(n == 1 ? "" : "s") to \(window.to)"
        guard n > 0 else {
            notes.append("The window \(span(window)) is shorter than a year: entry rates could not be estimated.")
            let zero = Estimate(value: 0, source: describe)
            return EntryEstimates(perYearByBand: Dictionary(uniqueKeysWithValues: AgeBand.allCases.map { ($0.key, zero) }),
                                  perYear: zero, trendPerYear: zero, yearly: [], slope: 0, slopeStandardError: 0, dispersion: 1)
        }
        let fit = PoissonTrend.fit(totals)
        if n < 3 { notes.append("Only \(n) whole year(s) of entries: the trend is fixed at 0.") }
        let beta = n < 3 ? 0 : fit.slope
        let betaSEPoisson = n < 3 ? nil : fit.slopeStandardError
        // exp(beta * (n-1)) / sum_t exp(beta t): the last year's share of the fitted total.
        var weightSum = 0.0
        var tMean = 0.0
        for t in 0..<n { weightSum += exp(beta * Double(t)) }
        for t in 0..<n { tMean += Double(t) * exp(beta * Double(t)) / weightSum }
        let lastFactor = exp(beta * Double(n - 1)) / weightSum
        // Quasi-Poisson dispersion: brothers and sisters arrive together, so yearly counts vary
        // more than Poisson; Pearson chi-square over band-years / residual degrees of freedom
        // (at least 1) scales every variance.
        var pearson = 0.0
        var cells = 0
        for band in AgeBand.allCases {
            let y = counts.reduce(0) { $0 + $1[band.rawValue] }
            guard y > 0 else { continue }
            for t in 0..<n {
                let mu = Double(y) * exp(beta * Double(t)) / weightSum
                let residual = Double(counts[t][band.rawValue]) - mu
                pearson += residual * residual / mu
                cells += 1
            }
        }
        let bandsUsed = AgeBand.allCases.filter { b in counts.contains { $0[b.rawValue] > 0 } }.count
        let dispersion = cells - bandsUsed - 1 > 0 ? max(1, pearson / Double(cells - bandsUsed - 1)) : 1
        let betaSE = betaSEPoisson.map { $0 * dispersion.squareRoot() }
        var byBand: [String: Estimate] = [:]
        for band in AgeBand.allCases {
            let y = counts.reduce(0) { $0 + $1[band.rawValue] }
            let level = Double(y) * lastFactor
            // Var(log level) = 1/y + ((n-1) - tMean)^2 Var(beta).
            let logVar = (y > 0 ? dispersion / Double(y) : 0) + pow(Double(n - 1) - tMean, 2) * pow(betaSE ?? 0, 2)
            byBand[band.key] = Estimate(value: level, standardError: level * logVar.squareRoot(),
                                        source: "\(count(y)) entries aged \(band) in \(n) year\(n == 1 ? "" : "s") to \(window.to), level in the last year of a log-linear Poisson fit")
        }
        let level = Double(all) * lastFactor
        let logVar = (all > 0 ? dispersion / Double(all) : 0) + pow(Double(n - 1) - tMean, 2) * pow(betaSE ?? 0, 2)
        let perYear = Estimate(value: level, standardError: level * logVar.squareRoot(), source: describe + ", level in the last year of a log-linear Poisson fit (dispersion \(Calibration.formatYears(dispersion)))")
        let trend = Estimate(value: exp(beta) - 1, standardError: betaSE.map { exp(beta) * $0 },
                             source: n < 3 ? "fewer than 3 whole years: no trend" : describe + ", log-linear Poisson regression with a trend common to all age bands")
        return EntryEstimates(perYearByBand: byBand, perYear: perYear, trendPerYear: trend, yearly: yearly,
                              slope: beta, slopeStandardError: betaSE ?? 0, dispersion: dispersion)
    }
}

/// Maximum-likelihood fit of counts y_t ~ Poisson(exp(a + b t)), t = 0..<n.
enum PoissonTrend {
    /// The slope b, its standard error and the intercept a.
    /// - Complexity: O(n) per Newton step, a handful of steps.
    static func fit(_ counts: [Int]) -> (slope: Double, slopeStandardError: Double?, intercept: Double) {
        let n = counts.count
        let total = Double(counts.reduce(0, +))
        guard n >= 2, total > 0 else { return (0, nil, total > 0 ? log(total / Double(max(n, 1))) : 0) }
        var observedT = 0.0
        for t in 0..<n { observedT += Double(t) * Double(counts[t]) }
        var b = 0.0
        var variance = 0.0
        for _ in 0..<100 {
            // Weights w_t = exp(b t) / sum, computed stably.
            let shift = b > 0 ? b * Double(n - 1) : 0
            var sum = 0.0, s1 = 0.0, s2 = 0.0
            for t in 0..<n {
                let w = exp(b * Double(t) - shift)
                sum += w
                s1 += Double(t) * w
                s2 += Double(t) * Double(t) * w
            }
            let mean = s1 / sum
            variance = s2 / sum - mean * mean
            let score = observedT - total * mean
            let information = total * variance
            guard information > 0 else { break }
            var step = score / information
            step = max(-1, min(1, step))
            b += step
            if abs(step) < 1e-12 { break }
        }
        var sum = 0.0
        for t in 0..<n { sum += exp(b * Double(t)) }
        let a = log(total / sum)
        return (b, variance > 0 ? 1 / (total * variance).squareRoot() : nil, a)
    }
}
