import CareModel
import Foundation
import Matching
import Testing
@testable import Simulation

/// Every in-house placement the simulator makes, replayed against the household as it was at
/// that moment: through `Matcher.evaluate`, and through the hard rules as docs/matching.md
/// states them (written here from that table, not from the engine), with the household's
/// capacity recounted after every event by the invariant check.
@Suite struct PlacementReplayTests {
    /// The failed hard rules of placing `unit` with `household`, from the table in
    /// docs/matching.md (default policy: 50 miles, a 3-year exploitation gap, disability and
    /// complex needs require the skill of the same name).
    static func documentedFailures(_ unit: SiblingGroup, _ household: Household) -> [String] {
        var failed: [String] = []
        if household.status != .available { failed.append("household_available") }
        if household.places - household.occupied < unit.children.count { failed.append("free_places") }
        if unit.children.contains(where: { $0.age < household.ageRange.lowerBound || $0.age > household.ageRange.upperBound }) {
            failed.append("age_range")
        }
        // The request's token names the approval it needs (short_term, long_term, ...).
        let request = unit.children[0].placement.rawValue
        if !household.approvals.tokenList.contains(request) { failed.append("approval") }
        for need in ["disability", "complex"] where unit.children.contains(where: { $0.needs.tokenList.contains(need) }) {
            if !household.skills.tokenList.contains(need) { failed.append("required_skills:\(need)") }
        }
        if unit.children.contains(where: { $0.needs.tokenList.contains("solo") }), household.occupied != 0 { failed.append("solo") }
        for child in unit.children where child.needs.tokenList.contains("exploitation_risk") {
            if household.residentAges.contains(where: { child.age - $0 > 3 }) { failed.append("exploitation_risk") }
        }
        if haversineMiles(unit.children[0].home, household.location) > 50 { failed.append("distance") }
        return failed
    }

    /// Great-circle miles (mean Earth radius 3958.76 miles), written out here for independence.
    static func haversineMiles(_ a: Location, _ b: Location) -> Double {
        let r = Double.pi / 180
        let s1 = sin((b.latitude - a.latitude) * r / 2), s2 = sin((b.longitude - a.longitude) * r / 2)
        let h = s1 * s1 + cos(a.latitude * r) * cos(b.latitude * r) * s2 * s2
        return 2 * 3958.7613 * asin(min(1, h.squareRoot()))
    }

    /// Scenarios with matching on (with it off the simulator uses a simpler rule on purpose).
    static func scenarios() -> [Scenario] {
        var crowded = Scenario()
        crowded.entries.annualTrend = 0.2
        crowded.entries.siblingGroupSizes = [0.4, 0.3, 0.2, 0.1]
        crowded.moves.breakdownsPerYear = ByPlacementType(
            inHouse: 1.5, ifa: 1, kinship: 0.5, residential: 1, supported: 0.5, withParents: 0.5, adoption: 0.2, other: 0.5)
        crowded.findingHomes.meetingsPerWeek = 2
        return Array(stressScenarios().prefix(3)) + [crowded]
    }

