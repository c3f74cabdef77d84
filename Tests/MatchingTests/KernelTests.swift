import CareModel
@testable import Matching
import Testing

@Test func kernelAgreesWithReferenceEvaluator() {
    var rng = Xoshiro256StarStar(seed: 31)
    let policy = MatchPolicy.default
    let groups = SiblingGroup.groups(of: RandomCounty.children(300, rng: &rng))
    let households = RandomCounty.households(120, rng: &rng)
    var codes = CodeBook()
    let columns = HouseholdColumns(households, codes: &codes)
    var feasibleSeen = 0
    for (g, group) in groups.enumerated() {
        let split = g % 3 == 0
        let row = UnitRow(group, policy: policy, codes: &codes, isSplitPart: split)
        var out = [Double](repeating: 0, count: households.count)
        columns.withView { view in
            out.withUnsafeMutableBufferPointer {
                ScoringKernel.scoreRow(row, view, range: 0..<households.count, constants: KernelConstants(policy: policy), into: $0.baseAddress!)
            }
        }
        for (h, household) in households.enumerated() {
            let e = Matcher.evaluate(group, household, policy: policy, isSplitPart: split)
            // Pairs within 0.1% of the distance limit may fall either side of it.
            if abs(e.distanceMiles - policy.maxDistanceMiles) < 0.001 * policy.maxDistanceMiles { continue }
            #expect(e.feasible == (out[h] >= 0), "\(group.id) \(household.id) \(e.failedRules)")
            if e.feasible {
                feasibleSeen += 1
                // Rounding of 9 criteria to 0.01 and the projection (< 0.02% of the miles).
                #expect(abs(e.score - out[h]) < 0.05 + 0.001 * e.distanceMiles, "\(e.score) vs \(out[h])")
            }
        }
    }
    #expect(feasibleSeen > 200)
}

@Test func failureCountMatchesReferenceRules() {
    var rng = Xoshiro256StarStar(seed: 32)
    let policy = MatchPolicy.default
    let groups = SiblingGroup.groups(of: RandomCounty.children(100, rng: &rng))
    let households = RandomCounty.households(80, rng: &rng)
    var codes = CodeBook()
    let columns = HouseholdColumns(households, codes: &codes)
    for group in groups {
        let row = UnitRow(group, policy: policy, codes: &codes)
        columns.withView { view in
            for (h, household) in households.enumerated() {
                let e = Matcher.evaluate(group, household, policy: policy)
                if abs(e.distanceMiles - policy.maxDistanceMiles) < 0.05 { continue }
                #expect(ScoringKernel.failures(row, view, h, constants: KernelConstants(policy: policy)).count == e.failedRules.count)
            }
        }
    }
}

@Test func gridFindsEveryHouseholdWithinTheLimit() {
    var rng = Xoshiro256StarStar(seed: 33)
    let points = (0..<2000).map { _ in Location(latitude: 50 + rng.nextUnit() * 5.5, longitude: -5.5 + rng.nextUnit() * 7) }
    let grid = HouseholdGrid(locations: points, limitMiles: 30)
    for _ in 0..<200 {
        let q = Location(latitude: 50 + rng.nextUnit() * 5.5, longitude: -5.5 + rng.nextUnit() * 7)
        let found = Set(grid.ranges(near: q).flatMap { $0.map { grid.order[$0] } })
        for (i, p) in points.enumerated() where p.distanceMiles(to: q) <= 30 {
            #expect(found.contains(i))
        }
    }
}
