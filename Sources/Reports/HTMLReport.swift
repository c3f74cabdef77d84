import Calibration
import Foundation
import Simulation

/// The self-contained HTML report of a simulation: one page with inline SVG charts and tables.
///
/// No scripts, no web fonts, no images or links to fetch: the file opens offline and prints
/// on A4 (charts are kept whole on a page). The same results always give the same bytes.
public enum HTMLReport {
    /// The charts in the report, by KPI key (tests look for each).
    public static let chartKeys = [
        "children_in_care", "in_house_foster", "ifa_foster", "kinship", "residential", "supported",
        "utilisation_pct", "over_20_miles_pct", "weekly_cost", "households", "entries_exits",
    ]

    /// The report; with `history`, the published figures are drawn on every chart that has a
    /// matching series (before the start date and over the years the run overlaps) and a
    /// "model vs published" table lists the overlapping years.
    public static func render(_ results: SimulationResults, history: PublishedFigures? = nil) -> String {
        let s = results.scenario
        let published = "#111111"
        func points(_ measure: PublishedFigures.Measure, _ label: String = "published") -> [HistoryPoints] {
            guard let history else { return [] }
            let list = history.years(measure).compactMap { year -> (month: Int, value: Double)? in
                guard let month = PublishedComparison.marchMonth(year, startDate: s.startDate), month <= results.months,
                    let figure = history.figure(measure, year: year)
                else { return nil }
                return (month, figure.value)
            }
            return list.isEmpty ? [] : [HistoryPoints(label: label, colour: published, points: list)]
        }
        // The DfE publishes a count over 20 miles from home; the chart is a share of those in care.
        var over20Share: [HistoryPoints] = []
        if let history {
            let list = history.years(.over20Miles).compactMap { year -> (month: Int, value: Double)? in
                guard let month = PublishedComparison.marchMonth(year, startDate: s.startDate), month <= results.months,
                    let far = history.figure(.over20Miles, year: year), let all = history.figure(.childrenInCare, year: year), all.value > 0
                else { return nil }
                return (month, 100 * far.value / all.value)
            }
            if !list.isEmpty { over20Share = [HistoryPoints(label: "published (31 March)", colour: published, points: list)] }
        }
        var body = "<header><h1>Sufficiency projection: \(FanChart.escape(s.name))</h1>"
        if !s.description.isEmpty { body += "<p class=\"description\">\(FanChart.escape(plainDescription(s.description)))</p>" }
        body += "<p class=\"meta\">\(results.years) years from \(FanChart.escape(s.startDate)), worked out \(results.runs) times with different chance events. "
        body += "Each line is the middle result (the median, P50); the shaded band is the range 8 runs in 10 fall within (P10 to P90). "
        body += "Money is in \(FanChart.escape(TerminalSummary.currencyBasis(results))).</p></header>"
        body += "<section class=\"headlines\"><h2>Headlines</h2><ul>"
        for line in TerminalSummary.headlines(results).split(separator: "\n") {
            body += "<li>\(FanChart.escape(String(line)))</li>"
        }
        body += "</ul></section>"
        body += "<section><h2>Children in care</h2><div class=\"grid one\">"
        body += figure(results, key: "children_in_care", title: "Children in care on the last day of each month", series: [fan(results, .childrenInCare, "#3b6ea8")],
                       format: count, history: points(.childrenInCare, "published (31 March)"))
        body += "</div><div class=\"grid\">"
        body += figure(results, key: "entries_exits", title: "Entries and exits in the 12 months to date",
                       series: [rollingYear(results, .entries, "#2e7d32", label: "entries"), rollingYear(results, .exits, "#b3261e", label: "exits")],
                       format: count, history: points(.started, "started (published)").map { var h = $0; h.colour = "#1b5e20"; return h }
                           + points(.ceased, "ceased (published)").map { var h = $0; h.colour = "#7f0000"; return h })
        if history?.years(.fosterPlacements).isEmpty == false {
            body += figure(results, key: "foster_all", title: "Foster placements (in-house, agency, relatives & friends)",
                           series: [sum(results, [.inHouseFoster, .ifaFoster, .kinship], "#2e7d32", label: "foster")], format: count,
                           history: points(.fosterPlacements, "published (31 March)"))
        }
        body += "</div><h2>Where children live</h2><div class=\"grid\">"
        let types: [(KPI, String)] = [
            (.inHouseFoster, "#2e7d32"), (.ifaFoster, "#c75b12"), (.kinship, "#6a4c93"), (.residential, "#b3261e"), (.supported, "#00796b"),
        ]
        for (kpi, colour) in types {
            let measure: PublishedFigures.Measure? = kpi == .residential ? .residentialPlacements : kpi == .supported ? .supportedPlacements : nil
            body += figure(results, key: kpi.key, title: kpi.label, series: [fan(results, kpi, colour)], format: count,
                           history: measure.map { points($0, "published (31 March)") } ?? [])
        }
        body += "</div></section>"
        body += "<section><h2>Carers and distance</h2><div class=\"grid\">"
        body += figure(results, key: "utilisation_pct", title: "In-house utilisation (% of available places in use)",
                       series: [fan(results, .utilisationPct, "#2e7d32")], references: [(90, "90% target")], format: percent, minimumTop: 100)
        body += figure(results, key: "over_20_miles_pct", title: "Children placed over 20 miles from home (%)",
                       series: [fan(results, .over20MilesPct, "#c75b12")], references: [(20, "20% target")], format: percent, history: over20Share)
        body += figure(results, key: "households", title: "In-house households and vacancies",
                       series: [fan(results, .households, "#3b6ea8", label: "households"), fan(results, .vacancies, "#b3261e", label: "vacancies")],
                       format: count, history: points(.fosterHouseholds, "households (Ofsted, incl. family & friends)"))
        body += figure(results, key: "weekly_cost", title: "Weekly cost of placements (£, with inflation)",
                       series: [fan(results, .weeklyCost, "#5d4037")], format: TerminalSummary.money)
        body += "</div></section>"
        if let history {
            body += comparisonSection(PublishedComparison(results: results, figures: history), council: history.council)
        }
        body += "<section class=\"table\"><h2>Key figures at the end of each year</h2>"
        body += "<p class=\"meta\">Each cell: the middle result in bold, and below it the range 8 runs in 10 fall within. "
        body += "Entries and exits are counted over the year; everything else is the number on the last day of the year.</p>"
        body += kpiTable(results) + "</section>"
        body += "<section class=\"table\"><h2>New placements over \(results.years) years</h2>"
        body += "<table><thead><tr><th scope=\"col\">Where</th><th scope=\"col\">Middle result</th><th scope=\"col\">Range (8 runs in 10)</th></tr></thead><tbody>"
        for entry in results.placementsBySpecKey {
            body += "<tr><th scope=\"row\">\(FanChart.escape(placementWords(specKey: entry.key)))</th><td>\(grouped(entry.value.p50))</td>"
            body += "<td>\(grouped(entry.value.p10)) to \(grouped(entry.value.p90))</td></tr>"
        }
        body += "</tbody></table></section>"
        body += spendSection(results)
        body += "<section class=\"table\"><h2>Assumptions</h2>" + assumptionsTable(results) + "</section>"
        body += "<footer>Made by hearth simulate. Every number is a projection under the scenario's assumptions, not a forecast of what will happen.</footer>"
        return page(title: "Sufficiency projection: \(s.name)", body: body)
    }

