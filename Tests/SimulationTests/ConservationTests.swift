import CareModel
import Testing
@testable import Simulation

/// Scenarios that exercise every process and every timeline event.
func stressScenarios() -> [Scenario] {
    var base = Scenario()
    base.entries.annualTrend = 0.05
    var busy = base
    busy.moves.breakdownsPerYear = ByPlacementType(inHouse: 1, ifa: 1, kinship: 1, residential: 1, supported: 1, withParents: 1, adoption: 1, other: 1)
    busy.ifa.capacity = 150
    busy.carers.resignationsPerHouseholdPerYear = 0.4
    busy.findingHomes.meetingsPerWeek = 0.5
    busy.entries.siblingGroupSizes = [0.4, 0.3, 0.2, 0.1]
    var plans = Scenario()
    var home = TimelineEvent(kind: .newChildrensHome, atMonth: 3)
    home.beds = 8
    var campaign = TimelineEvent(kind: .recruitmentCampaign, atMonth: 1)
    campaign.extraEnquiriesPerMonth = 40
    campaign.months = 6
    var faster = TimelineEvent(kind: .fasterExits, atMonth: 2)
    faster.factor = 0.5
    faster.destinations = ["adoption", "special_guardianship"]
    var retention = TimelineEvent(kind: .retention, atMonth: 4)
    retention.factor = 0.5
    var trend = TimelineEvent(kind: .entryTrend, atMonth: 5)
    trend.annualTrend = 0.1
    trend.factor = 1.2
    var capacity = TimelineEvent(kind: .ifaCapacity, atMonth: 6)
    capacity.capacity = 120
    plans.timeline = [home, campaign, faster, retention, trend, capacity]
    var noMatching = Scenario()
    noMatching.findingHomes.matchingEnabled = false
    noMatching.moves.stepDown.enabled = false
    return [base, busy, plans, noMatching]
}

/// Every child is in exactly one state and every counter agrees with a recount, after every
/// single event, over whole runs of very different scenarios.
@Test func stateStaysConsistentAfterEveryEvent() {
    let start = PreparedStart(SimTest.countyStart, scenario: Scenario())
    for (i, scenario) in stressScenarios().enumerated() {
        for run in 0..<2 {
            var base = Xoshiro256StarStar(seed: UInt64(100 + i))
            var stream = base.split()
            for _ in 0..<run { stream = base.split() }
            var replication = Replication(scenario: scenario.resolvingDates(), start: start, months: 18, rng: stream)
            replication.checkInvariants = true
            _ = replication.run()
            #expect(replication.violations.isEmpty, "scenario \(i) run \(run): \(replication.violations.prefix(5))")
            #expect(replication.events > 1000)
        }
    }
}

/// Month by month: in care = previous + entries - exits; in care = waiting + every placement
/// type = the sum of the age bands; vacancies never exceed available places.
@Test func childrenAreConservedMonthByMonth() {
    for scenario in stressScenarios() {
        let results = MonteCarlo.run(scenario: scenario, start: SimTest.countyStart, runs: 3, years: 2, seed: 8, threads: 1)
        for r in 0..<3 {
            func v(_ kpi: KPI, _ m: Int) -> Double { SimTest.value(results, run: r, kpi, month: m) }
            for m in 0...24 {
                let byType = PlacementType.allCases.reduce(0.0) { $0 + v(.placement($1), m) }
                #expect(v(.childrenInCare, m) == byType + v(.waiting, m))
                let bands = v(.ageUnder1, m) + v(.age1To4, m) + v(.age5To9, m) + v(.age10To15, m) + v(.age16Plus, m)
                #expect(v(.childrenInCare, m) == bands)
                #expect(v(.vacancies, m) <= v(.availablePlaces, m))
                #expect(v(.availablePlaces, m) <= v(.approvedPlaces, m))
                if m > 0 { #expect(v(.childrenInCare, m) == v(.childrenInCare, m - 1) + v(.entries, m) - v(.exits, m)) }
            }
        }
    }
}
