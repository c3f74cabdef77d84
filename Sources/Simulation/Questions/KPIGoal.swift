import Foundation

/// A goal on one measure: at most (or at least) a bound at a month, in a share of runs.
public struct KPIGoal: Sendable, Equatable {
    public var kpi: KPI
    public var bound: Double
    /// True: the measure must be at most `bound`; false: at least.
    public var atMost: Bool
    /// The month-end (1...) the goal is checked at.
    public var month: Int
    /// The share of runs that must meet it (0 < confidence <= 1).
    public var confidence: Double

    public init(kpi: KPI, bound: Double, atMost: Bool, month: Int, confidence: Double) {
        self.kpi = kpi
        self.bound = bound
        self.atMost = atMost
        self.month = month
        self.confidence = confidence
    }

    /// The measure in one run: a stock at the month-end, a flow summed over the twelve months
    /// up to it (fewer in the first year).
    public func value(in monthly: [Double]) -> Double {
        let k = KPI.allCases.count
        guard kpi.isFlow else { return monthly[month * k + kpi.rawValue] }
        return (max(1, month - 11)...max(1, month)).reduce(0.0) { $0 + monthly[$1 * k + kpi.rawValue] }
    }

    /// Whether one run meets the goal.
    public func isMet(by monthly: [Double]) -> Bool {
        let v = value(in: monthly)
        return atMost ? v <= bound : v >= bound
    }

    /// The goal in words, e.g. "ifa_foster at most 120 at month 48 in 80% of runs".
    public var text: String {
        "\(kpi.key) \(atMost ? "at most" : "at least") \(Self.number(bound)) at month \(month) in \(Self.number(confidence * 100))% of runs"
    }

    static func number(_ x: Double) -> String {
        x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : String(format: "%.4g", x)
    }

    /// The last month-end on or before the end of day `date` (YYYY-MM-DD) of a projection that
    /// starts on `startDate`: month `m` ends on day m x 365.25/12, so the month-end of
    /// 2028-03-31 from 2024-04-01 is month 48. Nil for a date that cannot be read or is before
    /// the first month-end.
    public static func month(by date: String, from startDate: String) -> Int? {
        let parts = date.split(separator: "-", omittingEmptySubsequences: false).map { Int($0) }
        guard parts.count == 3, let y = parts[0], let m = parts[1], let d = parts[2], (1...12).contains(m),
            (1...Self.daysIn(month: m, year: y)).contains(d)
        else { return nil }
        // The day after, so that a month's last day counts as its end.
        var (ny, nm, nd) = (y, m, d + 1)
        if nd > Self.daysIn(month: m, year: y) { (nm, nd) = (m + 1, 1) }
        if nm > 12 { (ny, nm) = (y + 1, 1) }
        let next = String(format: "%04d-%02d-%02d", ny, nm, nd)
        guard let months = Scenario.monthOffset(of: next, from: startDate), months >= 1 else { return nil }
        return months
    }

    static func daysIn(month m: Int, year y: Int) -> Int {
        switch m {
        case 2: (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}
