/// Invest-to-save: what a scenario spends on recruiting and supporting in-house carers beyond a
/// baseline, set against what it saves on placements, year by year, with the payback year.
///
/// ## Design note
/// The counterfactual is the baseline scenario run on the same seed (the first scenario of
/// `hearth compare`): run k of both draws the same arrivals, stays and carers' lives
/// (common random numbers), so each run's difference is the scenario's effect, not luck. For
/// each run and year: extra spend = recruitment spend (marketing, assessment, support, new
/// carers' extra allowances; `RunMoney`) of the scenario minus the baseline's; savings =
/// placement costs of the baseline minus the scenario's; net = savings - extra spend. The
/// payback year of a run is the first year whose cumulative net is 0 or more once some extra
/// spend has been made (simple payback, undiscounted, in the cash terms of the costs); a run
/// whose cumulative net stays negative has not paid back within the horizon. Bands are over
/// runs: P10/P50/P90 of each year's paired differences, and of the payback year as an order
/// statistic (nearest rank, a run that never pays back ranked last), so "P50 not within the
/// horizon" means at least half the runs have not paid back by its end.
public struct InvestToSave: Sendable {
    /// One year's paired differences over runs.
    public struct Year: Sendable {
        public var year: Int
        public var extraSpend: Percentiles
        public var savings: Percentiles
        public var net: Percentiles
        public var cumulativeNet: Percentiles
    }

    public var years: [Year]
    /// The payback year's P10, P50 and P90 over runs (nil = not within the horizon).
    public var payback: (p10: Int?, p50: Int?, p90: Int?)
    /// Runs that paid back within the horizon, and runs in all.
    public var paidBackRuns: Int
    public var runs: Int
    /// Whether any run spent more on recruitment than the baseline (else there is nothing to pay back).
    public var hasExtraSpend: Bool

    /// The comparison of `scenario`'s runs with `baseline`'s, run for run, over `years` years.
    /// - Complexity: O(runs x months + years x runs log runs).
    public init(baseline: [RunMoney], scenario: [RunMoney], years: Int) {
        let n = min(baseline.count, scenario.count)
        var spend: [[Double]] = [], saved: [[Double]] = []
        for r in 0..<n {
            let extra = zip(RunMoney.yearly((0..<baseline[r].placements.count).map(scenario[r].recruitment(month:)), years: years),
                            RunMoney.yearly((0..<baseline[r].placements.count).map(baseline[r].recruitment(month:)), years: years)).map { $0 - $1 }
            let savings = zip(RunMoney.yearly(baseline[r].placements, years: years),
                              RunMoney.yearly(scenario[r].placements, years: years)).map { $0 - $1 }
            spend.append(extra)
            saved.append(savings)
        }
        var rows: [Year] = []
        var cumulative = [Double](repeating: 0, count: n)
        for y in 0..<years {
            let net = (0..<n).map { saved[$0][y] - spend[$0][y] }
            for r in 0..<n { cumulative[r] += net[r] }
            rows.append(Year(year: y + 1, extraSpend: Percentiles(of: spend.map { $0[y] }), savings: Percentiles(of: saved.map { $0[y] }),
                             net: Percentiles(of: net), cumulativeNet: Percentiles(of: cumulative)))
        }
        self.years = rows
        let paybacks = (0..<n).map { Self.paybackYear(extraSpend: spend[$0], savings: saved[$0]) }
        payback = (Self.yearQuantile(paybacks, 0.1), Self.yearQuantile(paybacks, 0.5), Self.yearQuantile(paybacks, 0.9))
        paidBackRuns = paybacks.compactMap { $0 }.count
        runs = n
        hasExtraSpend = spend.contains { run in run.contains { $0 > 0 } }
    }

    /// The first year (1...) at whose end cumulative savings cover the cumulative extra spend,
    /// counting only years by which some extra spend has been made; nil if none.
    /// - Complexity: O(years).
    public static func paybackYear(extraSpend: [Double], savings: [Double]) -> Int? {
        var spent = 0.0, net = 0.0
        for y in 0..<min(extraSpend.count, savings.count) {
            spent += extraSpend[y]
            net += savings[y] - extraSpend[y]
            // To the penny: sums of monthly amounts carry rounding error.
            if spent > 0, net >= -0.005 { return y + 1 }
        }
        return nil
    }

    /// The `p` quantile of payback years by nearest rank (the ceil(p x n)-th smallest), nil
    /// (never) ranked after every year.
    public static func yearQuantile(_ years: [Int?], _ p: Double) -> Int? {
        guard !years.isEmpty else { return nil }
        let sorted = years.sorted { ($0 ?? Int.max) < ($1 ?? Int.max) }
        let rank = min(sorted.count, max(1, Int((p * Double(sorted.count)).rounded(.up))))
        return sorted[rank - 1]
    }
}

extension SimulationResults {
    /// P10/P50/P90 over runs of a monthly money series summed over `year` (1...).
    public func moneyInYear(_ year: Int, _ series: (RunMoney) -> [Double]) -> Percentiles {
        Percentiles(of: runMoney.map { run in
            let values = series(run)
            return (((year - 1) * 12 + 1)...(year * 12)).reduce(0.0) { $0 + ($1 < values.count ? values[$1] : 0) }
        })
    }

    /// Each run's recruitment and support spend, month by month.
    public static func recruitmentSeries(_ run: RunMoney) -> [Double] { run.placements.indices.map(run.recruitment(month:)) }
}
