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
        let start = CivilDay(startDate)
        var out = columns.joined(separator: ",") + "\n"
        out.reserveCapacity(64 * (decisions.count + 1))
        for d in decisions {
            // The date of the day as written (two decimals), so the two columns agree.
            let wholeDays = Int((d.day * 100).rounded()) / 100
            let date = start.map { CivilDay(serial: $0.serial + wholeDays).text } ?? ""
            var fields = [String(d.run), fixed2(d.day), date]
            fields.append(d.children.map { "c\($0)" }.joined(separator: " "))
            fields.append("g\(d.group)")
            fields.append(d.setting.rawValue)
            fields.append(d.household.map { quoted($0.rawValue) } ?? "")
            fields.append(d.score.map(fixed2) ?? "")
            fields.append(d.miles.map(fixed2) ?? "")
            fields.append(quoted(d.reasonText))
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

    /// A field quoted when it holds a comma, quote or line break (RFC 4180).
    static func quoted(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

/// A day of the proleptic Gregorian calendar as a serial number (days since 1970-01-01).
///
/// Design note: the conversions are Howard Hinnant's `days_from_civil` and `civil_from_days`
/// ("chrono-Compatible Low-Level Date Algorithms"), exact for every date in range.
struct CivilDay {
    var serial: Int

    init(serial: Int) { self.serial = serial }

    /// Parses `YYYY-MM-DD`; nil when it is not a date.
    init?(_ text: String) {
        let parts = text.split(separator: "-").map { Int($0) }
        guard parts.count == 3, let y0 = parts[0], let m = parts[1], let d = parts[2], (1...12).contains(m), (1...31).contains(d)
        else { return nil }
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        serial = era * 146097 + doe - 719468
    }

    /// The date as `YYYY-MM-DD`.
    var text: String {
        let z = serial + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(y)-\(two(m))-\(two(d))"
    }
}
