import CareModel
import Testing
@testable import Simulation

/// The vacancy index's lists and its vector searches (`VacancyIndex.gatherPassing`,
/// `VacancyIndex.reasonScan`), against a plain filter over the households themselves.
@Suite struct VacancyIndexTests {
    /// A random in-house household of district `district`.
    static func household(_ i: Int, district: Int, using rng: inout Xoshiro256StarStar) -> SimHousehold {
        let youngest = Int(rng.next() % 12)
        let approvals = Approvals(rawValue: UInt8(1 + rng.next() % 31))
        let home = Household(
            id: HouseholdID("h\(i)"), provider: .inHouse, location: Location(latitude: 52, longitude: -1),
            places: 1 + Int(rng.next() % 4), ageRange: youngest...min(17, youngest + Int(rng.next() % 12)), approvals: approvals)
        return SimHousehold(
            household: home, active: true, onHold: rng.next() % 5 == 0, occupants: [], stayingPut: 0, stamp: 0,
            district: Int32(district))
    }

    /// What `gatherPassing` must return: the households of the districts in `order`, each
    /// district's list in the index's order, that take children and pass the checks, stopping
    /// after the district that brings the count to `enough`.
    static func expected(
        _ index: VacancyIndex, _ households: [SimHousehold], order: [Int32], excluded: Int, size: Int, youngest: Int, oldest: Int,
        approval: UInt8, enough: Int
    ) -> [Int32] {
        var kept: [Int32] = []
        for d in order {
            let listed = index.range(of: Int(d)).map { Int(index.fact($0).household) }
            // The list holds exactly the district's households that take children.
            let taking = households.indices.filter { households[$0].district == d && households[$0].takesChildren }
            #expect(Set(listed) == Set(taking))
            for h in listed where h != excluded {
                let home = households[h]
                if home.free >= size, home.minAge <= youngest, home.maxAge >= oldest, home.approvals & approval != 0 {
                    kept.append(Int32(h))
                }
            }
            if kept.count >= enough { break }
        }
        return kept
    }

    /// Over thousands of random changes to households in up to 9 districts (lists longer and
    /// shorter than a vector, segments growing): the index keeps its invariants, and every
    /// search (`gatherPassing`, and `reasonScan` over one district) returns exactly what the
    /// plain filter finds, in the same order.
    @Test func theVectorSearchFindsWhatAPlainFilterFinds() {
        var rng = Xoshiro256StarStar(seed: 903)
        var searches = 0, kept = 0, reasonKept = 0, failsSeen = 0
        for trial in 0..<60 {
            let districts = 1 + Int(rng.next() % 9)
            var index = VacancyIndex(districts: districts, capacity: Int(rng.next() % 20))
            var households: [SimHousehold] = []
            for step in 0..<400 {
                if households.count < 40 + trial || rng.next() % 3 == 0 {
                    households.append(Self.household(households.count, district: Int(rng.next() % UInt64(districts)), using: &rng))
                    index.addHousehold()
                    index.update(households.count - 1, &households[households.count - 1])
                } else {
                    let h = Int(rng.next() % UInt64(households.count))
                    switch rng.next() % 4 {
                    case 0: households[h].onHold.toggle()
                    case 1: households[h].active = rng.next() % 8 != 0
                    case 2: households[h].stayingPut = Int32(rng.next() % 3)
                    default: households[h].occupants = (0..<Int(rng.next() % 4)).map { Int32($0) }
                    }
                    index.update(h, &households[h])
                }
                #expect(index.violations(ContiguousArray(households)).isEmpty, "trial \(trial) step \(step)")
                guard step % 10 == 0 else { continue }
                let home = Int32(rng.next() % UInt64(districts))
                let order = [home] + (0..<Int32(districts)).filter { $0 != home }.shuffled(using: &rng)
                let youngest = Int(rng.next() % 18), oldest = min(17, youngest + Int(rng.next() % 4))
                let excluded = rng.next() % 2 == 0 ? -1 : Int(rng.next() % UInt64(households.count))
                let size = 1 + Int(rng.next() % 3), approval = UInt8(1) << UInt8(rng.next() % 5)
                let enough = Int(rng.next() % 30)
                var scratch = [Int32](repeating: -7, count: index.entryCount)
                let total = scratch.withUnsafeMutableBufferPointer { buffer in
                    index.gatherPassing(
                        into: buffer, order: order[...], excluded: Int32(excluded), size: Int32(size), youngest: Int32(youngest),
                        oldest: Int32(oldest), approval: Int32(approval), enough: enough)
                }
                let want = Self.expected(
                    index, households, order: order, excluded: excluded, size: size, youngest: youngest, oldest: oldest,
                    approval: approval, enough: enough)
                #expect(Array(scratch[0..<total]) == want, "trial \(trial) step \(step)")
                searches += 1
                kept += total
                // The scan for a turned-away unit's reason, over one district, against the same filter.
                let district = Int(home)
                let testApproval = rng.next() % 2 == 0
                let scan = scratch.withUnsafeMutableBufferPointer { buffer in
                    index.reasonScan(
                        district: district, into: buffer, excluded: Int32(excluded), size: Int32(size), youngest: Int32(youngest),
                        oldest: Int32(oldest), approval: testApproval ? Int32(approval) : 0)
                }
                let others = index.range(of: district).map { Int(index.fact($0).household) }.filter { $0 != excluded }
                let ages = others.filter { households[$0].minAge <= youngest && households[$0].maxAge >= oldest }
                let passing = ages.filter { households[$0].free >= size && (!testApproval || households[$0].approvals & approval != 0) }
                #expect(scratch[0..<scan.kept].map { Int(index.fact(Int($0)).household) } == passing, "trial \(trial) step \(step)")
                #expect(scan.failsAge == (ages.count < others.count), "trial \(trial) step \(step)")
                #expect(scan.failsPlaces == ages.contains { households[$0].free < size }, "trial \(trial) step \(step)")
                reasonKept += scan.kept
                failsSeen += (scan.failsAge ? 1 : 0) + (scan.failsPlaces ? 1 : 0)
            }
        }
        // The searches found households often enough to mean something.
        #expect(searches == 2_400)
        #expect(kept > 10_000)
        #expect(reasonKept > 1_000)
        #expect(failsSeen > 1_000)
    }
}
