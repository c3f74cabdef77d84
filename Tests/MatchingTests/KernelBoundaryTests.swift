import CareModel
@testable import Matching
import Testing

/// The vector kernel against the scalar rule-by-rule kernel on households placed exactly at the
/// hard rules' boundaries for each unit: ages at the ends of the range, free places exactly
/// enough, one short and zero, residents at the youngest allowed age, approval and skills
/// exactly the ones asked for, solo units against occupied homes, and households on a ladder
/// of squared distances a few ulps either side of the limit. The scores must be the same bits,
/// and the rules' outcomes must be the ones written here from the rules' statements.
@Suite struct KernelBoundaryTests {
    /// The boundary case of household `i` for unit `u`; every other rule passes comfortably.
    enum Case: Int, CaseIterable {
        case agesAtRangeEnds, freeExactlyEnough, freeOneShort, freeZero, onHold, residentsAtLimits
        case approvalAndSkillsExact, approvalMissing, skillMissing, occupiedForSolo, distanceNearLimit
    }

    @Test func vectorKernelEqualsScalarKernelAtRuleBoundaries() {
        var rng = Xoshiro256StarStar(seed: 36)
        let policy = MatchPolicy.default
        let k = KernelConstants(policy: policy)
        let groups = SiblingGroup.groups(of: RandomCounty.children(400, rng: &rng))
        // 1,029 households: runs of 64 blocks of 8 and a scalar tail of 5.
        let households = RandomCounty.households(1029, rng: &rng)
        var codes = CodeBook()
        var columns = HouseholdColumns(households, codes: &codes)
        var outcomes: [Case: (feasible: Int, infeasible: Int)] = [:]
        for (g, group) in groups.enumerated() {
            var row = UnitRow(group, policy: policy, codes: &codes, isSplitPart: g % 5 == 0)
            if g % 7 == 3 { row.solo = true }
            let limit = k.maxDistanceSquared.squareRoot()
            for i in 0..<columns.count {
                let c = Case(rawValue: i % Case.allCases.count)!
                columns.updateRow(i) { r in
                    // Every rule passing, the household near the unit's home.
                    r.free = row.size + Int32(i % 2)
                    r.places = max(r.places, r.free)
                    r.minAge = max(0, row.minAge - 1)
                    r.maxAge = row.maxAge + 1
                    r.approvals = row.approval | r.approvals
                    r.skills = row.requiredSkills | r.skills
                    r.occupied = 0
                    r.youngestResident = row.youngestAllowed + 1
                    r.youngestNewAllowed = max(0, row.minAge - 1)
                    r.latitude = row.latitude + limit * (rng.nextUnit() - 0.5)
                    r.longitude = row.longitude + limit * 0.5 * (rng.nextUnit() - 0.5)
                    switch c {
                    case .agesAtRangeEnds: r.minAge = row.minAge; r.maxAge = row.maxAge
                    case .freeExactlyEnough: r.free = row.size
                    case .freeOneShort: r.free = row.size - 1
                    case .freeZero: r.free = 0
                    case .onHold: r.free = -1
                    case .residentsAtLimits: r.youngestResident = row.youngestAllowed; r.youngestNewAllowed = row.minAge
                    case .approvalAndSkillsExact: r.approvals = row.approval; r.skills = row.requiredSkills
                    case .approvalMissing: r.approvals = 0
                    case .skillMissing: r.skills = row.requiredSkills == 0 ? r.skills : row.requiredSkills & (row.requiredSkills - 1)
                    case .occupiedForSolo: r.occupied = 1
                    case .distanceNearLimit:
                        // Straight north: the squared distance is the squared latitude difference,
                        // stepped by ulps across the limit.
                        var phi = row.latitude + limit
                        for _ in 0..<(i / Case.allCases.count % 7) { phi = phi.nextDown }
                        for _ in 0..<(i / Case.allCases.count % 5) { phi = phi.nextUp }
                        r.latitude = phi
                        r.longitude = row.longitude
                    }
                }
            }
            var vector = [Double](repeating: 0, count: columns.count)
            var scalar = [Double](repeating: 0, count: columns.count)
            columns.withView { view in
                vector.withUnsafeMutableBufferPointer { ScoringKernel.scoreRow(row, view, range: 0..<columns.count, constants: k, into: $0.baseAddress!) }
                scalar.withUnsafeMutableBufferPointer { ScoringKernel.scoreRowScalar(row, view, range: 0..<columns.count, constants: k, into: $0.baseAddress!) }
            }
            let differing = (0..<columns.count).filter { vector[$0].bitPattern != scalar[$0].bitPattern }
            #expect(differing.isEmpty, "unit \(g): \(differing.count) households differ, first \(differing.prefix(3).map { (Case(rawValue: $0 % Case.allCases.count)!, vector[$0], scalar[$0]) })")
            for i in 0..<columns.count {
                let c = Case(rawValue: i % Case.allCases.count)!
                let feasible = scalar[i] >= 0
                outcomes[c, default: (0, 0)].feasible += feasible ? 1 : 0
                outcomes[c, default: (0, 0)].infeasible += feasible ? 0 : 1
                switch c {
                case .agesAtRangeEnds, .freeExactlyEnough, .residentsAtLimits, .approvalAndSkillsExact:
                    #expect(feasible, "\(c) unit \(g)")
                case .freeOneShort, .freeZero, .onHold, .approvalMissing:
                    #expect(!feasible, "\(c) unit \(g)")
                case .skillMissing:
                    #expect(feasible == (row.requiredSkills == 0), "\(c) unit \(g)")
                case .occupiedForSolo:
                    #expect(feasible == !row.solo, "\(c) unit \(g)")
                case .distanceNearLimit:
                    let dPhi = columns.latitude[i] - row.latitude
                    #expect(feasible == (dPhi * dPhi <= k.maxDistanceSquared), "\(c) unit \(g)")
                }
            }
        }
        // Both sides of the distance limit, solo units and units with required skills were met.
        #expect(outcomes[.distanceNearLimit]!.feasible > 100 && outcomes[.distanceNearLimit]!.infeasible > 100)
        #expect(outcomes[.occupiedForSolo]!.feasible > 100 && outcomes[.occupiedForSolo]!.infeasible > 10)
        #expect(outcomes[.skillMissing]!.infeasible > 10)
    }
}
