import CareModel
import Testing
@testable import Simulation

/// Replication k uses stream k whatever thread runs it: 1, 2 and 3 threads give identical runs.
@Test func resultsDoNotDependOnTheThreadCount() {
    let scenario = Scenario()
    let one = MonteCarlo.replicate(scenario: scenario, start: SimTest.countyStart, runs: 5, years: 1, seed: 42, threads: 1)
    let two = MonteCarlo.replicate(scenario: scenario, start: SimTest.countyStart, runs: 5, years: 1, seed: 42, threads: 2)
    let three = MonteCarlo.replicate(scenario: scenario, start: SimTest.countyStart, runs: 5, years: 1, seed: 42, threads: 3)
    #expect(one.map(\.monthly) == two.map(\.monthly))
    #expect(one.map(\.monthly) == three.map(\.monthly))
    #expect(one.map(\.placementsByType) == two.map(\.placementsByType))
    // A different seed gives different runs (the test could fail if seeds were ignored).
    let other = MonteCarlo.replicate(scenario: scenario, start: SimTest.countyStart, runs: 5, years: 1, seed: 43, threads: 1)
    #expect(one.map(\.monthly) != other.map(\.monthly))
}

/// Common random numbers: a change that only affects carers leaves the arrivals untouched.
@Test func scenariosOnTheSameSeedShareTheirArrivals() {
    var more = Scenario()
    more.carers.recruitment.enquiriesPerMonth *= 2
    let a = MonteCarlo.run(scenario: Scenario(), start: SimTest.countyStart, runs: 4, years: 2, seed: 3)
    let b = MonteCarlo.run(scenario: more, start: SimTest.countyStart, runs: 4, years: 2, seed: 3)
    for r in 0..<4 {
        for m in 1...24 { #expect(SimTest.value(a, run: r, .entries, month: m) == SimTest.value(b, run: r, .entries, month: m)) }
    }
    #expect(b.total("approvals")!.p50 > a.total("approvals")!.p50)
}
