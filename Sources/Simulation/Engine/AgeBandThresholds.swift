import CareModel

/// The ages in days at which a child enters each age band after the first, as the simulator
/// reckons whole years: `AgeBand(age: Int(days / Calendar.yearDays))`.
///
/// ## Design note
/// The quotient `days / Calendar.yearDays`, correctly rounded, never decreases as `days` grows,
/// nor does its truncation to whole years, nor the band of a whole age; so each band after the
/// first is entered exactly from one day count on, the least `days` whose rounded quotient
/// reaches the band's first age `a`. That least value is found by starting from `a x 365.25`
/// (exact, whose quotient is exactly `a`) and stepping down one unit in the last place while
/// the quotient still reaches `a`. Counting the thresholds a day count reaches then gives the
/// band the division gives, bit for bit, with four comparisons and no division.
struct AgeBandThresholds {
    /// The least day count of `oneToFour`, `fiveToNine`, `tenToFifteen` and `sixteenPlus`.
    let days: (Double, Double, Double, Double)

    init() {
        func least(reaching age: Int) -> Double {
            let a = Double(age)
            var t = a * Calendar.yearDays
            precondition(t / Calendar.yearDays >= a, "the quotient of a whole age's days reaches the age")
            while t.nextDown / Calendar.yearDays >= a { t = t.nextDown }
            return t
        }
        days = (least(reaching: AgeBand.oneToFour.ages.lowerBound), least(reaching: AgeBand.fiveToNine.ages.lowerBound),
                least(reaching: AgeBand.tenToFifteen.ages.lowerBound), least(reaching: AgeBand.sixteenPlus.ages.lowerBound))
    }

    /// The thresholds for the simulator's years, computed once.
    static let standard = AgeBandThresholds()

    /// The band (`AgeBand.rawValue`) of a child `ageDays` days old: `AgeBand(age: Int(ageDays / Calendar.yearDays))`
    /// for every day count that is not NaN.
    /// - Complexity: O(1), four comparisons.
    @inline(__always)
    func bandIndex(ageDays: Double) -> Int {
        (ageDays >= days.0 ? 1 : 0) + (ageDays >= days.1 ? 1 : 0) + (ageDays >= days.2 ? 1 : 0) + (ageDays >= days.3 ? 1 : 0)
    }
}
