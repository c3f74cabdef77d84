import CareModel
import Matching
import Testing
@testable import Simulation

/// The reasons children were turned away from in-house care near home.
@Suite struct TurnAwayReasonTests {
    static let centre = Location(latitude: 51.86, longitude: -2.24)

    /// A county of one district with `households` (children come into care, none in care now).
    static func county(_ households: [Household]) -> StartingPopulation {
        StartingPopulation(
            districts: [.init(name: "county", centre: centre, childWeight: 1, carerWeight: 1)], children: [], households: households)
    }

    /// Children come into care and leave; nothing else happens.
    static func flowing() -> Scenario {
        var s = SimTest.quiet()
        s.entries.enabled = true
        s.exits.enabled = true
        return s
    }

    /// Runs one replication of `scenario` from `start` for `months`, with every reason found
    /// again by the reference evaluator and the state checked after every event.
    static func run(_ scenario: Scenario, _ start: StartingPopulation, months: Int = 24, seed: UInt64 = 7) -> Replication {
        var base = Xoshiro256StarStar(seed: seed)
        var replication = Replication(
            scenario: scenario.resolvingDates(), start: PreparedStart(start, scenario: scenario), months: months, rng: base.split())
        replication.checkTurnAwayReasons = true
        replication.checkInvariants = true
        _ = replication.run()
        return replication
    }

    @Test func aCountyWithoutCarersTurnsEveryoneAwayForNoVacancy() {
        let replication = Self.run(Self.flowing(), Self.county([]))
        #expect(replication.violations.isEmpty, "\(replication.violations)")
        #expect(replication.turnedAway.count > 50)
        #expect(replication.turnedAway.allSatisfy { $0.reason == .noVacancy })
    }

    @Test func carersApprovedUpToTenTurnTeenagersAwayForAge() {
        let everything = Approvals(rawValue: 0x1F)
        let households = (0..<40).map { i in
            Household(
                id: HouseholdID("h\(i)"), provider: .inHouse, location: Self.centre, places: 3, ageRange: 0...10,
                approvals: everything, skills: Skills(rawValue: 0xFF))
        }
        let replication = Self.run(Self.flowing(), Self.county(households))
        #expect(replication.violations.isEmpty, "\(replication.violations)")
        let teenagers = replication.turnedAway.filter { $0.maxAge > 10 }
        #expect(teenagers.count > 30)
        // Every household has a vacancy or none does: a teenager is turned away for age, or for no vacancy.
        #expect(teenagers.allSatisfy { $0.reason == .ageRange || $0.reason == .noVacancy })
        #expect(teenagers.filter { $0.reason == .ageRange }.count > teenagers.count / 2)
        #expect(replication.turnedAway.allSatisfy { $0.reason != .ageRange || $0.maxAge > 10 })
    }

    /// On the county baseline and the stress scenarios: every reason equals the reference
    /// evaluator's, and the children recorded are exactly the children placed with an agency,
    /// in residential care, or in-house over the far-from-home distance (counted from the trace).
    @Test func reasonsAgreeWithTheReferenceAndCountEveryFarOrExternalPlacement() {
        let start = SimTest.countyStart
        for (i, scenario) in ([Scenario()] + stressScenarios()).enumerated() {
            var base = Xoshiro256StarStar(seed: UInt64(40 + i))
            var replication = Replication(
                scenario: scenario.resolvingDates(), start: PreparedStart(start, scenario: scenario), months: 12, rng: base.split())
            replication.checkTurnAwayReasons = true
            replication.checkInvariants = true
            replication.trace = []
            let result = replication.run()
            #expect(replication.violations.isEmpty, "scenario \(i): \(replication.violations.prefix(3))")
            #expect(replication.turnAwayRechecks > replication.turnedAway.count / 2, "scenario \(i)")
            var location: [HouseholdID: Location] = [:]
            for h in replication.households { location[h.household.id] = h.household.location }
            var expected = 0
            for decision in result.trace {
                switch decision.setting {
                case .ifaFoster, .residential: expected += decision.children.count
                case .inHouseFoster:
                    let home = decision.household.flatMap { location[$0] }!
                    expected += decision.children.filter { replication.register.children[$0].home.distanceMiles(to: home) > KPI.farFromHomeMiles }.count
                default: break
                }
            }
            let recorded = result.turnedAway.reduce(0) { $0 + Int($1.children) }
            #expect(recorded == expected, "scenario \(i)")
            // Agency and residential placements are also counted by the run itself.
            let external = result.trace.filter { $0.setting == .ifaFoster || $0.setting == .residential }.reduce(0) { $0 + $1.children.count }
            #expect(external == result.placementsByType[PlacementType.ifaFoster.index] + result.placementsByType[PlacementType.residential.index])
            #expect(result.turnedAway.allSatisfy { $0.children >= 1 && $0.children <= $0.size })
            #expect(zip(result.turnedAway, result.turnedAway.dropFirst()).allSatisfy { $0.day <= $1.day })
            #expect(recorded > 100, "scenario \(i)")
        }
    }

    /// Recording reads the state and never changes it: a run gives the same monthly values,
    /// placements and events with recording on and off (the stress scenarios, and ten-year runs
    /// of the baseline, long enough for a kernel row left refreshed to change a later choice).
    @Test func recordingDoesNotChangeARun() {
        let start = PreparedStart(SimTest.countyStart, scenario: Scenario())
        let runs = stressScenarios().enumerated().map { ($0.offset, $0.element, 18) } + (0..<6).map { (10 + $0, Scenario(), 120) }
        for (i, scenario, months) in runs {
            var base = Xoshiro256StarStar(seed: UInt64(60 + i))
            let stream = base.split()
            var on = Replication(scenario: scenario.resolvingDates(), start: start, months: months, rng: stream)
            var off = Replication(scenario: scenario.resolvingDates(), start: start, months: months, rng: stream)
            off.recordsTurnedAway = false
            let a = on.run(), b = off.run()
            let same = a.monthly.map(\.bitPattern) == b.monthly.map(\.bitPattern)
            #expect(same, "scenario \(i): monthly values differ with recording on")
            #expect(a.events == b.events && a.placementsByType == b.placementsByType, "scenario \(i)")
            #expect(!a.turnedAway.isEmpty && b.turnedAway.isEmpty)
        }
    }

    /// The profile's files are the same bytes on one thread and two.
    @Test func profileIsTheSameOnOneAndTwoThreads() {
        let scenario = Scenario()
        let one = MonteCarlo.run(scenario: scenario, start: SimTest.countyStart, runs: 4, years: 2, seed: 11, threads: 1)
        let two = MonteCarlo.run(scenario: scenario, start: SimTest.countyStart, runs: 4, years: 2, seed: 11, threads: 2)
        #expect(one.turnedAway == two.turnedAway)
        let p1 = UnmetNeedProfile(one), p2 = UnmetNeedProfile(two)
        #expect(p1.cells == p2.cells && p1.carers == p2.carers && p1.total == p2.total)
        #expect(!p1.carers.isEmpty)
    }
}
