import Foundation
import Interchange
import Simulation

/// The files of `hearth sensitivity`: a self-contained HTML report with one tornado chart per
/// measure, and a CSV with every effect, ranked.
public enum SensitivityWriters {
    /// Column names of the CSV.
    public static let csvHeader = [
        "measure", "rank", "assumption", "value", "low_value", "high_value", "base_p50",
        "low_p10", "low_p50", "low_p90", "high_p10", "high_p50", "high_p90", "swing",
    ]

    /// One row per measure and assumption, ranked by swing within each measure.
    public static func csv(_ r: SensitivityResult) -> String {
        var out = csvHeader.joined(separator: ",") + "\n"
        for (m, measure) in r.measures.enumerated() {
            for (rank, e) in r.effects[m].enumerated() {
                let fields = [
                    measure.key, String(rank + 1), e.assumption, n(e.value), n(e.lowValue), n(e.highValue), n(r.base[m].p50),
                    n(e.low.p10), n(e.low.p50), n(e.low.p90), n(e.high.p10), n(e.high.p50), n(e.high.p90), n(e.swing),
                ]
                out += fields.map(CSV.escape).joined(separator: ",") + "\n"
            }
        }
        return out
    }

    /// The HTML report: what was moved, then a tornado chart and a table per measure.
    public static func html(_ r: SensitivityResult) -> String {
        let s = r.scenario
        let pct = Int((r.change * 100).rounded())
        var body = "<header><h1>Sensitivity: \(FanChart.escape(s.name))</h1>"
        body += "<p class=\"meta\">Each assumption moved \(pct)% down and \(pct)% up on its own, \(r.runs) runs each over \(r.years) years "
        body += "from \(FanChart.escape(s.startDate)), seed \(r.seed). A bar is the paired difference (moved - scenario) in the middle run (P50); "
        body += "its line, the range 8 runs in 10 fall within (P10-P90). Run k of every variant uses the same random numbers as run k of the "
        body += "scenario, so a difference is the assumption's effect, not luck. Largest swing on top.</p></header>"
        for (m, measure) in r.measures.enumerated() {
            let title = "\(label(measure)): scenario P50 \(format(measure, r.base[m].p50))"
            body += "<section><h2>\(FanChart.escape(title))</h2><figure class=\"chart\" data-measure=\"\(measure.key)\">"
            body += TornadoChart.svg(title: title, effects: r.effects[m], change: r.change) { format(measure, $0, signed: true) }
            body += "<figcaption>\(FanChart.escape(label(measure))): change from the scenario</figcaption></figure>"
            body += "<div class=\"table\"><table><tr><th>rank</th><th style=\"text-align:left\">assumption</th><th>value</th><th>\(pct)% lower: P50 [P10 to P90]</th><th>\(pct)% higher: P50 [P10 to P90]</th></tr>"
            for (rank, e) in r.effects[m].enumerated() {
                body += "<tr><td>\(rank + 1)</td><td style=\"text-align:left\">\(FanChart.escape(e.assumption))<br><small>\(FanChart.escape(e.summary))</small></td>"
                body += "<td>\(FanChart.escape(n(e.value)))</td>"
                body += "<td>\(FanChart.escape(band(measure, e.low)))</td><td>\(FanChart.escape(band(measure, e.high)))</td></tr>"
            }
            body += "</table></div></section>"
        }
        body += "<footer>Made by hearth sensitivity. Every number is a projection under the scenario's assumptions, not a forecast.</footer>"
        return HTMLReport.page(title: "Sensitivity: \(s.name)", body: body)
    }

    package static func label(_ m: SensitivityMeasure) -> String {
        switch m {
        case .totalCost: "Total cost over the horizon"
        case .kpi(let kpi): kpi.label
        }
    }

    package static func format(_ m: SensitivityMeasure, _ x: Double, signed: Bool = false) -> String {
        let sign = signed && x > 0 ? "+" : (x < 0 ? "-" : "")
        let v = abs(x)
        switch m {
        case .totalCost: return sign + TerminalSummary.money(v)
        case .kpi(let kpi) where kpi == .weeklyCost: return sign + TerminalSummary.money(v)
        case .kpi(let kpi) where kpi.key.hasSuffix("_pct"): return sign + String(format: "%.1f", v) + "%"
        case .kpi: return sign + (v == v.rounded() ? String(Int(v)) : String(format: "%.1f", v))
        }
    }

    package static func band(_ m: SensitivityMeasure, _ p: Percentiles) -> String {
        "\(format(m, p.p50, signed: true)) [\(format(m, p.p10, signed: true)) to \(format(m, p.p90, signed: true))]"
    }

    package static func n(_ x: Double) -> String {
        if x == x.rounded(), abs(x) < 1e15 { return String(Int(x)) }
        return String(format: "%.6g", x)
    }
}
