import Simulation

extension HTMLReport {
    /// "<b>£1.20m</b><br><span>£1.05m to £1.31m</span>".
    static func moneyCell(_ p: Percentiles) -> String {
        let m = TerminalSummary.money
        return "<b>\(FanChart.escape(m(p.p50)))</b><br><span>\(FanChart.escape(m(p.p10))) to \(FanChart.escape(m(p.p90)))</span>"
    }

    /// The simulation report's table of recruitment and support spend, year by year.
    static func spendSection(_ r: SimulationResults) -> String {
        guard r.years >= 1, !r.runMoney.isEmpty else { return "" }
        let costs = r.scenario.costs.recruitment
        var out = "<section class=\"table\"><h2>Recruiting and supporting in-house carers</h2><p class=\"meta\">"
        out += "Spend each year beside the weekly placement costs: marketing (£\(grouped(costs.marketingPerEnquiry)) an enquiry, "
        out += "£\(grouped(costs.marketingPerApproval)) an approval), assessment (£\(grouped(costs.assessmentPerApproval)) an approval), "
        out += "support (£\(grouped(costs.supportPerHouseholdPerYear)) a year per approved household) and extra allowances for new carers "
        out += "(£\(grouped(costs.newCarerWeeklyExtra)) a child-week), in \(FanChart.escape(TerminalSummary.currencyBasis(r))). "
        out += "What recruitment saves needs a comparison: run <code>hearth compare</code> with this scenario after its baseline.</p>"
        for first in stride(from: 1, through: r.years, by: yearsPerTable) {
            let years = first...min(r.years, first + yearsPerTable - 1)
            out += "<table class=\"kpi money\"><thead><tr><th scope=\"col\">Spend</th>"
            for year in years { out += "<th scope=\"col\">Year \(year)</th>" }
            out += "</tr></thead><tbody>"
            for item in InvestToSaveWriters.items {
                out += "<tr><th scope=\"row\">\(FanChart.escape(item.words))</th>"
                for year in years { out += "<td>\(moneyCell(r.moneyInYear(year, item.series)))</td>" }
                out += "</tr>"
            }
            out += "</tbody></table>"
        }
        return out + "</section>"
    }

    /// The comparison report's invest-to-save section: each scenario's extra recruitment spend
    /// against its placement savings beside the first scenario, year by year, and the payback year.
    static func investToSaveSection(_ all: [SimulationResults]) -> String {
        let found = InvestToSaveWriters.comparisons(all)
        guard let baseline = all.first, !found.isEmpty, baseline.years >= 1 else { return "" }
        var out = "<section class=\"table\"><h2>Invest to save</h2><p class=\"meta\">Against <b>\(FanChart.escape(baseline.scenario.name))</b>, "
        out += "run by run on the same random numbers: <i>extra spend</i> is the scenario's recruitment and support spend (marketing, "
        out += "assessment, support, new carers' extra allowances) minus the baseline's; <i>savings</i> are the baseline's placement "
        out += "costs minus the scenario's; <i>net</i> is savings minus extra spend. A run pays back in the first year its cumulative net "
        out += "reaches zero. Each cell: the middle result in bold and the range 8 runs in 10 fall within; "
        out += "money in \(FanChart.escape(TerminalSummary.currencyBasis(baseline))), not discounted.</p>"
        for (scenario, result) in found {
            out += "<h3>\(FanChart.escape(scenario.scenario.name))</h3><p>\(FanChart.escape(InvestToSaveWriters.sentence(result, horizon: baseline.years))).</p>"
            for first in stride(from: 1, through: baseline.years, by: yearsPerTable) {
                let years = result.years.filter { $0.year >= first && $0.year < first + yearsPerTable }
                out += "<table class=\"kpi money\"><thead><tr><th scope=\"col\">Pounds</th>"
                for y in years { out += "<th scope=\"col\">Year \(y.year)</th>" }
                out += "</tr></thead><tbody>"
                let rows: [(String, (InvestToSave.Year) -> Percentiles)] = [
                    ("Extra spend", \.extraSpend), ("Savings", \.savings), ("Net", \.net), ("Cumulative net", \.cumulativeNet),
                ]
                for (words, value) in rows {
                    out += "<tr><th scope=\"row\">\(words)</th>"
                    for y in years { out += "<td>\(moneyCell(value(y)))</td>" }
                    out += "</tr>"
                }
                out += "</tbody></table>"
            }
        }
        return out + "</section>"
    }
}
