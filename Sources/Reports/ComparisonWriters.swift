import Interchange
import Simulation

/// `comparison.json` and `comparison.csv` of `hearth compare --out`: every scenario's P10/P50/P90
/// and its paired difference from the first scenario, per KPI and year.
///
/// Text goes through the same escaping as every other writer (`JSONText.quote`, `CSV.escape`),
/// so any scenario name (tabs, quotes, new lines) gives valid JSON and CSV.
public enum ComparisonWriters {
    /// The comparison as JSON: runs, years, seed, the scenarios with their output folders, and per
    /// KPI one entry per year and scenario (`difference` is the paired difference from the first).
    /// - Complexity: O(KPIs x years x scenarios x runs log runs).
    public static func json(_ all: [SimulationResults], folders: [String]) -> String {
        let n = SimulationResultWriters.number
        var out = "{\n  \"runs\": \(all[0].runs),\n  \"years\": \(all[0].years),\n  \"seed\": \(all[0].seed),\n"
        out += "  \"scenarios\": [" + all.map { JSONText.quote($0.scenario.name) }.joined(separator: ", ") + "],\n"
        out += "  \"folders\": [" + folders.map { JSONText.quote($0) }.joined(separator: ", ") + "],\n"
        out += "  \"kpis\": {\n"
        for (i, kpi) in KPI.allCases.enumerated() {
            out += "    \(JSONText.quote(kpi.key)): ["
            var entries: [String] = []
            for year in 1...all[0].years {
                for (j, r) in all.enumerated() {
                    let p = value(r, kpi, year: year)
                    var entry = "{\"year\": \(year), \"scenario\": \(JSONText.quote(r.scenario.name)), "
                    entry += "\"p10\": \(n(p.p10)), \"p50\": \(n(p.p50)), \"p90\": \(n(p.p90))"
                    if j > 0 {
                        let d = ComparisonTable.difference(all[0], r, kpi, year: year)
                        entry += ", \"difference\": {\"p10\": \(n(d.p10)), \"p50\": \(n(d.p50)), \"p90\": \(n(d.p90))}"
                    }
                    entries.append(entry + "}")
                }
            }
            out += "\n      " + entries.joined(separator: ",\n      ") + "\n    ]" + (i == KPI.allCases.count - 1 ? "\n" : ",\n")
        }
        out += "  },\n" + InvestToSaveWriters.comparisonJSON(all) + "\n}\n"
        return out
    }

    /// One row per scenario, year and KPI: scenario, year, kpi, p10, p50, p90, diff_p10,
    /// diff_p50, diff_p90 (the differences empty for the first scenario).
    public static func csv(_ all: [SimulationResults]) -> String {
        let n = SimulationResultWriters.number
        var rows: [[String]] = []
        for (j, r) in all.enumerated() {
            for year in 1...r.years {
                for kpi in KPI.allCases {
                    let p = value(r, kpi, year: year)
                    var row = [r.scenario.name, String(year), kpi.key, n(p.p10), n(p.p50), n(p.p90)]
                    if j == 0 {
                        row += ["", "", ""]
                    } else {
                        let d = ComparisonTable.difference(all[0], r, kpi, year: year)
                        row += [n(d.p10), n(d.p50), n(d.p90)]
                    }
                    rows.append(row)
                }
            }
        }
        return CSV.render(header: ["scenario", "year", "kpi", "p10", "p50", "p90", "diff_p10", "diff_p50", "diff_p90"], rows: rows)
    }

    /// A KPI's P10/P50/P90 for one year: stocks at the year's end, flows summed over the year.
    static func value(_ r: SimulationResults, _ kpi: KPI, year: Int) -> Percentiles {
        kpi.isFlow ? Percentiles(of: ComparisonTable.runValues(r, kpi, year: year)) : r.value(kpi, month: year * 12)
    }
}
