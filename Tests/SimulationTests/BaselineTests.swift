import CareModel
import Testing
@testable import Simulation

/// Month 0 of the county baseline is, exactly, the snapshot its county profile is given as input
/// (the county's March 2024 counts): the starting population reproduces its inputs.
@Test func baselineStartsFromTheMarch2024Snapshot() {
    let results = MonteCarlo.run(scenario: Scenario(), start: SimTest.countyStart, runs: 2, years: 1, seed: 1)
    func start(_ kpi: KPI) -> Double { results.value(kpi, month: 0).p50 }
    #expect(start(.childrenInCare) == 842)
    #expect(start(.ifaFoster) == 163)
    #expect(start(.inHouseFoster) == 287)
    #expect(start(.residential) == 92)
    #expect(start(.supported) == 90)
    #expect(start(.adoption) == 42)
    #expect(start(.withParents) == 39)
    #expect(start(.kinship) == 111)
    #expect(start(.other) == 18)
    #expect([start(.ageUnder1), start(.age1To4), start(.age5To9), start(.age10To15), start(.age16Plus)] == [44, 104, 163, 298, 233])
    #expect(start(.households) == 215)
    #expect(start(.approvedPlaces) == 325)
    #expect(start(.waiting) == 0)
    // 28% live more than 20 miles from home (242 of 842).
    #expect(abs(start(.over20MilesPct) - 28.7) < 2)
}

/// The baseline's flows follow the rates the scenario configures: about 294 entries a year,
/// resignations at 0.14 a year per household (about 30 a year for 215 households), mean time
/// in care about 2.9 years by Little's law, and 85-97% of available in-house places in use.
@Test func baselineReproducesRecentRates() {
    let years = 3
    let results = baselineThreeYears
    let perYear = { (key: String) in results.total(key)!.p50 / Double(years) }
    #expect(abs(perYear("entries") - 294) < 20)
    #expect(abs(perYear("resignations") - 30) < 7)
    // Little's law: mean number in care / entries a year.
    let meanInCare = (1...(12 * years)).reduce(0.0) { $0 + results.value(.childrenInCare, month: $1).p50 } / Double(12 * years)
    let years_in_care = meanInCare / perYear("entries")
    #expect(years_in_care > 2.4 && years_in_care < 3.2, "mean time in care \(years_in_care)")
    // Year 1 is lower: the number in care falls by about 15 in year 1 (the published exits, about
    // 320 a year from 840 in care, exceed the 294 entries), so fewer children need in-house homes;
    // the 200-run P50 is 83.4% [78.3-88.9] at month 12, and the median of these 12 runs can sit
    // 2-3 standard errors (about 1.3 points each) below it, hence 80. From year 2 the 85% of
    // 2021/22 or more (200 runs: 85.2, 88.0).
    for m in [12, 24, 36] {
        let used = results.value(.utilisationPct, month: m).p50
        let lowest = m == 12 ? 80.0 : 85.0
        #expect(used >= lowest && used <= 97, "utilisation \(used) in month \(m)")
    }
}

/// The baseline's exits follow the county's published rates, not a steady state: in 2023/24
/// 320 children ceased to be looked after and 292 started, so from the March 2024 snapshot the
/// number in care falls in year 1 (P50 below 842, above 780), and over five years it stays
/// within 760-880 every month (200-run P50 827, 815, 817, 828, 847 in years 1-5, P10-P90
/// about +-40) as later entrants' long stays build it up again; residential care keeps more
/// than half of its 92 children, relatives & friends stay above 95 (the snapshot has 111) and the
/// share of brothers and sisters living together stays near its start. 16 runs keep this quick;
/// the bounds sit 2-3 standard errors of a 16-run median or more away. (When the baseline held a
/// steady state at 842 the bounds were 795-890 a month and within 5% of 842 at each year end;
/// that steady state had 279 exits in year 1, fewer than any of the last four published years.)
@Test func baselineChildrenInCareStayWithinABandOverFiveYears() {
    let years = 5
    let results = MonteCarlo.run(scenario: Scenario(), start: SimTest.countyStart, runs: 16, years: years, seed: 2024)
    for m in 1...(12 * years) {
        let p50 = results.value(.childrenInCare, month: m).p50
        #expect(p50 >= 760 && p50 <= 880, "children in care \(p50) in month \(m)")
    }
    let yearOne = results.value(.childrenInCare, month: 12).p50
    #expect(yearOne < 842 && yearOne > 780, "children in care \(yearOne) at the end of year 1")
    #expect(results.value(.residential, month: 12 * years).p50 > 46)
    #expect(results.value(.kinship, month: 12 * years).p50 > 95)
    // Brothers and sisters living together stay together: the share holds near the snapshot's
    // ~62% (England 63%) for two years; when each sibling moved home or to adopters into a
    // placement of their own it fell to ~56% in year 1 and ~55% in year 2.
    let together = results.value(.siblingsTogetherPct, month: 0).p50
    for year in 1...2 {
        let p50 = results.value(.siblingsTogetherPct, month: 12 * year).p50
        #expect(abs(p50 - together) <= 4, "siblings together \(p50)% in year \(year), \(together)% at the start")
    }
}