    /// The comparison page of `hearth compare`: the same charts with one line per scenario.
    public static func renderComparison(_ all: [SimulationResults]) -> String {
        guard let first = all.first else { return page(title: "Comparison", body: "") }
        let colours = ["#3b6ea8", "#c75b12", "#2e7d32", "#6a4c93", "#b3261e", "#00796b", "#5d4037", "#455a64"]
        var body = "<header><h1>Scenario comparison</h1><p class=\"meta\">\(first.years) years from \(FanChart.escape(first.scenario.startDate)), "
        body += "\(first.runs) runs each on the same seed (\(first.seed)): differences come from the scenarios, not from luck.</p><ul>"
        for (i, r) in all.enumerated() {
            body += "<li><span class=\"swatch\" style=\"background:\(colours[i % colours.count])\"></span><b>\(FanChart.escape(r.scenario.name))</b>: \(FanChart.escape(plainDescription(r.scenario.description)))</li>"
        }
        body += "</ul></header><section><div class=\"grid\">"
        let charts: [(KPI, String, (Double) -> String, [(value: Double, label: String)])] = [
            (.childrenInCare, "Children in care", count, []), (.inHouseFoster, "In-house foster", count, []),
            (.ifaFoster, "IFA foster", count, []), (.residential, "Residential", count, []),
            (.utilisationPct, "In-house utilisation %", percent, [(90, "90% target")]),
            (.over20MilesPct, "Over 20 miles %", percent, [(20, "20% target")]),
            (.vacancies, "In-house vacancies", count, []), (.weeklyCost, "Weekly cost £", TerminalSummary.money, []),
        ]
        for (kpi, title, format, references) in charts {
            let series = all.enumerated().map { i, r in fan(r, kpi, colours[i % colours.count], label: r.scenario.name) }
            body += figure(first, key: kpi.key, title: title, series: series, references: references, format: format,
                           minimumTop: kpi == .utilisationPct ? 100 : 0)
        }
        body += "</div></section>"
        body += "<section class=\"table\"><h2>At the end of year \(first.years)</h2><p class=\"meta\">Each cell is the middle outcome (P50) with the range that 8 runs in 10 fall within [P10-P90]. A paired difference is worked out run by run, each scenario drawing the same random numbers for the same child, household and placement, so it shows the effect of the scenario itself; its range (P10 to P90 of the paired differences) is narrower than the gap between two separate ranges.</p>" + comparisonTable(all) + "</section>"
        body += investToSaveSection(all)
        return page(title: "Scenario comparison", body: body)
    }

