import CareModel
import Foundation
import Matching
import Testing
@testable import Simulation

/// Every stored field of two values, with doubles as bit patterns (so -0.0 and 0.0 differ).
private func fields(_ value: Any) -> [String] {
    Mirror(reflecting: value).children.map { child in
        if let d = child.value as? Double { return "\(child.label ?? "?")=\(d.bitPattern)" }
        return "\(child.label ?? "?")=\(child.value)"
    }
}

/// The simulator builds a unit's kernel row from its own arrays (cached homes and skills);
/// it must be the row the matching module builds from the same children as a `SiblingGroup`,
/// field for field, for single children and sibling groups alike, mid-run.
@Test func kernelRowEqualsTheRowOfTheSiblingGroup() {
    let start = PreparedStart(SimTest.countyStart, scenario: Scenario())
    var replication = Replication(scenario: Scenario(), start: start, months: 30, rng: Xoshiro256StarStar(seed: 91))
    _ = replication.run()
    var checked = 0, groupsChecked = 0, atRisk = 0
    for g in replication.register.groups.indices {
        let group = replication.register.groups[g]
        let all = Array(Int(group.first)..<Int(group.first + group.count))
        let inCare = all.filter { replication.register.children[$0].state != .left }
        for members in [inCare, Array(inCare.prefix(1)), Array(inCare.suffix(2))] where !members.isEmpty {
            var codes = CodeBook()
            let reference = UnitRow(replication.siblingGroup(members, identified: false), policy: InHouseMatching.policy, codes: &codes)
            let row = replication.kernelRow(members)
            #expect(fields(row) == fields(reference), "children \(members)")
            checked += 1
            if members.count > 1 { groupsChecked += 1 }
            if reference.youngestAllowed != Int32.min { atRisk += 1 }
        }
    }
    #expect(checked > 500)
    #expect(groupsChecked > 50)
    #expect(atRisk > 10)
}

/// A family-finding meeting whose units each have a best home out of the others' reach, or
/// whose few units have one best assignment, is settled without `Matcher.plan`
/// (`SeparateBests.plan`, `SmallPlans.plan`); in test mode every such meeting is also solved by
/// `Matcher.plan`, and the two must agree exactly (households, order and miles), over six years
/// (eight runs) of the shipped baseline and stress scenarios. Every meeting is planned part by
/// part (units joined through households feasible for both); in test mode the whole meeting is
/// also planned at once, and the parts must reach the same objective; a lone unit's best
/// household must score what the best of every household it may have scores.
@Test(arguments: ["county-baseline", "stress-case"])
func plansSettledWithoutTheEngineAreTheEnginesPlans(name: String) throws {
    let runs = try checkedRuns(of: name, runs: 8, seed: 2024) { $0.checkPlanShortcut = true }
    #expect(runs.reduce(0) { $0 + $1.planShortcutChecks } > 30)
    #expect(runs.reduce(0) { $0 + $1.meetingPartChecks } > 200)
    #expect(runs.reduce(0) { $0 + $1.loneUnitChecks } > 200)
}

/// Runs of six years of the bundled scenario `name`, each set up by `configure` (a test mode)
/// before it runs; every run must end with no violation recorded.
private func checkedRuns(of name: String, runs: Int, seed: UInt64, _ configure: (inout Replication) -> Void) throws -> [Replication] {
    let scenario = try JSONDecoder().decode(Scenario.self, from: Data(try #require(BundledScenarios.json[name]).utf8)).resolvingDates()
    let start = PreparedStart(scenario.startingPopulation(), scenario: scenario)
    var streams = Xoshiro256StarStar(seed: seed)
    return (0..<runs).map { _ in
        var replication = Replication(scenario: scenario, start: start, months: 72, rng: streams.split())
        configure(&replication)
        _ = replication.run()
        #expect(replication.violations.isEmpty, "\(replication.violations)")
        return replication
    }
}

/// Every in-house search (urgent placements, breakdowns, planned moves, step-downs) chooses,
/// by the kernel's scores on rows kept up to date (residents' ages included: a row is read
/// again once a resident's age in whole years changes), a household the reference evaluator
/// scores within the kernel's rounding of the best candidate, over six years (two runs) of the
/// shipped baseline and stress scenarios.
@Test(arguments: ["county-baseline", "stress-case"])
func searchesChooseTheReferenceEvaluatorsBest(name: String) throws {
    let runs = try checkedRuns(of: name, runs: 2, seed: 1066) { $0.checkBestInHouse = true }
    #expect(runs.reduce(0) { $0 + $1.searchChecks } > 2_000)
}
