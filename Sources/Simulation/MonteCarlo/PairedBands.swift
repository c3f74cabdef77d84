/// How much common random numbers narrow a comparison: the P10-P90 width of the per-run
/// differences between two scenarios run on the same seed, paired (run k of one minus run k of
/// the other) and unpaired (run k minus run k + n/2: two independent runs, since runs are
/// independent and identically distributed).
///
/// A ratio paired / independent well below 1 means the pairing removes most of the noise the
/// two scenarios share; 1 means it removes none.
package enum PairedBands {
    /// The per-run values of `kpi` in `results` at the end of `year` (flows: the year's total).
    package static func values(_ results: SimulationResults, _ kpi: KPI, year: Int) -> [Double] {
        let k = KPI.allCases.count
        return results.runValues.map { run in
            guard kpi.isFlow else { return run[year * 12 * k + kpi.rawValue] }
            guard year >= 1 else { return 0 }
            return ((year - 1) * 12 + 1...year * 12).reduce(0.0) { $0 + run[$1 * k + kpi.rawValue] }
        }
    }

    /// The P10-P90 widths of the paired and of the unpaired differences `b - a` of `kpi` at `year`.
    /// - Complexity: O(runs log runs).
    package static func widths(_ a: SimulationResults, _ b: SimulationResults, _ kpi: KPI, year: Int) -> (paired: Double, independent: Double) {
        let x = values(a, kpi, year: year), y = values(b, kpi, year: year)
        let n = min(x.count, y.count)
        guard n >= 2 else { return (0, 0) }
        let paired = Percentiles(of: (0..<n).map { y[$0] - x[$0] })
        let shift = n / 2
        let independent = Percentiles(of: (0..<n).map { y[$0] - x[($0 + shift) % n] })
        return (paired.p90 - paired.p10, independent.p90 - independent.p10)
    }

    /// Paired width / independent width (1 when both are zero).
    package static func ratio(_ a: SimulationResults, _ b: SimulationResults, _ kpi: KPI, year: Int) -> Double {
        let w = widths(a, b, kpi, year: year)
        if w.independent == 0 { return w.paired == 0 ? 1 : .infinity }
        return w.paired / w.independent
    }
}
