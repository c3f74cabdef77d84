import Interchange
import Calibration
import Foundation
import CareModel
import Simulation

/// The placement trace as CSV (`hearth simulate --trace FILE`): one row per placement decision.
///
/// Columns: `run` (0-based), `day` (days since the scenario's start date, two decimals),
/// `date` (that day, YYYY-MM-DD), `children` (simulator child ids `c<index>`, space-separated:
/// brothers and sisters placed together share a row), `group` (their sibling group `g<index>`),
/// `setting` (placement type key: in_house, ifa, kinship, residential, supported,
/// with_parents, adoption, other), `household` (in-house household id, else blank), `score`
/// (the matching engine's 0-100 score of an in-house placement, by `Matcher.evaluate`, else
/// blank), `miles` (home to in-house household, else blank) and `reason` (what set the
/// decision off, "; no in-house home found" when it fell back, and "; breaks RULE ..." when an
/// in-house placement fails a hard rule — never, when matching is on).
public enum PlacementTraceCSV {
    /// The header row's columns.
    public static let columns = ["run", "day", "date", "children", "group", "setting", "household", "score", "miles", "reason"]

    /// The whole trace of `results` as CSV text.
    /// - Complexity: O(decisions).
    public static func render(_ results: SimulationResults) -> String {
        render(results.trace, startDate: results.scenario.startDate)
    }

    /// `decisions` as CSV text, with dates counted from `startDate` (YYYY-MM-DD).
    public static func render(_ decisions: [PlacementDecision], startDate: String) -> String {
        let start = CalendarDay(parsing: startDate)
        var out = columns.joined(separator: ",") + "\n"
        out.reserveCapacity(64 * (decisions.count + 1))
        for d in decisions {
            // The date of the day as written (two decimals), so the two columns agree.
            let wholeDays = Int((d.day * 100).rounded()) / 100
            let date = start.map { $0.adding(days: wholeDays).description } ?? ""
            var fields = [String(d.run), fixed2(d.day), date]
            fields.append(d.children.map { "c\($0)" }.joined(separator: " "))
            fields.append("g\(d.group)")
            fields.append(d.setting.rawValue)
            fields.append(d.household.map { CSV.escape($0.rawValue) } ?? "")
            fields.append(d.score.map(fixed2) ?? "")
            fields.append(d.miles.map(fixed2) ?? "")
            fields.append(CSV.escape(d.reasonText))
            out += fields.joined(separator: ",") + "\n"
        }
        return out
    }

    /// `x` with two decimals.
    static func fixed2(_ x: Double) -> String {
        let hundredths = Int((x * 100).rounded())
        let sign = hundredths < 0 ? "-" : ""
        let magnitude = abs(hundredths)
        let cents = magnitude % 100
        return "\(sign)\(magnitude / 100).\(cents < 10 ? "0" : "")\(cents)"
    }
}
