import Interchange

/// The collection years (1 April - 31 March) a return observes in full.
///
/// ## Design note
/// A year's SSDA903 return lists every episode open at any time in that year, so a stack of
/// returns for years Y1..Yn sees every entry, exit and move in them, and only some before Y1
/// (the earlier episodes of children still in care at Y1) and none after Yn's extract day.
/// Estimating from a partly observed year biases every rate (entries too few, stays too long),
/// so calibration is confined to whole observed years. The years are found from the episodes as
/// read, before cleaning (cleaning truncates overlapping episodes, which creates ends that no
/// return recorded):
/// - a stacked extract with a YEAR column: the run of consecutive YEAR values ending at the
///   latest;
/// - otherwise the first year is the one holding the earliest DEC (an episode that ended in a
///   year was open in it, so that year's return is present), skipping leading years with fewer
///   than a quarter of the median yearly exits (REC other than X1) of the last three years:
///   those are the history of children still in care that a full-history extract carries, not
///   a year of its own; the
///   last year is the one holding the latest DECOM or DEC when that is at most 31 days before
///   its 31 March (a return extracted at the year end), else the year before. A year holding
///   fewer than a quarter as many DECOMs and DECs as a busy year (the middle of the three
///   busiest), after a year holding none, is passed over first: so a date mistyped years ahead
///   (2099 for 2019) is not taken for the extract day.
/// Guarantees: the window starts on a 1 April and ends on a 31 March, and never reaches a year
/// the rules above cannot vouch for.
public struct ObservedYears: Sendable, Equatable, CustomStringConvertible {
    /// The first and last collection years observed, each by its end (2024 for 2023/24).
    public var first: Int
    public var last: Int

    public init(first: Int, last: Int) {
        self.first = first
        self.last = last
    }

    /// 1 April of the first year to 31 March of the last.
    public var window: Calibration.Window {
        Calibration.Window(from: CalendarDay(year: first - 1, month: 4, day: 1)!, to: CalendarDay(year: last, month: 3, day: 31)!)
    }

    /// "2019/20 to 2023/24 (2019-04-01 to 2024-03-31)".
    public var description: String {
        let w = window
        let years = first == last ? Self.label(first) : "\(Self.label(first)) to \(Self.label(last))"
        return "\(years) (\(w.from) to \(w.to))"
    }

    /// "2023/24" for the year ending in 2024.
    public static func label(_ yearEnd: Int) -> String {
        let short = yearEnd % 100
        return "\(yearEnd - 1)/\(short < 10 ? "0" : "")\(short)"
    }

    /// The collection year (by its end) holding `day`.
    public static func yearEnd(of day: CalendarDay) -> Int { day.reportingYearEnd.year }

    /// The whole collection years `data` observes; nil when it observes none.
    /// - Complexity: O(episodes + years²), years being the distinct collection years of the dates.
    public static func of(_ data: SSDA903Return) -> ObservedYears? {
        let labelled = Set(data.episodes.compactMap(\.collectionYear))
        if let latest = labelled.max() {
            var first = latest
            while labelled.contains(first - 1) { first -= 1 }
            return ObservedYears(first: first, last: latest)
        }
        var exitsByYear: [Int: Int] = [:]
        var endsByYear: [Int: Int] = [:]
        // Every DECOM, and every DEC not before its DECOM, counted by year, with each year's latest.
        var datesByYear: [Int: (count: Int, latest: CalendarDay)] = [:]
        func note(_ day: CalendarDay) {
            let year = yearEnd(of: day)
            let seen = datesByYear[year]
            datesByYear[year] = ((seen?.count ?? 0) + 1, max(seen?.latest ?? day, day))
        }
        for e in data.episodes {
            note(e.start)
            guard let end = e.end, end >= e.start else { continue }
            note(end)
            let year = yearEnd(of: end)
            endsByYear[year, default: 0] += 1
            if e.reasonEnded != "X1" { exitsByYear[year, default: 0] += 1 }
        }
        guard var latestYear = datesByYear.keys.max(), var first = endsByYear.keys.min() else { return nil }
        // A date mistyped years ahead stands almost alone in its year, after years holding no
        // date at all: such a year (fewer than a quarter of the dates of a busy year, the middle
        // of the three busiest, with none the year before) is passed over.
        let busiest = datesByYear.values.map(\.count).sorted(by: >)
        let busy = busiest[min(1, busiest.count - 1)]
        while 4 * datesByYear[latestYear]!.count < busy, datesByYear[latestYear - 1] == nil,
              let earlier = datesByYear.keys.filter({ $0 < latestYear }).max() {
            latestYear = earlier
        }
        let latest = datesByYear[latestYear]!.latest
        let yearEndDay = CalendarDay(year: latestYear, month: 3, day: 31)!
        let last = yearEndDay.days(since: latest) <= 31 ? latestYear : latestYear - 1
        if last - first >= 2 {
            // The reference: the median exits of the last three years, which every return holds.
            let recent = (last - 2...last).map { exitsByYear[$0] ?? 0 }.sorted()
            while first < last - 2 && 4 * (exitsByYear[first] ?? 0) < recent[1] { first += 1 }
        }
        guard first <= last else { return nil }
        return ObservedYears(first: first, last: last)
    }
}