    @Test func everyInHousePlacementPassesEveryHardRule() {
        let start = PreparedStart(SimTest.countyStart, scenario: Scenario())
        var replayed = 0, byReason: [PlacementReason: Int] = [:], withNeeds = 0, siblings = 0
        for (i, scenario) in Self.scenarios().enumerated() {
            var base = Xoshiro256StarStar(seed: UInt64(700 + i))
            for run in 0..<3 {
                var replication = Replication(scenario: scenario.resolvingDates(), start: start, months: 18, rng: base.split())
                // Capacity and every count are recounted after every event in
                // `stateStaysConsistentAfterEveryEvent`; here each placement is checked alone.
                replication.trace = []
                replication.traceSnapshots = true
                let result = replication.run()
                for d in result.trace where d.setting == .inHouseFoster {
                    guard let unit = d.unit, let before = d.householdBefore else {
                        Issue.record("in-house decision without a snapshot: \(d)")
                        continue
                    }
                    replayed += 1
                    byReason[d.reason, default: 0] += 1
                    if !unit.needs.isEmpty { withNeeds += 1 }
                    if unit.size > 1 { siblings += 1 }
                    #expect(unit.children.map(\.id.rawValue) == d.children.map { "c\($0)" })
                    #expect(before.id == d.household)
                    let e = Matcher.evaluate(unit, before, policy: .default)
                    #expect(e.feasible, "scenario \(i) run \(run) day \(d.day) \(d.reason): \(e.failedRules) \(e.checks.filter { !$0.passed }.map(\.detail))")
                    #expect(d.failedRules.isEmpty)
                    #expect(d.score == e.score && e.score >= 0 && e.score <= 100)
                    let documented = Self.documentedFailures(unit, before)
                    #expect(documented.isEmpty, "scenario \(i) run \(run) day \(d.day) \(d.reason): \(documented); unit \(unit.children.map { ($0.age, $0.needs.tokenList) }) household places \(before.places) occupied \(before.occupied) ages \(before.ageRange) skills \(before.skills.tokenList) residents \(before.residentAges)")
                }
            }
        }
        // The replay covered every kind of in-house decision, needs and sibling groups.
        #expect(replayed > 1000, "\(replayed)")
        for reason in [PlacementReason.entry, .familyFinding, .plannedMove, .placementEnded, .stepDown] {
            #expect((byReason[reason] ?? 0) > 10, "\(reason): \(byReason)")
        }
        #expect(withNeeds > 100 && siblings > 50, "needs \(withNeeds), siblings \(siblings)")
    }

    /// A traced run is the run: tracing records decisions and changes nothing else.
    @Test func tracingDoesNotChangeTheRun() {
        let start = PreparedStart(SimTest.countyStart, scenario: Scenario())
        var streams = Xoshiro256StarStar(seed: 31)
        let stream = streams.split()
        var plain = Replication(scenario: Scenario().resolvingDates(), start: start, months: 12, rng: stream)
        var traced = Replication(scenario: Scenario().resolvingDates(), start: start, months: 12, rng: stream)
        traced.trace = []
        let a = plain.run(), b = traced.run()
        #expect(a.monthly == b.monthly && a.placementsByType == b.placementsByType && a.totalCost == b.totalCost)
        #expect(a.trace.isEmpty)
        // One row per placement act: the children in the rows are the new placements counted.
        #expect(b.trace.reduce(0) { $0 + $1.children.count } == b.placementsByType.reduce(0, +))
        for type in PlacementType.allCases {
            #expect(b.trace.filter { $0.setting == type }.reduce(0) { $0 + $1.children.count } == b.placementsByType[type.index], "\(type)")
        }
        #expect(zip(b.trace, b.trace.dropFirst()).allSatisfy { $0.day <= $1.day })
    }

    /// The capacity invariant bites: a household holding more children than places is reported.
    @Test func invariantsReportAnOverfullHousehold() {
        let start = PreparedStart(SimTest.countyStart, scenario: Scenario())
        var streams = Xoshiro256StarStar(seed: 5)
        var replication = Replication(scenario: Scenario().resolvingDates(), start: start, months: 1, rng: streams.split())
        _ = replication.run()
        #expect(replication.invariantViolations().isEmpty)
        guard let h = replication.households.indices.first(where: { replication.households[$0].places >= 1 }) else {
            Issue.record("no household")
            return
        }
        replication.households[h].stayingPut = Int32(replication.households[h].places + 1 - replication.households[h].occupants.count)
        replication.stayingPutCount += Int(replication.households[h].stayingPut)
        let problems = replication.invariantViolations()
        #expect(problems.contains { $0.contains("household \(h) holds") && $0.contains("places") }, "\(problems)")
    }
}
