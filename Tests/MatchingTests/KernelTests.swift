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

@Test func vectorKernelEqualsScalarKernelBitForBit() {
    var rng = Xoshiro256StarStar(seed: 34)
    let policy = MatchPolicy.default
    let groups = SiblingGroup.groups(of: RandomCounty.children(200, rng: &rng))
    // 1,203 households: more than two runs of 64 blocks of 8 (the vector kernel's passes) and
    // not a multiple of 8, so the scalar tail runs too.
    let households = RandomCounty.households(1203, rng: &rng)
    var codes = CodeBook()
    let columns = HouseholdColumns(households, codes: &codes)
    let k = KernelConstants(policy: policy)
    var feasible = 0
    for (g, group) in groups.enumerated() {
        let row = UnitRow(group, policy: policy, codes: &codes, isSplitPart: g % 4 == 0)
        var vector = [Double](repeating: 0, count: households.count)
        var scalar = [Double](repeating: 0, count: households.count)
        columns.withView { view in
            vector.withUnsafeMutableBufferPointer { ScoringKernel.scoreRow(row, view, range: 0..<households.count, constants: k, into: $0.baseAddress!) }
            scalar.withUnsafeMutableBufferPointer { ScoringKernel.scoreRowScalar(row, view, range: 0..<households.count, constants: k, into: $0.baseAddress!) }
        }
        #expect(vector == scalar, "\(group.id)")
        feasible += vector.filter { $0 >= 0 }.count
    }
    #expect(feasible > 100)
}

@Test func gridQueriesFarOutsideFindNothingAndDoNotTrap() {
    let points = [Location(latitude: 51.0, longitude: -2.0), Location(latitude: 51.5, longitude: -1.0), Location(latitude: 52.0, longitude: -2.5)]
    let grid = HouseholdGrid(locations: points, limitMiles: 10)
    for far in [Location(latitude: 58, longitude: -2), Location(latitude: 40, longitude: 10), Location(latitude: 51.2, longitude: 30)] {
        #expect(grid.ranges(near: far).isEmpty)
    }
    // On the edge of the box: the household there is found.
    #expect(Set(grid.ranges(near: points[1]).flatMap { $0.map { grid.order[$0] } }).contains(1))
    // And a plan with a child far from every home simply leaves the child unplaced.
    let far = Child(id: "F", age: 8, sex: .unknown, home: Location(latitude: 58, longitude: -2), placement: .shortTerm)
    let homes = points.enumerated().map { Household(id: HouseholdID("H\($0.offset)"), provider: .inHouse, location: $0.element, places: 1, ageRange: 0...17, approvals: .shortTerm) }
    let plan = Matcher.plan(groups: [SiblingGroup(single: far)], households: homes, policy: .default)
    #expect(plan.entries.isEmpty && plan.unplaced.count == 1)
}

@Test func distanceFitIsContinuousAndKernelAgreesAroundTwentyMiles() {
    let policy = MatchPolicy.default
    // Continuity at the 20-mile and 21-mile joins.
    for x in [20.0, 21.0] {
        let below = CriterionFit.distance(x - 1e-9, near: 20, limit: 50), above = CriterionFit.distance(x + 1e-9, near: 20, limit: 50)
        #expect(abs(below - above) < 1e-6)
    }
    #expect(CriterionFit.distance(20, near: 20, limit: 50) == 0.8 && abs(CriterionFit.distance(21, near: 20, limit: 50) - 0.4) < 1e-12)
    #expect(CriterionFit.distance(50, near: 20, limit: 50) == 0)
    let group = SiblingGroup(single: child("C", age: 8))
    let households = stride(from: 19.5, through: 21.5, by: 0.01).enumerated().map { k, miles in
        home("H\(k)", miles: miles)
    }
    var codes = CodeBook()
    let columns = HouseholdColumns(households, codes: &codes)
    let row = UnitRow(group, policy: policy, codes: &codes)
    var out = [Double](repeating: 0, count: households.count)
    columns.withView { view in
        out.withUnsafeMutableBufferPointer { ScoringKernel.scoreRow(row, view, range: 0..<households.count, constants: KernelConstants(policy: policy), into: $0.baseAddress!) }
    }
    for (h, household) in households.enumerated() {
        let e = Matcher.evaluate(group, household, policy: policy)
        #expect(abs(e.score - out[h]) < 0.1, "\(e.distanceMiles) miles: \(e.score) vs \(out[h])")
    }
}

@Test func parallelScoreMatrixEqualsRowByRowScores() {
    var rng = Xoshiro256StarStar(seed: 35)
    let policy = MatchPolicy.default
    let groups = SiblingGroup.groups(of: RandomCounty.children(90, rng: &rng))
    let households = RandomCounty.households(1100, rng: &rng)  // two and a bit tiles of 512
    var codes = CodeBook()
    let columns = HouseholdColumns(households, codes: &codes)
    let rows = groups.map { UnitRow($0, policy: policy, codes: &codes) }
    let matrix = ScoringKernel.scoreMatrix(units: rows, households: columns, policy: policy)
    var expected = [Double](repeating: 0, count: households.count)
    for (r, row) in rows.enumerated() {
        columns.withView { view in
            expected.withUnsafeMutableBufferPointer {
                ScoringKernel.scoreRowScalar(row, view, range: 0..<households.count, constants: KernelConstants(policy: policy), into: $0.baseAddress!)
            }
        }
        #expect(Array(matrix[(r * households.count)..<((r + 1) * households.count)]) == expected)
    }
}

@Test func failedRuleMaskMatchesReferenceRules() {
    var rng = Xoshiro256StarStar(seed: 35)
    let policy = MatchPolicy.default
    let groups = SiblingGroup.groups(of: RandomCounty.children(150, rng: &rng))
    let households = RandomCounty.households(90, rng: &rng)
    var codes = CodeBook()
    let columns = HouseholdColumns(households, codes: &codes)
    var failedSeen = Set<UInt16>()
    for group in groups {
        let row = UnitRow(group, policy: policy, codes: &codes)
        columns.withView { view in
            for (h, household) in households.enumerated() {
                let e = Matcher.evaluate(group, household, policy: policy)
                if abs(e.distanceMiles - policy.maxDistanceMiles) < 0.05 { continue }
                let mask = ScoringKernel.failedRules(row, view, h, constants: KernelConstants(policy: policy))
                #expect(mask == HardRuleMask(e.failedRules), "\(group.id) \(household.id) \(e.failedRules)")
                for rule in e.failedRules { failedSeen.insert(HardRuleMask([rule]).rawValue) }
            }
        }
    }
    // Every rule but availability fails somewhere in the random county, so each bit is tested.
    #expect(failedSeen.count >= 6)
}
