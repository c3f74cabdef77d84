import Interchange
@testable import Calibration
import CareModel
import Foundation
import Simulation
import Testing

@Suite struct CalibrationTests {
    static let from = CalendarDay(year: 2015, month: 4, day: 1)!
    static let to = CalendarDay(year: 2025, month: 3, day: 31)!

    /// |estimate - truth| within `z` standard errors (plus a small absolute slack for rounding).
    func within(_ e: Estimate, _ truth: Double, z: Double = 4, slack: Double = 0) -> Bool {
        abs(e.value - truth) <= z * (e.standardError ?? 0) + slack
    }

    @Test func recoversKnownRatesFromASyntheticReturn() {
        var spec = SyntheticReturnSpec(from: Self.from, to: Self.to)
        spec.entriesPerYear = [50, 80, 90, 120, 60]
        spec.trendPerYear = 0.04
        spec.duplicateRowShare = 0.02
        let synthetic = SyntheticReturnGenerator.generate(spec, seed: 11)
        let (histories, report) = SSDA903Cleaning.histories(from: synthetic.data)
        #expect(report.count(.duplicate) > 0)
        #expect(report.count(.dropped) > 0)  // short breaks
        let result = Calibration.calibrate(histories, window: .init(from: Self.from, to: Self.to))

        for band in AgeBand.allCases {
            let estimate = result.entries.perYearByBand[band.key]!
            #expect(within(estimate, spec.entriesPerYear[band.rawValue]), "entries \(band): \(estimate.value) vs \(spec.entriesPerYear[band.rawValue])")
            let time = result.timeInCare[band.key]!
            #expect(within(time.meanYears, spec.meanYearsInCare[band.rawValue]), "time in care \(band): \(time.meanYears.value) ± \(time.meanYears.standardError ?? 0) vs \(spec.meanYearsInCare[band.rawValue])")
            for (t, type) in PlacementType.allCases.enumerated() {
                let share = result.placementMixAtEntry[band.key]![type.rawValue]!
                #expect(within(share, spec.placementMix[band.rawValue][t], slack: 0.01), "mix \(band) \(type): \(share.value)")
            }
        }
        #expect(within(result.entries.trendPerYear, spec.trendPerYear), "trend \(result.entries.trendPerYear.value)")
        // Placed with parents and placed for adoption are mostly exit pathways in the generator
        // (their last months end care, not in a move), so only the other types' rates are the spec's.
        for (t, type) in PlacementType.allCases.enumerated() where type != .withParents && type != .adoption {
            let rate = result.moves.ratePerYear[type.rawValue]!
            #expect(within(rate, spec.moveRatePerYear[t], slack: 0.02), "moves \(type): \(rate.value) ± \(rate.standardError ?? 0) vs \(spec.moveRatePerYear[t])")
        }
        let sizes = result.siblingGroups.groupSizeShares
        for k in 0..<4 {
            #expect(within(sizes[k], spec.siblingGroupSizeShares[k], slack: 0.01), "sibling groups of \(k + 1): \(sizes[k].value)")
        }
        // Exit pathways are seen (a pathway longer than the whole stay is skipped, so not all).
        #expect(result.pathways!.adoptionViaPlacementShare.value > 0.5 && result.pathways!.adoptionViaPlacementShare.value < 1)
        #expect(result.pathways!.homeViaParentsShare.value > 0.15 && result.pathways!.homeViaParentsShare.value < spec.homeViaParentsShare)
        // Every estimate says where it came from.
        #expect(result.timeInCare["5_9"]!.meanYears.source.contains("censored"))
        #expect(result.entries.perYear.source.contains("entries"))
    }

