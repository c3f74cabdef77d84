import Foundation
import Simulation

/// The side-by-side table of `hearth compare`, with paired differences.
///
/// Scenarios run on the same seed share their random streams run by run (common random
/// numbers), so the difference within each run isolates the effect of the scenario; its
/// P10-P90 is much narrower than the gap between two independent fans.
public enum ComparisonTable {
    /// Per-run values of `kpi` at the end of `year` (flows: summed over the year).
    package static func runValues(_ r: SimulationResults, _ kpi: KPI, year: Int) -> [Double] {
        let k = KPI.allCases.count
        if kpi.isFlow {
            guard year >= 1 else { return r.runValues.map { _ in 0 } }
            return r.runValues.map { run in ((year - 1) * 12 + 1...year * 12).reduce(0.0) { $0 + run[$1 * k + kpi.rawValue] } }
        }
        return r.runValues.map { $0[year * 12 * k + kpi.rawValue] }
    }

    /// P10/P50/P90 over runs of (b - a) for `kpi` at the end of `year`.
    package static func difference(_ a: SimulationResults, _ b: SimulationResults, _ kpi: KPI, year: Int) -> Percentiles {
        let x = runValues(a, kpi, year: year), y = runValues(b, kpi, year: year)
        return Percentiles(of: zip(x, y).map { $1 - $0 })
    }

    /// The tables: one row per KPI, for each scenario its P50 [P10-P90] at the end of `year`;
    /// then, in a table of their own, each later scenario's paired difference from the first.
    public static func render(_ all: [SimulationResults], year: Int) -> String {
        guard let first = all.first else { return "" }
        var rows = [["KPI at year \(year)"] + all.map(\.scenario.name)]
        for kpi in TerminalSummary.tableKPIs {
            rows.append([TerminalSummary.label(kpi)] + all.map { TerminalSummary.cell($0, kpi, year: year) })
        }
        var out = TerminalSummary.layout(rows) + "\n"
        if all.count > 1 {
            // The paired differences in a table of their own, so that both fit the terminal.
            out += "Paired difference from \(first.scenario.name), run by run: P50 [P10 to P90]\n"
            var differences = [["KPI at year \(year)"] + all.dropFirst().map { "\($0.scenario.name) - \(first.scenario.name)" }]
            for kpi in TerminalSummary.tableKPIs {
                differences.append([TerminalSummary.label(kpi)] + all.dropFirst().map { differenceCell(first, $0, kpi, year: year) })
            }
            out += TerminalSummary.layout(differences)
        }
        out += "\n"
        for r in all {
            let runOut = r.inHousePlacesRunOutMonth.map { "run out in month \($0)" } ?? "do not run out within \(r.years) year\(r.years == 1 ? "" : "s")"
            let cost = r.total("cost_pounds").map { TerminalSummary.money($0.p50) } ?? "-"
            out += "\(r.scenario.name): in-house places \(runOut) (P50); total cost \(cost) over \(r.years) year\(r.years == 1 ? "" : "s") (P50)\n"
        }
        return out
    }

    /// A paired difference as "P50 [P10 to P90]" with signs.
    package static func differenceCell(_ first: SimulationResults, _ r: SimulationResults, _ kpi: KPI, year: Int) -> String {
        let d = difference(first, r, kpi, year: year)
        return "\(signed(d.p50, kpi)) [\(signed(d.p10, kpi)) to \(signed(d.p90, kpi))]"
    }

    static func signed(_ x: Double, _ kpi: KPI) -> String {
        let text = kpi == .weeklyCost ? TerminalSummary.money(abs(x)) : TerminalSummary.short(abs(x), kpi)
        if text == "0" || text == "0.0" || text == "£0" { return text }
        return (x < 0 ? "-" : "+") + text
    }
}