    static func fan(_ r: SimulationResults, _ kpi: KPI, _ colour: String, label: String? = nil) -> FanSeries {
        let months = 0...r.months
        return FanSeries(
            label: label ?? kpi.label, colour: colour, p10: months.map { r.value(kpi, month: $0).p10 },
            p50: months.map { r.value(kpi, month: $0).p50 }, p90: months.map { r.value(kpi, month: $0).p90 })
    }

    /// The P10/P50/P90 of a flow summed over the 12 months to each month, from month 12.
    static func rollingYear(_ r: SimulationResults, _ kpi: KPI, _ colour: String, label: String) -> FanSeries {
        let k = KPI.allCases.count
        guard r.months >= 12 else { return FanSeries(label: label, colour: colour, p10: [], p50: [], p90: [], firstMonth: 12) }
        let bands = (12...r.months).map { m in
            Percentiles(of: r.runValues.map { run in (m - 11...m).reduce(0.0) { $0 + run[$1 * k + kpi.rawValue] } })
        }
        return FanSeries(label: label, colour: colour, p10: bands.map(\.p10), p50: bands.map(\.p50), p90: bands.map(\.p90), firstMonth: 12)
    }

    /// The P10/P50/P90 of several stocks added run by run.
    static func sum(_ r: SimulationResults, _ kpis: [KPI], _ colour: String, label: String) -> FanSeries {
        let k = KPI.allCases.count
        let bands = (0...r.months).map { m in
            Percentiles(of: r.runValues.map { run in kpis.reduce(0.0) { $0 + run[m * k + $1.rawValue] } })
        }
        return FanSeries(label: label, colour: colour, p10: bands.map(\.p10), p50: bands.map(\.p50), p90: bands.map(\.p90))
    }

    /// The "model vs published" table: every published figure the run overlaps.
    static func comparisonSection(_ comparison: PublishedComparison, council: String) -> String {
        var out = "<section class=\"table\"><h2>Model vs published (\(FanChart.escape(council)))</h2>"
        guard !comparison.rows.isEmpty else {
            return out + "<p>No published year overlaps the run (published figures are drawn before the start on the charts).</p></section>"
        }
        out += "<table><tr><th>measure</th><th>year to 31 March</th><th>published</th><th>P10</th><th>P50</th><th>P90</th><th>inside P10-P90</th><th>source</th></tr>"
        for row in comparison.rows {
            out += "<tr><td>\(FanChart.escape(row.measure.label))</td><td>\(row.year)</td><td>\(count(row.published.value))</td>"
            out += "<td>\(count(row.model.p10))</td><td>\(count(row.model.p50))</td><td>\(count(row.model.p90))</td>"
            out += "<td>\(row.inside ? "yes" : "no")</td><td>\(FanChart.escape(row.published.source))</td></tr>"
        }
        return out + "</table></section>"
    }

