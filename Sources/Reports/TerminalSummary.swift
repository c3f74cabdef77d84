import CareModel
import Foundation
import Simulation

/// The summary an analyst reads on the terminal after `hearth simulate`.
public enum TerminalSummary {
    /// The KPIs in the table, in order.
    public static let tableKPIs: [KPI] = [
        .childrenInCare, .entries, .exits, .inHouseFoster, .ifaFoster, .kinship, .residential, .supported, .waiting,
        .households, .approvedPlaces, .vacancies, .utilisationPct, .inHouseSharePct, .over20MilesPct, .moves3PlusPct,
        .weeklyCost,
    ]

    /// The widest line the summary prints: the table wraps by years to fit.
    public static let width = 120

    /// The whole summary: heading, KPI table by year, and the headlines.
    public static func render(_ results: SimulationResults, reportPath: String?) -> String {
        var out = heading(results)
        out += table(results)
        out += "\n" + headlines(results)
        if let reportPath { out += "Report: \(reportPath)\n" }
        return out
    }

    static func heading(_ results: SimulationResults) -> String {
        let s = results.scenario
        var out = "Scenario: \(s.name)\n"
        if !s.description.isEmpty { out += wrap(firstSentence(s.description), width: 96, indent: "  ") }
        var line = "\(results.years) years x \(results.runs) runs from \(s.startDate), seed \(results.seed). "
        line += "Cells: P50 [P10-P90] at the end of each year (the middle run and the range 8 runs in 10 fall within); "
        line += "flows are per year. Money: \(currencyBasis(results))."
        out += wrap(line, width: width, indent: "") + "\n"
        return out
    }

    /// What money figures are in: "cash terms, 3% inflation a year from 2024-04-01".
    package static func currencyBasis(_ results: SimulationResults) -> String {
        let inflation = results.scenario.costs.annualInflation
        guard inflation != 0 else { return "prices of \(results.scenario.startDate), no inflation" }
        let percent = String(format: "%g", (inflation * 1000).rounded() / 10)
        return "cash terms, \(percent)% inflation a year from \(results.scenario.startDate)"
    }

    /// The KPI table, as many years a block as fit in `width` columns.
    package static func table(_ results: SimulationResults) -> String {
        var out = ""
        let years = Array(0...results.years)
        let labelWidth = tableKPIs.map { label($0).count }.max() ?? 0
        let cellWidths = years.map { year in tableKPIs.map { cell(results, $0, year: year).count }.max() ?? 0 }
        var blocks: [[Int]] = []
        var block: [Int] = [], used = labelWidth
        for year in years {
            let needed = 2 + max(cellWidths[year], 7)
            if !block.isEmpty, used + needed > width {
                blocks.append(block)
                block = []
                used = labelWidth
            }
            block.append(year)
            used += needed
        }
        if !block.isEmpty { blocks.append(block) }
        for block in blocks {
            var rows: [[String]] = [["KPI"] + block.map { $0 == 0 ? "start" : "year \($0)" }]
            for kpi in tableKPIs {
                var row = [label(kpi)]
                for year in block { row.append(cell(results, kpi, year: year)) }
                rows.append(row)
            }
            out += layout(rows) + "\n"
        }
        out += "3+ placements in 12 months: the start has no placement history, and year 1 counts only placements made after the start.\n"
        return out
    }

    static func label(_ kpi: KPI) -> String {
        switch kpi {
        case .entries: "Entries (year)"
        case .exits: "Exits (year)"
        default: kpi.label
        }
    }

    /// The P50 [P10-P90] of `kpi` at the end of `year` (flows: summed over the year's months, per run).
    static func cell(_ results: SimulationResults, _ kpi: KPI, year: Int) -> String {
        if kpi == .moves3PlusPct, year == 0 { return "-" }
        let p = kpi.isFlow ? yearFlow(results, kpi, year: year) : results.value(kpi, month: year * 12)
        guard let p else { return "-" }
        return band(p, kpi)
    }

    /// P10/P50/P90 over runs of a flow summed over the months of `year` (nil for the start).
    package static func yearFlow(_ results: SimulationResults, _ kpi: KPI, year: Int) -> Percentiles? {
        guard year >= 1, year <= results.years else { return nil }
        return results.atYear(kpi, year: year)
    }

    static func short(_ x: Double, _ kpi: KPI) -> String {
        if kpi == .weeklyCost { return money(x) }
        if kpi.key.hasSuffix("_pct") { return String(format: "%.1f", x) }
        return String(Int(x.rounded()))
    }

    /// "P50 [P10-P90]" with the table's rounding, so headline and table agree.
    static func band(_ p: Percentiles, _ kpi: KPI) -> String {
        "\(short(p.p50, kpi)) [\(short(p.p10, kpi))-\(short(p.p90, kpi))]"
    }

