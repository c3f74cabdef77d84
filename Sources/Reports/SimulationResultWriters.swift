import Interchange
import CareModel
import Foundation
import Simulation

/// `summary.json` and `monthly.csv` of a simulation, byte-for-byte reproducible.
///
/// Numbers are written with at most two decimals by one formatter, keys in a fixed order, so
/// the same results always give the same bytes.
public enum SimulationResultWriters {
    /// `summary.json`: the scenario, runs, years and seed; each KPI's P10/P50/P90 at the start and
    /// the end of each year (flows such as entries: the total over that year); totals over the
    /// horizon; new placements by type.
    public static func summaryJSON(_ results: SimulationResults) -> String {
        var out = "{\n"
        out += "  \"scenario\": \(quote(results.scenario.name)),\n"
        out += "  \"description\": \(quote(results.scenario.description)),\n"
        out += "  \"runs\": \(results.runs),\n"
        out += "  \"years\": \(results.years),\n"
        out += "  \"seed\": \(results.seed),\n"
        out += "  \"start_date\": \(quote(results.scenario.startDate)),\n"
        out += "  \"in_house_places_run_out_month\": \(results.inHousePlacesRunOutMonth.map(String.init) ?? "null"),\n"
        out += "  \"mean_years_in_care_at_leaving\": \(bands(results.meanYearsInCareAtLeaving)),\n"
        out += "  \"kpis\": {\n"
        let kpis = KPI.allCases
        for (i, kpi) in kpis.enumerated() {
            out += "    \(quote(kpi.key)): ["
            for year in 0...results.years {
                let p = results.atYear(kpi, year: year)
                out += (year == 0 ? "\n" : ",\n") + "      {\"year\": \(year), \"p10\": \(number(p.p10)), \"p50\": \(number(p.p50)), \"p90\": \(number(p.p90))}"
            }
            out += "\n    ]" + (i == kpis.count - 1 ? "\n" : ",\n")
        }
        out += "  },\n"
        out += "  \"totals\": {\n"
        for (i, total) in results.totals.enumerated() {
            out += "    \(quote(total.key)): \(bands(total.value))" + (i == results.totals.count - 1 ? "\n" : ",\n")
        }
        out += "  },\n"
        out += "  \"placements_by_type\": {\n"
        let types = results.placementsBySpecKey
        for (i, entry) in types.enumerated() {
            out += "    \(quote(entry.key)): \(bands(entry.value))" + (i == types.count - 1 ? "\n" : ",\n")
        }
        out += "  },\n" + InvestToSaveWriters.summaryJSON(results) + "\n}\n"
        return out
    }

    /// `monthly.csv`: one row per month and KPI: month, date, kpi, p10, p50, p90.
    public static func monthlyCSV(_ results: SimulationResults) -> String {
        var out = "month,date,kpi,p10,p50,p90\n"
        for month in 0...results.months {
            let date = monthLabel(start: results.scenario.startDate, plus: month)
            for kpi in KPI.allCases {
                let p = results.value(kpi, month: month)
                out += "\(month),\(date),\(kpi.key),\(number(p.p10)),\(number(p.p50)),\(number(p.p90))\n"
            }
        }
        return out
    }

    /// `YYYY-MM` of the month `plus` months after `start` (YYYY-MM-DD).
    package static func monthLabel(start: String, plus months: Int) -> String {
        let parts = start.split(separator: "-").compactMap { Int($0) }
        guard parts.count >= 2 else { return "m\(months)" }
        let index = parts[0] * 12 + (parts[1] - 1) + months
        let month = index % 12 + 1
        return "\(index / 12)-\(month < 10 ? "0" : "")\(month)"
    }

    static func bands(_ p: Percentiles) -> String {
        "{\"p10\": \(number(p.p10)), \"p50\": \(number(p.p50)), \"p90\": \(number(p.p90))}"
    }

    /// A number with at most two decimals and no trailing zeros (`12`, `12.5`, `12.25`).
    package static func number(_ x: Double) -> String {
        guard x.isFinite else { return "null" }
        let rounded = (x * 100).rounded() / 100
        if rounded == rounded.rounded(), abs(rounded) < 1e15 {
            let whole = Int(rounded)
            return whole == 0 ? "0" : String(whole)
        }
        var text = String(format: "%.2f", rounded)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }

    /// A JSON string literal (shared by every writer).
    static func quote(_ s: String) -> String { JSONText.quote(s) }
}