/// The first month continues the snapshot instead of reshuffling it: children in foster care,
/// with relatives and friends or elsewhere who are due to leave by adoption or to their parents
/// are not all moved there on day 0 (they had been: in-house 287 -> 255 and placed for adoption
/// 42 -> 94 in month 1). Month 1 may differ from month 0 only by about one month's flows: ~25
/// entries, ~25 exits and ~25 moves spread over eight placement types.
@Test func baselineFirstMonthContinuesTheSnapshot() {
    let results = MonteCarlo.run(scenario: Scenario(), start: SimTest.countyStart, runs: 20, years: 1, seed: 7)
    func change(_ kpi: KPI) -> Double { results.value(kpi, month: 1).p50 - results.value(kpi, month: 0).p50 }
    #expect(change(.inHouseFoster) >= -5, "in-house changed by \(change(.inHouseFoster)) in month 1")
    #expect(change(.kinship) >= -5, "relatives & friends changed by \(change(.kinship)) in month 1")
    #expect(abs(change(.adoption)) <= 6, "placed for adoption changed by \(change(.adoption)) in month 1")
    #expect(abs(change(.withParents)) <= 6, "placed with parents changed by \(change(.withParents)) in month 1")
    #expect(results.value(.moves, month: 1).p50 <= 40, "moves in month 1: \(results.value(.moves, month: 1).p50)")
}

/// Three years of the baseline, 12 runs, seed 2024 (shared by the tests below).
let baselineThreeYears = MonteCarlo.run(scenario: Scenario(), start: SimTest.countyStart, runs: 12, years: 3, seed: 2024)

/// Regression (the simulator's own output, seed 2024, 12 runs): approvals a year over three
/// years of the baseline. Recruitment is an enquiry-to-approval pipeline with no published
/// annual figure to test against, so this pins the value the model gives today (38.5 a year
/// with seed 2024 and 12 runs): a change to the pipeline must update it knowingly.
@Test func regressionBaselineApprovalsPerYear() {
    let results = baselineThreeYears
    let approvals = results.total("approvals")!.p50 / 3
    #expect(abs(approvals - 38.5) <= 2, "approvals \(approvals) a year (regression value 38.5)")
}

/// Residential care and supported accommodation hold the March 2024 snapshot's 92 and 90 over
/// five years instead of collapsing: external residential grew 23 -> 117 and supported
/// living 16 -> ~131 over 2012-22 (docs/sources.md), so "nothing changes" should not lose
/// a third of residential and a quarter of supported within three years (an earlier routing gave
/// 200-run P50s of residential 96.5, 92, 77, 69, 63 and supported 84, 68, 64.5, 67, 67 at the end
/// of years 1-5; P10-P90 about +-15, so a 16-run median has a standard error of about 4). The
/// mean of the monthly medians over years 3-5 separates the two robustly; the year-end values
/// catch a collapse or an explosion.
///
/// The year-end values are a regression on the simulator's own output (seed 2024, 16 runs:
/// residential 105, 104.5, 92, 81, 81; supported 91, 83, 77.5, 79, 74), within 5 children.
@Test func regressionResidentialAndSupportedOverFiveYears() {
    let years = 5
    let results = MonteCarlo.run(scenario: Scenario(), start: SimTest.countyStart, runs: 16, years: years, seed: 2024)
    let residentialByYear = [105, 104.5, 92, 81, 81], supportedByYear = [91, 83, 77.5, 79, 74]
    for year in 1...years {
        let residential = results.value(.residential, month: 12 * year).p50
        let supported = results.value(.supported, month: 12 * year).p50
        #expect(abs(residential - residentialByYear[year - 1]) <= 5, "residential \(residential) at the end of year \(year)")
        #expect(abs(supported - supportedByYear[year - 1]) <= 5, "supported \(supported) at the end of year \(year)")
    }
    let months = 25...(12 * years)
    func meanP50(_ kpi: KPI) -> Double { months.reduce(0.0) { $0 + results.value(kpi, month: $1).p50 } / Double(months.count) }
    #expect(meanP50(.residential) >= 80, "residential averaged \(meanP50(.residential)) over years 3-5 (snapshot 92)")
    #expect(meanP50(.supported) >= 72, "supported averaged \(meanP50(.supported)) over years 3-5 (snapshot 90)")
}
