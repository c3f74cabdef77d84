import CareModel
import Testing
@testable import Simulation

/// M/M/inf: Poisson entries at rate lambda, exponential stays of mean m, no limit on homes.
/// In steady state the number in care is Poisson with mean lambda x m, so its mean and variance
/// over independent runs must both be lambda x m. Babies only, stays far shorter than 18 years,
/// so the 18th birthday never cuts a stay short.
@Test func poissonEntriesWithExponentialStaysGiveAPoissonNumberInCare() {
    var s = SimTest.quiet()
    s.entries.enabled = true
    s.exits.enabled = true
    s.entries.perYearByAgeBand = ByAgeBand(120, 0, 0, 0, 0)
    s.entries.siblingGroupSizes = [1]
    s.exits.meanYearsByAgeBand = ByAgeBand(0.5, 1, 1, 1, 1)
    s.exits.shortStayShare = ByAgeBand(0, 0, 0, 0, 0)
    s.ifa.capacity = 100_000
    let runs = 400
    let results = MonteCarlo.run(scenario: s, start: .empty(), runs: runs, years: 3, seed: 99)
    let expected = 120 * 0.5
    // Month 36: 3 years = 6 mean stays after an empty start (within e^-6 of steady state).
    let inCare = (0..<runs).map { SimTest.value(results, run: $0, .childrenInCare, month: 36) }
    let mean = SimTest.mean(inCare), variance = SimTest.variance(inCare)
    // Standard error of the mean sqrt(60/400) = 0.39; of the variance about 60 x sqrt(2/399) = 4.2.
    #expect(abs(mean - expected) < 4 * (expected / Double(runs)).squareRoot())
    #expect(abs(variance - expected) < 4 * expected * (2.0 / Double(runs - 1)).squareRoot())
    // Entries in a year are Poisson(120): mean and variance 120.
    let yearEntries = (0..<runs).map { r in (25...36).reduce(0.0) { $0 + SimTest.value(results, run: r, .entries, month: $1) } }
    #expect(abs(SimTest.mean(yearEntries) - 120) < 4 * (120.0 / Double(runs)).squareRoot())
    #expect(abs(SimTest.variance(yearEntries) - 120) < 4 * 120 * (2.0 / Double(runs - 1)).squareRoot())
}

/// Sibling groups: entries count children, so the expected entries are the configured rate
/// whatever the group sizes (groups arrive at rate / mean size).
@Test func siblingGroupsKeepTheExpectedNumberOfChildren() {
    var s = SimTest.quiet()
    s.entries.enabled = true
    s.entries.perYearByAgeBand = ByAgeBand(0, 0, 200, 0, 0)
    s.entries.siblingGroupSizes = [0.5, 0.3, 0.2]
    s.ifa.capacity = 100_000
    let runs = 200
    let results = MonteCarlo.run(scenario: s, start: .empty(), runs: runs, years: 1, seed: 5)
    let entries = (0..<runs).map { r in (1...12).reduce(0.0) { $0 + SimTest.value(results, run: r, .entries, month: $1) } }
    // Compound Poisson: variance = rate/meanSize x E[size^2] = 200/1.7 x 3.5 = 412.
    let sd = (412.0 / Double(runs)).squareRoot()
    #expect(abs(SimTest.mean(entries) - 200) < 4 * sd)
}

/// With every process off, only 18th birthdays change anything: no entries, the carers stay,
/// and exactly the children who turn 18 leave (all of the 17-year-olds within a year).
@Test func quietSystemOnlyLosesEighteenYearOlds() {
    let s = SimTest.quiet()
    let results = MonteCarlo.run(scenario: s, start: SimTest.countyStart, runs: 3, years: 2, seed: 1)
    for r in 0..<3 {
        #expect(SimTest.value(results, run: r, .households, month: 24) == SimTest.value(results, run: r, .households, month: 0))
        #expect(SimTest.value(results, run: r, .approvedPlaces, month: 24) == SimTest.value(results, run: r, .approvedPlaces, month: 0))
        #expect((1...24).allSatisfy { SimTest.value(results, run: r, .entries, month: $0) == 0 })
        // Everyone aged 16 or 17 at the start has left after two years; nobody else has.
        let left = SimTest.value(results, run: r, .childrenInCare, month: 0) - SimTest.value(results, run: r, .childrenInCare, month: 24)
        #expect(left == SimTest.value(results, run: r, .age16Plus, month: 0))
    }
}
