import CareModel
import Testing
@testable import Simulation

/// A replication run on the memory of a finished one (`Replication.reuseStorage(of:)`, as each
/// Monte Carlo worker does from its second run) is the run a fresh replication makes: the same
/// months, placements, events and turned-away decisions, with every invariant holding after
/// every event; and an emptied calendar (`EventCalendar.removeAll`) pops as a new one.
@Suite struct StorageReuseTests {
    @Test func aRunOnReusedStorageIsTheFreshRun() {
        let scenario = Scenario().resolvingDates()
        let start = PreparedStart(SimTest.countyStart, scenario: scenario)
        var base = Xoshiro256StarStar(seed: 61)
        let first = base.split(), second = base.split()
        var used = Replication(scenario: scenario, start: start, months: 30, rng: first)
        let usedResult = used.run()
        var fresh = Replication(scenario: scenario, start: start, months: 24, rng: second)
        let freshResult = fresh.run()
        var reusing = Replication(scenario: scenario, start: start, months: 24, rng: second)
        reusing.reuseStorage(of: &used)
        #expect(used.register.children.isEmpty && used.households.isEmpty)
        reusing.checkInvariants = true
        let reusedResult = reusing.run()
        #expect(reusing.violations.isEmpty, "\(reusing.violations.prefix(3))")
        #expect(reusedResult.monthly == freshResult.monthly)
        #expect(reusedResult.placementsByType == freshResult.placementsByType)
        #expect(reusedResult.events == freshResult.events)
        #expect(reusedResult.turnedAway.count == freshResult.turnedAway.count)
        #expect(reusedResult.totalCost == freshResult.totalCost)
        // The two streams make different runs, so equal results are not a coincidence.
        let usedMonths = Array(usedResult.monthly.prefix(reusedResult.monthly.count))
        #expect(usedMonths != reusedResult.monthly)
    }

    @Test func anEmptiedCalendarPopsAsANewOne() {
        var rng = Xoshiro256StarStar(seed: 62)
        var used = EventCalendar()
        for i in 0 ..< 3_000 { used.schedule(rng.nextUnit() * 20_000, .exit, target: Int32(i)) }
        for _ in 0 ..< 1_000 { _ = used.pop() }
        used.removeAll()
        #expect(used.isEmpty)
        var fresh = EventCalendar()
        var pops: [(Double, Int32, Int32)] = []
        for i in 0 ..< 2_000 {
            let time = (rng.nextUnit() * 10_000).rounded()
            used.schedule(time, .breakdown, target: Int32(i))
            fresh.schedule(time, .breakdown, target: Int32(i))
            if i % 3 == 0, let a = used.pop(), let b = fresh.pop() { pops.append((a.time - b.time, a.target, b.target)) }
        }
        while let a = used.pop() {
            guard let b = fresh.pop() else { Issue.record("the emptied calendar holds more events"); break }
            pops.append((a.time - b.time, a.target, b.target))
        }
        #expect(fresh.pop() == nil)
        #expect(pops.count == 2_000)
        #expect(pops.allSatisfy { $0.0 == 0 && $0.1 == $0.2 })
    }
}
