import CareModel
import Testing
@testable import Simulation

/// The band from the thresholds must be the band of the divided age, `AgeBand(age:
/// Int(days / 365.25))`, for day counts spread over every band and beyond (negative, past 25
/// years), and for every day count within 3,000 units in the last place of each threshold and
/// of each band's first whole-year age in days (where rounding the quotient could disagree).
@Test func ageBandThresholdsGiveTheDividedAgesBand() {
    let thresholds = AgeBandThresholds.standard
    func divided(_ days: Double) -> Int { AgeBand(age: Int(days / Calendar.yearDays)).rawValue }
    var rng = Xoshiro256StarStar(seed: 5)
    var mismatches = 0
    for _ in 0..<200_000 {
        let days = (rng.nextUnit() * 30 - 2) * Calendar.yearDays
        if thresholds.bandIndex(ageDays: days) != divided(days) { mismatches += 1 }
    }
    let firstAges = [AgeBand.oneToFour, .fiveToNine, .tenToFifteen, .sixteenPlus].map(\.ages.lowerBound)
    let edges = [thresholds.days.0, thresholds.days.1, thresholds.days.2, thresholds.days.3]
        + firstAges.map { Double($0) * Calendar.yearDays }
    for edge in edges {
        var below = edge, above = edge
        for _ in 0..<3000 {
            below = below.nextDown
            above = above.nextUp
            if thresholds.bandIndex(ageDays: below) != divided(below) { mismatches += 1 }
            if thresholds.bandIndex(ageDays: above) != divided(above) { mismatches += 1 }
        }
        if thresholds.bandIndex(ageDays: edge) != divided(edge) { mismatches += 1 }
    }
    #expect(mismatches == 0)
    // Each threshold is the first day count of its band: one unit less is still the band before.
    for (band, edge) in edges.prefix(4).enumerated() {
        #expect(divided(edge) == band + 1)
        #expect(divided(edge.nextDown) == band)
    }
}

/// A child's snapshot row follows the child only through `append` and `refreshRow`: a change
/// of a copied field without `refreshRow` is reported by `violations()`, and refreshing the row
/// clears it.
@Test func snapshotRowsAreCheckedAgainstTheChildren() {
    var register = ChildRegister()
    let child = SimChild(
        birthDay: -3000, entryDay: -10, exitDay: 0, placedDay: -10, waitingSince: -10,
        recentStarts: (-10, -.infinity, -.infinity), home: Location(latitude: 51.9, longitude: -2.2), household: -1,
        unit: 1, group: 0, placementStamp: 1, exitStamp: 1, district: 0, needs: Needs(), request: .longTerm,
        state: .placed, type: .kinship, destination: .home, over20: false, ownBed: false, stepDownReady: false, wantsMove: false)
    register.groups.append(SimGroup(first: 0, count: 1))
    register.append(child)
    register.inCare.append(0)
    #expect(register.violations().isEmpty)
    register.children[0].recentStarts = (40, -10, -.infinity)
    register.children[0].over20 = true
    #expect(register.violations().contains { $0.contains("snapshot row") })
    register.refreshRow(0)
    #expect(register.violations().isEmpty)
    #expect(register.snapshotRows[0].secondStart == -10 && register.snapshotRows[0].over20 && !register.snapshotRows[0].thirdStarted)
}
