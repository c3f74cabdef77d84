import Calibration
import CareModel
import Foundation
import Reports
import Simulation
import Testing

let smallResults: SimulationResults = {
    var scenario = Scenario()
    scenario.name = "test <county> & co"
    return MonteCarlo.run(scenario: scenario, start: scenario.startingPopulation(), runs: 3, years: 2, seed: 1)
}()

/// The page needs nothing from the network: no URLs at all, no scripts, no external styles,
/// fonts or images; and every chart is there as an inline SVG.
@Test func reportIsSelfContainedAndHasEveryChart() {
    let html = HTMLReport.render(smallResults)
    #expect(html.hasPrefix("<!DOCTYPE html>"))
    #expect(!html.lowercased().contains("http:"))
    #expect(!html.lowercased().contains("https:"))
    #expect(!html.lowercased().contains("<script"))
    #expect(!html.lowercased().contains("<link"))
    #expect(!html.lowercased().contains("<img"))
    #expect(!html.contains("url("))
    #expect(!html.contains("@import"))
    #expect(html.contains("@media print"))
    for key in HTMLReport.chartKeys {
        // Each chart is a figure holding one svg element.
        guard let start = html.range(of: "<figure class=\"chart\" data-kpi=\"\(key)\">") else {
            Issue.record("no chart for \(key)")
            continue
        }
        let rest = html[start.upperBound...]
        #expect(rest.hasPrefix("<svg"), "chart \(key) has no svg")
        #expect(rest.range(of: "</svg>") != nil)
    }
    #expect(html.components(separatedBy: "<svg").count - 1 == HTMLReport.chartKeys.count)
    // The 90% utilisation line and the scenario name, escaped.
    #expect(html.contains("90% target"))
    #expect(html.contains("test &lt;county&gt; &amp; co"))
    #expect(!html.contains("<county>"))
}

/// Chart geometry: the P50 line's points lie inside the plot and inside their P10-P90 band.
@Test func fanChartPlotsEveryMonthWithinTheBand() {
    let p10: [Double] = (0...24).map { 100 + Double($0) }
    let p50 = p10.map { $0 + 10 }, p90 = p10.map { $0 + 20 }
    let svg = FanChart.svg(title: "t", series: [FanSeries(label: "x", colour: "#000000", p10: p10, p50: p50, p90: p90)],
                           firstYear: 2024, startMonthOfYear: 3, format: { String(Int($0)) })
    func points(_ element: String) -> [(Double, Double)] {
        guard let r = svg.range(of: "<\(element) "), let p = svg[r.upperBound...].range(of: "points=\"") else { return [] }
        let text = svg[p.upperBound...].prefix { $0 != "\"" }
        return text.split(separator: " ").map { pair in
            let xy = pair.split(separator: ",").map { Double($0)! }
            return (xy[0], xy[1])
        }
    }
    let line = points("polyline"), band = points("polygon")
    #expect(line.count == 25)
    #expect(band.count == 50)
    for (i, point) in line.enumerated() {
        #expect(point.0 >= 0 && point.0 <= FanChart.width && point.1 >= 0 && point.1 <= FanChart.height)
        // SVG y grows downwards: p90 above (smaller y) the median, p10 below.
        #expect(band[i].1 <= point.1 && point.1 <= band[49 - i].1)
    }
    #expect(svg.contains(">2024<") && svg.contains(">2026<"))
}

@Test func terminalSummaryNamesTheScenarioAndTheHeadlines() {
    let text = TerminalSummary.render(smallResults, reportPath: "out/x/report.html")
    #expect(text.hasPrefix("Scenario: test <county> & co"))
    #expect(text.contains("year 2"))
    #expect(text.contains("In-house places"))
    #expect(text.contains("Children with agencies"))
    #expect(text.contains("over 20 miles"))
    #expect(text.contains("Weekly cost"))
    #expect(text.contains("Report: out/x/report.html"))
}

/// With published figures the charts with a matching series draw them (before the start too)
/// and a "model vs published" table lists the overlapping years; without them, neither.
@Test func publishedHistoryIsDrawnBesideTheProjection() {
    var figures = PublishedFigures(council: "Testshire")
    // The run starts on 2024-04-01: 31 March 2024 is month 0, 2025 month 12, 2022 month -24.
    for (year, value) in [(2022, 800.0), (2023, 820), (2024, 842), (2025, 830)] {
        figures.set(.init(measure: .childrenInCare, year: year, value: value, source: "t.csv:\(year - 2020)"))
    }
    figures.set(.init(measure: .ceased, year: 2025, value: 310, source: "t.csv:9"))
    figures.set(.init(measure: .ceased, year: 2024, value: 320, source: "t.csv:8"))
    figures.set(.init(measure: .residentialPlacements, year: 2023, value: 90, source: "t.csv:10"))
    let html = HTMLReport.render(smallResults, history: figures)
    func chart(_ key: String) -> String {
        guard let start = html.range(of: "data-kpi=\"\(key)\"") else { return "" }
        return String(html[start.upperBound...].components(separatedBy: "</figure>").first ?? "")
    }
    #expect(chart("children_in_care").components(separatedBy: "<circle class=\"history\"").count - 1 == 4)
    #expect(chart("entries_exits").components(separatedBy: "<circle class=\"history\"").count - 1 == 2)
    #expect(chart("residential").components(separatedBy: "<circle class=\"history\"").count - 1 == 1)
    #expect(chart("in_house_foster").contains("class=\"history\"") == false)
    #expect(chart("children_in_care").contains("class=\"startline\""))
    #expect(html.contains("Model vs published (Testshire)"))
    // Overlap: 2024 and 2025 in care (month 0 and 12) and 2025 ceased (months 1-12); not 2024 ceased.
    let table = html[html.range(of: "Model vs published")!.lowerBound...].components(separatedBy: "</table>")[0]
    #expect(table.components(separatedBy: "<tr>").count - 2 == 3)
    #expect(table.contains("t.csv:9") && !table.contains("t.csv:8"))
    let plain = HTMLReport.render(smallResults)
    #expect(!plain.contains("class=\"history\"") && !plain.contains("Model vs published"))
}
