import CareModel
import Foundation
import Matching
import Testing
@testable import Simulation

/// Districts passed over whole by the turned-away reason's search (`DistrictBounds`).
@Suite struct DistrictBoundsTests {
    /// A point `miles` north and `east` miles east of `centre` (flat-earth offsets, ample for tests).
    static func offset(_ centre: Location, north: Double, east: Double) -> Location {
        let milesPerDegree = Location.earthRadiusMiles * Double.pi / 180
        return Location(
            latitude: centre.latitude + north / milesPerDegree,
            longitude: centre.longitude + east / (milesPerDegree * cos(centre.latitude * Double.pi / 180)))
    }

    /// Over thousands of random districts and homes: whenever a district is said to be beyond
    /// the limit, every one of its households fails the kernel's distance rule (brute force);
    /// and a district whose nearest household is clearly beyond the limit is said to be.
    @Test func aDistrictBeyondTheLimitHasNoHouseholdWithinIt() {
        var rng = Xoshiro256StarStar(seed: 11)
        let policy = MatchPolicy.default
        let constants = KernelConstants(policy: policy)
        var codes = CodeBook()
        var passedOver = 0, clearlyBeyond = 0
        for trial in 0..<3_000 {
            let centre = Location(latitude: 50 + 5 * rng.nextUnit(), longitude: -5 + 6 * rng.nextUnit())
            let spread = 1 + 30 * rng.nextUnit()
            let households = (0..<(1 + Int(rng.next() % 12))).map { i in
                Household(
                    id: HouseholdID("h\(i)"), provider: .inHouse,
                    location: Self.offset(centre, north: spread * (2 * rng.nextUnit() - 1), east: spread * (2 * rng.nextUnit() - 1)),
                    places: 2, ageRange: 0...17, approvals: .longTerm)
            }
            let columns = HouseholdColumns(households, codes: &codes, keepsRecords: true)
            var bounds = DistrictBounds(districts: 1)
            for h in households.indices { bounds.include(0, latitude: columns.latitude[h], longitude: columns.longitude[h]) }
            let reach = 150 * rng.nextUnit()
            let home = Self.offset(centre, north: reach * (2 * rng.nextUnit() - 1), east: reach * (2 * rng.nextUnit() - 1))
            let child = Child(id: ChildID("c\(trial)"), age: 8, sex: .unknown, home: home, placement: .longTerm)
            let row = UnitRow(SiblingGroup(single: child), policy: policy, codes: &codes)
            let failing = households.indices.filter { columns.failedRules(row, household: $0, constants: constants).contains(.distance) }.count
            let nearest = households.map { home.distanceMiles(to: $0.location) }.min()!
            if bounds.allBeyond(0, row, maxDistanceSquared: constants.maxDistanceSquared) {
                passedOver += 1
                #expect(failing == households.count, "trial \(trial): a household within the limit in a district passed over")
            }
            if nearest > policy.maxDistanceMiles + spread * 1.5 {
                clearlyBeyond += 1
                #expect(bounds.allBeyond(0, row, maxDistanceSquared: constants.maxDistanceSquared), "trial \(trial)")
            }
        }
        #expect(passedOver > 500)
        #expect(clearlyBeyond > 300)
    }

    /// A county of four districts 0, 40, 90 and 160 miles apart, with carers of every kind: each
    /// turned-away reason equals the reference evaluator's over every household (the search
    /// passes over far districts), and the bounds hold every household (invariants after every event).
    @Test func reasonsAgreeWithTheReferenceAcrossDistantDistricts() {
        let centre = Location(latitude: 52.5, longitude: -1.5)
        let eastward = [0.0, 40, 90, 160]
        let districts = eastward.enumerated().map { i, east in
            StartingPopulation.District(name: "d\(i)", centre: Self.offset(centre, north: 0, east: east), childWeight: 1, carerWeight: 1)
        }
        var rng = Xoshiro256StarStar(seed: 5)
        var households: [Household] = []
        for (i, district) in districts.enumerated() {
            for k in 0..<20 {
                let low = Int(rng.next() % 12)
                households.append(Household(
                    id: HouseholdID("h\(i)-\(k)"), provider: .inHouse,
                    location: Self.offset(district.centre, north: 8 * (2 * rng.nextUnit() - 1), east: 8 * (2 * rng.nextUnit() - 1)),
                    district: district.name, places: 1 + Int(rng.next() % 3), ageRange: low...min(17, low + 4 + Int(rng.next() % 10)),
                    approvals: Approvals(rawValue: UInt8(1 + rng.next() % 31)), skills: Skills(rawValue: UInt8(rng.next() % 256))))
            }
        }
        let start = StartingPopulation(districts: districts, children: [], households: households)
        var scenario = SimTest.quiet()
        scenario.entries.enabled = true
        scenario.exits.enabled = true
        var base = Xoshiro256StarStar(seed: 9)
        var replication = Replication(
            scenario: scenario.resolvingDates(), start: PreparedStart(start, scenario: scenario), months: 24, rng: base.split())
        replication.checkTurnAwayReasons = true
        replication.checkInvariants = true
        _ = replication.run()
        #expect(replication.violations.isEmpty, "\(replication.violations.prefix(3))")
        #expect(replication.turnAwayRechecks > 100)
        // Reasons past the distance rule were found, so far districts were passed over.
        #expect(replication.turnedAway.filter { $0.reason > .distance }.count > 20)
    }
}