    /// £1.23m, £456k, £1.5k, £789.
    package static func money(_ x: Double) -> String {
        let a = abs(x)
        if a >= 1e9 { return String(format: "£%.2fbn", x / 1e9) }
        if a >= 1e6 { return String(format: "£%.2fm", x / 1e6) }
        if a >= 1e4 { return String(format: "£%.0fk", x / 1e3) }
        if a >= 1e3 { return String(format: "£%.1fk", x / 1e3) }
        return String(format: "£%.0f", x)
    }

    /// What a council meeting asks first.
    package static func headlines(_ results: SimulationResults) -> String {
        var out = ""
        let last = results.months
        let start = results.scenario.startDate
        if let m = results.inHousePlacesRunOutMonth {
            out += "In-house places run out (P50 vacancies reach 0): month \(m) (\(monthLabel(start, m))).\n"
        } else {
            let lowest = (0...last).min { results.value(.vacancies, month: $0).p50 < results.value(.vacancies, month: $1).p50 } ?? 0
            out += "In-house places do not run out within \(results.years) years at P50 (fewest vacancies: "
            out += "\(Int(results.value(.vacancies, month: lowest).p50)) in month \(lowest)).\n"
        }
        let ifa = results.value(.ifaFoster, month: last), res = results.value(.residential, month: last)
        let ifa0 = results.value(.ifaFoster, month: 0), res0 = results.value(.residential, month: 0)
        out += "Children with agencies: \(short(ifa0.p50, .ifaFoster)) now, \(band(ifa, .ifaFoster)) in year \(results.years); "
        out += "in residential care: \(short(res0.p50, .residential)) now, \(band(res, .residential)).\n"
        let far0 = results.value(.over20MilesPct, month: 0), far = results.value(.over20MilesPct, month: last)
        out += "Placed over 20 miles from home: \(short(far0.p50, .over20MilesPct))% now, \(band(far, .over20MilesPct)) % in year \(results.years).\n"
        let cost0 = results.value(.weeklyCost, month: 0), cost = results.value(.weeklyCost, month: last)
        out += "Weekly cost: \(money(cost0.p50)) now, \(band(cost, .weeklyCost)) in year \(results.years)"
        out += " (annual \(money(cost.p50 * 365.25 / 7))).\n"
        if let total = results.total("cost_pounds") {
            out += "Total cost over \(results.years) years: \(money(total.p50)) [\(money(total.p10))-\(money(total.p90))].\n"
        }
        if !results.runMoney.isEmpty, results.years >= 1 {
            let spend = Percentiles(of: results.runMoney.map { run in (1...results.months).reduce(0.0) { $0 + run.recruitment(month: $1) } })
            out += "Recruiting and supporting in-house carers, beside that: \(money(spend.p50)) [\(money(spend.p10))-\(money(spend.p90))].\n"
        }
        out += "Money is in \(currencyBasis(results)).\n"
        return out
    }

    static func monthLabel(_ start: String, _ months: Int) -> String {
        let parts = start.split(separator: "-").compactMap { Int($0) }
        guard parts.count >= 2 else { return "month \(months)" }
        let index = parts[0] * 12 + (parts[1] - 1) + months
        let m = index % 12 + 1
        return "\(index / 12)-\(m < 10 ? "0" : "")\(m)"
    }

    /// Columns padded to their widest cell; the first left-aligned, the rest right-aligned.
    package static func layout(_ rows: [[String]]) -> String {
        guard let columns = rows.map(\.count).max() else { return "" }
        var widths = [Int](repeating: 0, count: columns)
        for row in rows { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) } }
        var out = ""
        for row in rows {
            var line = ""
            for (i, cell) in row.enumerated() {
                let pad = String(repeating: " ", count: widths[i] - cell.count)
                line += i == 0 ? cell + pad : "  " + pad + cell
            }
            out += line + "\n"
        }
        return out
    }

    /// The text up to the end of its first sentence.
    /// Abbreviations whose full stop does not end a sentence.
    static let abbreviations = ["e.g", "i.e", "etc", "approx", "incl", "vs"]

    static func firstSentence(_ text: String) -> String {
        var searchFrom = text.startIndex
        while let end = text.range(of: ". ", range: searchFrom..<text.endIndex) {
            let before = text[..<end.lowerBound]
            if !abbreviations.contains(where: { before.lowercased().hasSuffix($0) }) {
                return String(before) + "."
            }
            searchFrom = end.upperBound
        }
        return text
    }

    static func wrap(_ text: String, width: Int, indent: String) -> String {
        var out = ""
        var line = indent
        for word in text.split(separator: " ") {
            if line.count + word.count + 1 > width, line != indent {
                out += line + "\n"
                line = indent
            }
            line += (line == indent ? "" : " ") + word
        }
        if line != indent { out += line + "\n" }
        return out
    }
}