    @Test func censoredChildrenAreNotIgnored() {
        // Nobody in care before the window, long stays, a 3-year window: most are still in care.
        let from = CalendarDay(year: 2021, month: 4, day: 1)!
        let to = CalendarDay(year: 2024, month: 3, day: 31)!
        var spec = SyntheticReturnSpec(from: from, to: to)
        spec.burnInYears = 0
        spec.meanYearsInCare = [6, 6, 6, 6, 6]
        spec.entriesPerYear = [60, 120, 150, 100, 40]
        spec.shortBreakChildrenPerYear = 0
        let synthetic = SyntheticReturnGenerator.generate(spec, seed: 5)
        let (histories, _) = SSDA903Cleaning.histories(from: synthetic.data)
        let result = Calibration.calibrate(histories, window: .init(from: from, to: to))
        for band in [AgeBand.oneToFour, .fiveToNine] {
            let time = result.timeInCare[band.key]!
            #expect(time.censored > time.exits)
            // Ignoring the children still in care: a mean of stays that were short enough to end.
            #expect(time.completedOnlyMeanYears! < 1.5)
            #expect(within(time.meanYears, 6, z: 4), "\(band): \(time.meanYears.value) ± \(time.meanYears.standardError!)")
            #expect(time.meanYears.value > 4)
        }
    }

    @Test func poissonTrendMaximisesTheLikelihood() {
        var rng = Xoshiro256StarStar(seed: 3)
        for _ in 0..<20 {
            let n = 3 + Int(rng.nextUnit() * 8)
            let counts = (0..<n).map { _ in Int(rng.nextUnit() * 200) }
            guard counts.reduce(0, +) > 0 else { continue }
            let fit = PoissonTrend.fit(counts)
            func logLikelihood(_ a: Double, _ b: Double) -> Double {
                counts.enumerated().reduce(0.0) { sum, item in
                    let mu = exp(a + b * Double(item.offset))
                    return sum + Double(item.element) * log(mu) - mu
                }
            }
            let best = logLikelihood(fit.intercept, fit.slope)
            // Brute force: no point on a grid around the fit does better.
            for da in stride(from: -0.2, through: 0.2, by: 0.02) {
                for db in stride(from: -0.1, through: 0.1, by: 0.01) {
                    #expect(logLikelihood(fit.intercept + da, fit.slope + db) <= best + 1e-9)
                }
            }
        }
        let exact = (0..<8).map { Int((1000 * pow(1.05, Double($0))).rounded()) }
        #expect(abs(PoissonTrend.fit(exact).slope - log(1.05)) < 1e-3)
    }

    @Test func kaplanMeierMatchesAHandComputedCurve() {
        // Durations 1, 2(censored), 3, 4, 5(censored), 6: S(1)=5/6, S(3)=5/6*3/4=0.625, S(4)=0.625*2/3=0.4167.
        let spells: [(entry: Int, exit: Int, event: Bool)] = [(0, 1, true), (0, 2, false), (0, 3, true), (0, 4, true), (0, 5, false), (0, 6, true)]
        #expect(Calibration.kaplanMeierMedian(spells) == 4)
        // Delayed entry: a spell entering at 3 is not at risk at 1 or 3, only after.
        let delayed: [(entry: Int, exit: Int, event: Bool)] = [(0, 1, true), (0, 10, false), (3, 5, true), (0, 7, true)]
        // t=1: 3 at risk -> 2/3; t=5: 3 at risk -> 2/3*2/3 = 0.444 <= 0.5.
        #expect(Calibration.kaplanMeierMedian(delayed) == 5)
    }