    static func figure(
        _ r: SimulationResults, key: String, title: String, series: [FanSeries],
        references: [(value: Double, label: String)] = [], format: (Double) -> String, minimumTop: Double = 0,
        history: [HistoryPoints] = []
    ) -> String {
        let zeroBased = key != "utilisation_pct"
        let parts = r.scenario.startDate.split(separator: "-").compactMap { Int($0) }
        let year = parts.first ?? 2024, month = parts.count > 1 ? parts[1] - 1 : 0
        let chart = FanChart.svg(title: title, series: series, firstYear: year, startMonthOfYear: month, references: references,
                                 format: format, minimumTop: minimumTop, zeroBased: zeroBased, history: history)
        return "<figure class=\"chart\" data-kpi=\"\(key)\">\(chart)<figcaption>\(FanChart.escape(title))</figcaption></figure>"
    }

    static func count(_ x: Double) -> String { String(Int(x.rounded())) }
    static func percent(_ x: Double) -> String { String(format: "%.0f%%", x) }

    /// Years a block of the KPI table shows, so that it fits an A4 landscape page.
    public static let yearsPerTable = 6

    /// The KPI table in blocks of `yearsPerTable` columns; each cell the P50 in bold over its
    /// P10-P90 range.
    static func kpiTable(_ r: SimulationResults) -> String {
        var out = ""
        for first in stride(from: 0, through: r.years, by: yearsPerTable) {
            let years = first...min(r.years, first + yearsPerTable - 1)
            out += "<table class=\"kpi\"><thead><tr><th scope=\"col\">Measure</th>"
            for year in years { out += "<th scope=\"col\">\(year == 0 ? "Start" : "Year \(year)")</th>" }
            out += "</tr></thead><tbody>"
            for kpi in TerminalSummary.tableKPIs {
                out += "<tr><th scope=\"row\">\(FanChart.escape(TerminalSummary.label(kpi)))</th>"
                for year in years { out += "<td>\(kpiCell(r, kpi, year: year))</td>" }
                out += "</tr>"
            }
            out += "</tbody></table>"
        }
        return out
    }

    /// "<b>849</b><br><span>818 to 909</span>", or a dash where there is no value.
    static func kpiCell(_ r: SimulationResults, _ kpi: KPI, year: Int) -> String {
        let text = TerminalSummary.cell(r, kpi, year: year)
        guard let open = text.firstIndex(of: "["), text.hasSuffix("]") else { return FanChart.escape(text) }
        let middle = text[..<open].trimmingCharacters(in: .whitespaces)
        let range = text[text.index(after: open)..<text.index(before: text.endIndex)]
        let parts = range.split(separator: "-", maxSplits: 1)
        let rangeText = parts.count == 2 ? "\(parts[0]) to \(parts[1])" : String(range)
        if parts.count == 2, parts[0] == parts[1], parts[0] == middle {
            return "<b>\(FanChart.escape(middle))</b>"
        }
        return "<b>\(FanChart.escape(middle))</b><br><span class=\"range\">\(FanChart.escape(rangeText))</span>"
    }

    /// Each scenario's P50 [P10-P90] at the end of the run, then each later scenario's paired
    /// difference from the first in a table of its own, so both fit a screen and an A4 page.
    static func comparisonTable(_ all: [SimulationResults]) -> String {
        guard let first = all.first else { return "" }
        var out = "<table><thead><tr><th scope=\"col\">KPI</th>"
        for r in all { out += "<th scope=\"col\">\(FanChart.escape(r.scenario.name))</th>" }
        out += "</tr></thead><tbody>"
        for kpi in TerminalSummary.tableKPIs {
            out += "<tr><th scope=\"row\">\(FanChart.escape(TerminalSummary.label(kpi)))</th>"
            for r in all { out += "<td>\(FanChart.escape(TerminalSummary.cell(r, kpi, year: first.years)))</td>" }
            out += "</tr>"
        }
        out += "</tbody></table>"
        guard all.count > 1 else { return out }
        out += "<h3>Paired difference from \(FanChart.escape(first.scenario.name)), run by run: middle result [range of 8 runs in 10]</h3>"
        out += "<table><thead><tr><th scope=\"col\">KPI</th>"
        for r in all.dropFirst() { out += "<th scope=\"col\">\(FanChart.escape(r.scenario.name)) - \(FanChart.escape(first.scenario.name))</th>" }
        out += "</tr></thead><tbody>"
        for kpi in TerminalSummary.tableKPIs {
            out += "<tr><th scope=\"row\">\(FanChart.escape(TerminalSummary.label(kpi)))</th>"
            for r in all.dropFirst() { out += "<td>\(FanChart.escape(ComparisonTable.differenceCell(first, r, kpi, year: first.years)))</td>" }
            out += "</tr>"
        }
        return out + "</tbody></table>"
    }

