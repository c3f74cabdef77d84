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
                // Every rule passing, the household near the unit's home.
                columns.free[i] = row.size + Int32(i % 2)
                columns.places[i] = max(columns.places[i], columns.free[i])
                columns.minAge[i] = max(0, row.minAge - 1)
                columns.maxAge[i] = row.maxAge + 1
                columns.approvals[i] = row.approval | columns.approvals[i]
                columns.skills[i] = row.requiredSkills | columns.skills[i]
                columns.occupied[i] = 0
                columns.youngestResident[i] = row.youngestAllowed + 1
                columns.youngestNewAllowed[i] = max(0, row.minAge - 1)
                columns.latitude[i] = row.latitude + limit * (rng.nextUnit() - 0.5)
                columns.longitude[i] = row.longitude + limit * 0.5 * (rng.nextUnit() - 0.5)
                switch c {
                case .agesAtRangeEnds: columns.minAge[i] = row.minAge; columns.maxAge[i] = row.maxAge
                case .freeExactlyEnough: columns.free[i] = row.size
                case .freeOneShort: columns.free[i] = row.size - 1
                case .freeZero: columns.free[i] = 0
                case .onHold: columns.free[i] = -1
                case .residentsAtLimits: columns.youngestResident[i] = row.youngestAllowed; columns.youngestNewAllowed[i] = row.minAge
                case .approvalAndSkillsExact: columns.approvals[i] = row.approval; columns.skills[i] = row.requiredSkills
                case .approvalMissing: columns.approvals[i] = 0
                case .skillMissing: columns.skills[i] = row.requiredSkills == 0 ? columns.skills[i] : row.requiredSkills & (row.requiredSkills - 1)
                case .occupiedForSolo: columns.occupied[i] = 1
                case .distanceNearLimit:
                    // Straight north: the squared distance is the squared latitude difference,
                    // stepped by ulps across the limit.
                    var phi = row.latitude + limit
                    for _ in 0..<(i / Case.allCases.count % 7) { phi = phi.nextDown }
                    for _ in 0..<(i / Case.allCases.count % 5) { phi = phi.nextUp }
                    columns.latitude[i] = phi
                    columns.longitude[i] = row.longitude
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