    @Test func calendarDaysAgreeWithFoundation() {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        var rng = Xoshiro256StarStar(seed: 9)
        for _ in 0..<2000 {
            let number = Int32(-60000 + Int(rng.nextUnit() * 120000))
            let day = CalendarDay(dayNumber: number)
            let date = Date(timeIntervalSince1970: Double(number) * 86400)
            let parts = calendar.dateComponents([.year, .month, .day], from: date)
            let (y, m, d) = day.components
            #expect(y == parts.year && m == parts.month && d == parts.day)
            #expect(CalendarDay(year: y, month: m, day: d) == day)
            #expect(CalendarDay(parsing: day.description) == day)
            #expect(CalendarDay(parsing: "\(d)/\(m)/\(y)") == day)
        }
        #expect(CalendarDay(parsing: "31/02/2020") == nil)
        #expect(CalendarDay(parsing: "2020-13-01") == nil)
        // Two-digit years (00-69 are 20xx, 70-99 are 19xx) and spreadsheet date-time cells.
        #expect(CalendarDay(parsing: "01/02/20") == CalendarDay(year: 2020, month: 2, day: 1))
        #expect(CalendarDay(parsing: "24/04/17") == CalendarDay(year: 2017, month: 4, day: 24))
        #expect(CalendarDay(parsing: "05/12/93") == CalendarDay(year: 1993, month: 12, day: 5))
        #expect(CalendarDay(parsing: "2020/01/02") == CalendarDay(year: 2020, month: 1, day: 2))
        #expect(CalendarDay(parsing: "2019-05-05 00:00:00") == CalendarDay(year: 2019, month: 5, day: 5))
        #expect(CalendarDay(parsing: "2019-05-05T00:00:00.000") == CalendarDay(year: 2019, month: 5, day: 5))
        #expect(CalendarDay(parsing: "05/05/2019 00:00") == CalendarDay(year: 2019, month: 5, day: 5))
        #expect(CalendarDay(parsing: "05-05-2019") == CalendarDay(year: 2019, month: 5, day: 5))
        for bad in ["2019-05-05 noon", "5/5/5", "2019-5", "123456789012345678901/01/2020", "05/05/2019 ", "2019-05-05x", "1/1/123"] {
            #expect(CalendarDay(parsing: bad) == nil, "\(bad)")
        }
        let birth = CalendarDay(year: 2008, month: 2, day: 29)!
        #expect(CalendarDay(year: 2026, month: 2, day: 28)!.age(bornOn: birth) == 17)
        #expect(CalendarDay(year: 2026, month: 3, day: 1)!.age(bornOn: birth) == 18)
    }
}

@Suite struct SiblingGroupTests {
    func child(_ id: String, start: CalendarDay, home: String?, place: String?, mother: String? = "0") -> CareHistory {
        let spell = PlacementSpell(start: start, end: nil, type: .inHouseFoster, place: "U6", provider: "PR1", postcode: place, homePostcode: home, reasonChange: nil)
        let period = PeriodOfCare(start: start, end: nil, reasonEnded: nil, startObserved: true, homePostcode: home, legalStatus: "C2", placements: [spell])
        return CareHistory(child: id, sex: .female, dob: start.adding(years: -6), isUASC: false, motherField: mother, periods: [period])
    }

    @Test func groupsBySameDayAndPostcodesOrMotherAndCountsChanceMatches() {
        let d = CalendarDay(year: 2022, month: 5, day: 10)!
        let histories = [
            child("A", start: d, home: "GL1", place: "GL2"), child("B", start: d, home: "gl1 ", place: "GL2"),  // siblings
            child("C", start: d.adding(days: 1), home: "GL1", place: "GL2"),  // next day: a chance match
            child("D", start: d, home: "GL1", place: "GL9"),  // placed elsewhere: single
            child("E", start: d, home: nil, place: nil, mother: "M77"), child("F", start: d, home: nil, place: nil, mother: "M77"),
            child("G", start: d, home: nil, place: nil),  // nothing to match on: single
        ]
        let result = Calibration.calibrate(histories, window: .init(from: d.adding(days: -400), to: d.adding(days: 30)))
        let sizes = result.siblingGroups.groupSizeShares.map(\.value)
        // Groups: {A,B}, {E,F}, {C}, {D}, {G}: 3 singles and 2 pairs.
        #expect(abs(sizes[0] - 3.0 / 5) < 1e-12 && abs(sizes[1] - 2.0 / 5) < 1e-12)
        #expect(abs(result.siblingGroups.childrenWithSiblingsShare.value - 4.0 / 7) < 1e-12)
        // A and B on day d, C on day d+1 in the same cell: 2 next-day pairs.
        #expect(result.siblingGroups.chanceMatchedPairs == 2)
    }
}