    static func page(title: String, body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en-GB">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(FanChart.escape(title))</title>
        <style>
        body { font-family: -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; color: #1d1d1f; margin: 2rem auto; max-width: 1400px; padding: 0 1rem; line-height: 1.4; }
        h1 { font-size: 1.6rem; margin-bottom: .3rem; } h2 { font-size: 1.2rem; margin: 1.4rem 0 .5rem; border-bottom: 1px solid #ddd; }
        .description, .meta { color: #444; max-width: 70rem; } .meta { font-size: .9rem; }
        .headlines ul { padding-left: 1.2rem; } .headlines li { margin: .2rem 0; }
        .grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(560px, 1fr)); gap: 1rem; }
        .grid.one { grid-template-columns: minmax(560px, 900px); }
        figure.chart { margin: 0; border: 1px solid #e3e3e3; border-radius: 6px; padding: .4rem; break-inside: avoid; page-break-inside: avoid; }
        figcaption { font-size: .9rem; color: #333; text-align: center; }
        svg.fan, svg.tornado { width: 100%; height: auto; font-size: 11px; } svg .whisker { stroke-width: 1.2; }
        svg .grid { stroke: #e6e6e6; stroke-width: 1; } svg .axis, svg .tick { stroke: #888; stroke-width: 1; }
        svg .band { fill-opacity: .22; stroke: none; } svg .median { fill: none; stroke-width: 2.2; }
        svg .reference { stroke: #333; stroke-dasharray: 6 4; stroke-width: 1.3; }
        svg .startline { stroke: #999; stroke-dasharray: 2 3; stroke-width: 1; } svg polyline.history { fill: none; stroke-width: 1.4; stroke-dasharray: 4 3; }
        svg .ylab, svg .xlab, svg .xlab2, svg .legend, svg .reflab { fill: #444; } svg .xlab2 { fill: #888; font-size: 10px; }
        table { border-collapse: collapse; font-size: .85rem; } th, td { border: 1px solid #ddd; padding: .25rem .5rem; text-align: right; white-space: nowrap; }
        th:first-child, td:first-child { text-align: left; } tr:nth-child(even) td { background: #fafafa; }
        .table { overflow-x: auto; } h3 { font-size: 1rem; margin: 1rem 0 .4rem; } table.kpi { margin-bottom: 1rem; } table.kpi td { line-height: 1.2; }
        th[scope=row] { text-align: left; font-weight: normal; } .range { font-size: .75rem; color: #555; }
        table.assumptions td, table.assumptions th { white-space: normal; text-align: left; vertical-align: top; max-width: 46rem; }
        td.field { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: .75rem; color: #555; } .swatch { display: inline-block; width: .8rem; height: .8rem; margin-right: .4rem; vertical-align: middle; }
        footer { margin-top: 2rem; font-size: .8rem; color: #666; }
        @media print {
          @page { size: A4 landscape; margin: 12mm; }
          body { margin: 0; max-width: none; font-size: 10pt; }
          .grid { grid-template-columns: 1fr 1fr; gap: 6mm; } .grid.one { grid-template-columns: 1fr 1fr; }
          figure.chart { border-color: #bbb; } h2 { break-after: avoid; page-break-after: avoid; }
          section.table { break-before: page; page-break-before: always; overflow: visible; }
          table { font-size: 8.5pt; } table.kpi { break-inside: avoid; page-break-inside: avoid; }
          table.kpi td, table.kpi th { padding: .2mm 1.5mm; line-height: 1.05; } .range { font-size: 7pt; }
          table.kpi + table.kpi { break-before: page; page-break-before: always; }
          tr:nth-child(even) td { background: none; }
        }
        </style>
        </head>
        <body>
        \(body)
        </body>
        </html>

        """
    }
}
