import Interchange
import Simulation

/// Recruitment spend and invest-to-save in the outputs: the spend of one scenario
/// (`summary.json`, `recruitment_spend.csv`, report.html, terminal) and a scenario's extra spend
/// against its placement savings beside the first scenario of a comparison (`comparison.json`,
/// `invest_to_save.csv`, the comparison's report.html, terminal).
public enum InvestToSaveWriters {
    /// The spend items, with their keys and words.
    static let items: [(key: String, words: String, series: @Sendable (RunMoney) -> [Double])] = [
        ("marketing", "Marketing", { $0.marketing }),
        ("assessment", "Assessment", { $0.assessment }),
        ("support", "Support of approved households", { $0.support }),
        ("allowances", "New carers' extra allowances", { $0.allowances }),
        ("total", "Recruitment and support in all", SimulationResults.recruitmentSeries),
    ]

    /// The comparisons of every scenario after the first with the first (the baseline).
    public static func comparisons(_ all: [SimulationResults]) -> [(scenario: SimulationResults, result: InvestToSave)] {
        guard let baseline = all.first else { return [] }
        return all.dropFirst().map { ($0, InvestToSave(baseline: baseline.runMoney, scenario: $0.runMoney, years: baseline.years)) }
    }

    /// A payback year in words: "year 3", or "not within the 10-year horizon".
    public static func yearWords(_ year: Int?, horizon: Int) -> String {
        guard let year else { return "not within the \(horizon)-year horizon" }
        return "year \(year)"
    }

    /// `"recruitment_spend"` of summary.json: per year, each item's P10/P50/P90 (a key and value, no trailing comma).
    public static func summaryJSON(_ r: SimulationResults) -> String {
        let b = SimulationResultWriters.bands
        var out = "  \"recruitment_spend\": {\n    \"basis\": \(JSONText.quote(TerminalSummary.currencyBasis(r))),\n    \"years\": ["
        var rows: [String] = []
        for year in stride(from: 1, through: r.years, by: 1) {
            rows.append("{\"year\": \(year), " + items.map { "\(JSONText.quote($0.key)): \(b(r.moneyInYear(year, $0.series)))" }.joined(separator: ", ") + "}")
        }
        out += rows.isEmpty ? "]\n  }" : "\n      " + rows.joined(separator: ",\n      ") + "\n    ]\n  }"
        return out
    }

    /// `recruitment_spend.csv`: year, item, p10, p50, p90 (pounds, cash terms).
    public static func spendCSV(_ r: SimulationResults) -> String {
        let n = SimulationResultWriters.number
        var rows: [[String]] = []
        for year in stride(from: 1, through: r.years, by: 1) {
            for item in items {
                let p = r.moneyInYear(year, item.series)
                rows.append([String(year), item.key, n(p.p10), n(p.p50), n(p.p90)])
            }
        }
        return CSV.render(header: ["year", "item", "p10", "p50", "p90"], rows: rows)
    }

    /// `"invest_to_save"` of comparison.json (a key and value, no trailing comma).
    public static func comparisonJSON(_ all: [SimulationResults]) -> String {
        let b = SimulationResultWriters.bands
        func year(_ y: Int?) -> String { y.map(String.init) ?? "null" }
        let entries = comparisons(all).map { scenario, result -> String in
            var out = "{\"scenario\": \(JSONText.quote(scenario.scenario.name)), \"baseline\": \(JSONText.quote(all[0].scenario.name)), "
            out += "\"basis\": \(JSONText.quote(TerminalSummary.currencyBasis(all[0]))),\n      "
            out += "\"payback_year\": {\"p10\": \(year(result.payback.p10)), \"p50\": \(year(result.payback.p50)), \"p90\": \(year(result.payback.p90))}, "
            out += "\"paid_back_runs\": \(result.paidBackRuns), \"runs\": \(result.runs), \"extra_spend\": \(result.hasExtraSpend),\n      \"years\": ["
            out += result.years.map { y in
                "\n        {\"year\": \(y.year), \"extra_spend\": \(b(y.extraSpend)), \"savings\": \(b(y.savings)), \"net\": \(b(y.net)), \"cumulative_net\": \(b(y.cumulativeNet))}"
            }.joined(separator: ",")
            return out + "]}"
        }
        return "  \"invest_to_save\": [" + (entries.isEmpty ? "]" : "\n    " + entries.joined(separator: ",\n    ") + "\n  ]")
    }

    /// `invest_to_save.csv`: scenario, baseline, year, measure, p10, p50, p90; measures
    /// `extra_spend`, `savings`, `net`, `cumulative_net` by year (pounds), then `payback_year`
    /// with an empty year (a value left empty: not within the horizon).
    public static func csv(_ all: [SimulationResults]) -> String {
        let n = SimulationResultWriters.number
        var rows: [[String]] = []
        for (scenario, result) in comparisons(all) {
            let names = [scenario.scenario.name, all[0].scenario.name]
            for y in result.years {
                for (measure, p) in [("extra_spend", y.extraSpend), ("savings", y.savings), ("net", y.net), ("cumulative_net", y.cumulativeNet)] {
                    rows.append(names + [String(y.year), measure, n(p.p10), n(p.p50), n(p.p90)])
                }
            }
            let p = result.payback
            rows.append(names + ["", "payback_year"] + [p.p10, p.p50, p.p90].map { $0.map(String.init) ?? "" })
        }
        return CSV.render(header: ["scenario", "baseline", "year", "measure", "p10", "p50", "p90"], rows: rows)
    }

    /// Terminal lines of a comparison: per scenario, the extra spend and savings over the
    /// horizon and the payback year with its band.
    public static func terminal(_ all: [SimulationResults]) -> String {
        let found = comparisons(all)
        guard !found.isEmpty else { return "" }
        var out = "\nInvest to save: extra recruitment spend against placement savings, paired with \(all[0].scenario.name)\n"
        out += "(\(TerminalSummary.currencyBasis(all[0])), not discounted):\n"
        for (scenario, result) in found {
            out += "  \(scenario.scenario.name): " + netWords(result, horizon: all[0].years) + "\n"
            out += "    " + paybackWords(result, horizon: all[0].years) + "\n"
        }
        return out
    }

    /// One sentence: cumulative net at the horizon and the payback year.
    static func sentence(_ result: InvestToSave, horizon: Int) -> String {
        netWords(result, horizon: horizon) + "; " + paybackWords(result, horizon: horizon)
    }

    /// "net £5.33m [£508k to £14.17m] over 10 years".
    static func netWords(_ result: InvestToSave, horizon: Int) -> String {
        guard let last = result.years.last else { return "no years simulated" }
        let m = TerminalSummary.money
        return "net \(m(last.cumulativeNet.p50)) [\(m(last.cumulativeNet.p10)) to \(m(last.cumulativeNet.p90))] over \(horizon) years"
    }

    /// "payback year 3 (P10 year 1, P90 year 7); 40 of 40 runs pay back".
    static func paybackWords(_ result: InvestToSave, horizon: Int) -> String {
        guard result.hasExtraSpend else { return "no extra recruitment spend to pay back" }
        let p = result.payback
        return "payback \(yearWords(p.p50, horizon: horizon)) (P10 \(yearWords(p.p10, horizon: horizon)), "
            + "P90 \(yearWords(p.p90, horizon: horizon))); \(result.paidBackRuns) of \(result.runs) runs pay back"
    }
}
