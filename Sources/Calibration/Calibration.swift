import Interchange
import Simulation
import CareModel

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Estimating a scenario's rates from children's care histories.
///
/// ## Design note
/// Every estimator uses only what happened inside the window [`from`, `to`]: events (entries,
/// exits, moves) dated in it, and exposure (child-days in care) falling in it. A period still
/// open on `to`, or one that started before `from`, contributes exposure for the part inside the
/// window — that is what makes the time-in-care estimate honest about children still in care
/// (censoring) and about children already in care when the data begins (delayed entry). Because
/// nothing after `to` is looked at, `calibrate(... to: D)` on a full return sees exactly what a
/// return extracted on D would have shown, which is how the backtest hides the future.
public enum Calibration {
    /// Options for one calibration.
    public struct Window: Sendable {
        public var from: CalendarDay
        public var to: CalendarDay
        public init(from: CalendarDay, to: CalendarDay) {
            self.from = from
            self.to = to
        }
    }

    /// Estimates every rate from `histories` within `window`; `centroids` maps postcode
    /// districts (upper case, no spaces) to their centroids for the distance measures.
    /// - Complexity: O(total periods and placements), plus a sort per time-in-care band.
    public static func calibrate(_ histories: [CareHistory], window: Window, centroids: [String: Location]? = nil) -> CalibrationResult {
        var notes: [String] = []
        let entries = estimateEntries(histories, window: window, notes: &notes)
        let siblings = estimateSiblingGroups(histories, window: window)
        let time = estimateTimeInCare(histories, window: window)
        let exits = estimateExitDestinations(histories, window: window)
        let mix = estimatePlacementMix(histories, window: window)
        let moves = estimateMoves(histories, window: window)
        let distance = centroids.map { estimateDistance(histories, window: window, centroids: $0) }
        let census = census(histories, on: window.to)
        var ages = [Double](repeating: 0, count: 18)
        var entered = 0
        var uasc = 0
        forEachEntry(histories, window: window) { h, p in
            ages[min(17, h.age(on: p.start))] += 1
            entered += 1
            if h.isUASC { uasc += 1 }
        }
        if entered > 0 { for i in ages.indices { ages[i] /= Double(entered) } }
        let uascShare = proportion(uasc, of: entered, source: "\(count(uasc)) of \(count(entered)) entries \(span(window)) in the UASC table")
        var result = CalibrationResult(from: window.from, to: window.to, entries: entries, siblingGroups: siblings, timeInCare: time,
                                       exitDestinations: exits, placementMixAtEntry: mix, moves: moves, distance: distance,
                                       census: census, uascShareOfEntries: uascShare, ageAtEntryShares: ages, notes: notes)
        result.pathways = estimatePathways(histories, window: window)
        result.inHouseGrowthPerYear = estimateInHouseGrowth(histories, window: window)
        return result
    }

    /// Yearly growth of the number of children with in-house foster carers: the least-squares
    /// slope of log(count) on the census days `to`, `to` - 1, ... `to` - 5 years (those inside
    /// the window), as exp(slope) - 1. SSDA903 has no carer records, so this is the only sign
    /// of how fast the council's in-house fostering grew. Nil with fewer than 3 census days.
    static func estimateInHouseGrowth(_ histories: [CareHistory], window: Window) -> Estimate? {
        var points: [(x: Double, y: Double, n: Int)] = []
        for k in 0...5 {
            let day = window.to.adding(years: -k)
            guard day >= window.from else { break }
            let n = census(histories, on: day).byType[PlacementType.inHouseFoster.rawValue] ?? 0
            guard n > 0 else { continue }
            points.append((Double(-k), log(Double(n)), n))
        }
        guard points.count >= 3 else { return nil }
        let mx = points.reduce(0) { $0 + $1.x } / Double(points.count)
        let my = points.reduce(0) { $0 + $1.y } / Double(points.count)
        let sxx = points.reduce(0) { $0 + ($1.x - mx) * ($1.x - mx) }
        let slope = points.reduce(0) { $0 + ($1.x - mx) * ($1.y - my) } / sxx
        let residual = points.reduce(0) { $0 + pow($1.y - my - slope * ($1.x - mx), 2) }
        let se = (residual / Double(points.count - 2) / sxx).squareRoot()
        let counts = points.reversed().map { count($0.n) }.joined(separator: ", ")
        return Estimate(value: exp(slope) - 1, standardError: se,
                        source: "children with in-house foster carers on \(points.count) yearly census days to \(window.to): \(counts) (log-linear slope)")
    }

    /// Whether `period` is an entry to care on a day in [`from`, `to`].
    ///
    /// The one definition of an entry used by calibration, the backtest's truth, the synthetic
    /// return generator and the docs: the first day of a new period of care — the child was not
    /// looked after the day before — as the DfE counts children who "started to be looked
    /// after". A period whose start the return did not see (its first episode predates the
    /// years observed in full and is not RNE = S) is not an entry. Short breaks (LS V3/V4) are
    /// not care and so start nothing.
    package static func isEntry(_ period: PeriodOfCare, from: CalendarDay, to: CalendarDay) -> Bool {
        period.startObserved && period.start >= from && period.start <= to
    }

    /// Entries (see `isEntry`) on days in [`from`, `to`].
    package static func entries(_ histories: [CareHistory], from: CalendarDay, to: CalendarDay) -> Int {
        var n = 0
        for h in histories { for p in h.periods where isEntry(p, from: from, to: to) { n += 1 } }
        return n
    }

    /// Calls `body` for every entry (see `isEntry`) inside the window.
    static func forEachEntry(_ histories: [CareHistory], window: Window, _ body: (CareHistory, PeriodOfCare) -> Void) {
        for h in histories {
            for p in h.periods where isEntry(p, from: window.from, to: window.to) {
                body(h, p)
            }
        }
    }

    /// Children in care on `day` (in a period that has started and not ended) by type and age band.
    public static func census(_ histories: [CareHistory], on day: CalendarDay) -> Census {
        var byType: [String: Int] = [:]
        var byBand: [String: Int] = [:]
        var byEntryBand: [String: Int] = [:]
        var total = 0
        for h in histories {
            for p in h.periods {
                guard let spell = p.placement(on: day) else { continue }
                total += 1
                byType[spell.type.rawValue, default: 0] += 1
                byBand[AgeBand(age: h.age(on: day)).key, default: 0] += 1
                byEntryBand[AgeBand(age: h.age(on: p.start)).key, default: 0] += 1
            }
        }
        var census = Census(day: day, total: total, byType: byType, byBand: byBand)
        census.byEntryBand = byEntryBand
        return census
    }

    /// A share with its binomial standard error.
    static func proportion(_ k: Int, of n: Int, source: String) -> Estimate {
        guard n > 0 else { return Estimate(value: 0, standardError: nil, source: source + " (no data)") }
        let p = Double(k) / Double(n)
        return Estimate(value: p, standardError: (p * (1 - p) / Double(n)).squareRoot(), source: source)
    }

    /// A whole number with thousands separators: 12345 -> "12,345".
    static func count(_ n: Int) -> String {
        let digits = String(abs(n))
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return n < 0 ? "-" + out : out
    }

    /// "2015-04-01 to 2024-03-31".
    static func span(_ window: Window) -> String { "\(window.from) to \(window.to)" }

    /// Years between two days (365.25 days a year).
    static func years(_ days: Int) -> Double { Double(days) / 365.25 }
}
