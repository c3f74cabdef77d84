import CareModel
@testable import Matching
import Testing

/// The score matrix comes from rule bitsets over the households in rule order (`HouseholdRuleIndex`)
/// and writes scores back at each household's own index; checked against the scalar kernel one
/// pair at a time, bit for bit, on units and households pushed to every corner of the integer
/// rules (approvals of several bits or none, several required skills, exploitation gaps on both
/// sides, solo, holds, full homes) and household counts around the blocks of 8 and words of 64.
@Suite struct ScoreMatrixTests {
    /// Random rows: a county's units with their integer facts redrawn from wide ranges.
    static func units(_ count: Int, rng: inout Xoshiro256StarStar, codes: inout CodeBook) -> [UnitRow] {
        let groups = SiblingGroup.groups(of: RandomCounty.children(count, rng: &rng))
        return groups.enumerated().map { g, group in
            var row = UnitRow(group, policy: .default, codes: &codes, isSplitPart: g % 5 == 0)
            guard g % 3 != 0 else { return row }  // a third as the county has them
            row.size = Int32.random(in: 1...4, using: &rng)
            row.minAge = Int32.random(in: 0...17, using: &rng)
            row.maxAge = min(17, row.minAge + Int32.random(in: 0...6, using: &rng))
            row.approval = Int32.random(in: 0...31, using: &rng)
            row.requiredSkills = rng.nextUnit() < 0.5 ? 0 : Int32.random(in: 0...255, using: &rng) & Int32.random(in: 0...255, using: &rng)
            row.solo = rng.nextUnit() < 0.2
            row.youngestAllowed = rng.nextUnit() < 0.6 ? Int32.min : Int32.random(in: -3...17, using: &rng)
            return row
        }
    }

    /// Random households, some with a child at risk placed (a youngest age for new children).
    static func households(_ count: Int, rng: inout Xoshiro256StarStar, codes: inout CodeBook) -> HouseholdColumns {
        var columns = HouseholdColumns(RandomCounty.households(count, rng: &rng), codes: &codes)
        for h in 0..<count where rng.nextUnit() < 0.3 {
            columns.updateRow(h) { $0.youngestNewAllowed = Int32.random(in: -2...15, using: &rng) }
        }
        return columns
    }

    /// The scalar kernel's scores, one pair at a time.
    static func scalarMatrix(_ rows: [UnitRow], _ columns: HouseholdColumns) -> [Double] {
        let m = columns.count
        var out = [Double](repeating: 0, count: rows.count * m)
        let constants = KernelConstants(policy: .default)
        out.withUnsafeMutableBufferPointer { buffer in
            columns.withView { view in
                for (r, row) in rows.enumerated() {
                    for h in 0..<m {
                        ScoringKernel.scoreRowScalar(row, view, range: h..<(h + 1), constants: constants, into: buffer.baseAddress! + r * m + h)
                    }
                }
            }
        }
        return out
    }

    @Test(arguments: [1, 7, 8, 9, 63, 64, 65, 130, 517])
    func matrixEqualsTheScalarKernelBitForBit(households m: Int) {
        var rng = Xoshiro256StarStar(seed: 4100 + UInt64(m))
        var codes = CodeBook()
        let columns = Self.households(m, rng: &rng, codes: &codes)
        let rows = Self.units(160, rng: &rng, codes: &codes)
        let expected = Self.scalarMatrix(rows, columns)
        /// The (unit, household) pairs where `matrix` differs from the scalar kernel's bits.
        func differences(_ matrix: [Double]) -> [(unit: Int, household: Int)] {
            expected.indices.filter { expected[$0].bitPattern != matrix[$0].bitPattern }.map { ($0 / m, $0 % m) }
        }
        let parallel = differences(ScoringKernel.scoreMatrix(units: rows, households: columns, policy: .default))
        #expect(parallel.isEmpty, "\(parallel.count) pairs differ, first \(parallel.prefix(3))")
        var single = [Double](repeating: 7, count: rows.count * m)
        single.withUnsafeMutableBufferPointer {
            ScoringKernel.scoreMatrix(units: rows, households: columns, policy: .default, into: $0, singleThread: true)
        }
        let alone = differences(single)
        #expect(alone.isEmpty, "\(alone.count) pairs differ, first \(alone.prefix(3))")
        if m >= 64 {
            // Both outcomes occur, so the comparison says something.
            #expect(expected.contains { $0 >= 0 } && expected.contains { $0 < 0 })
        }
    }

    @Test func candidatesAreExactlyTheHouseholdsPassingTheIntegerRules() {
        var rng = Xoshiro256StarStar(seed: 4200)
        var codes = CodeBook()
        let columns = Self.households(333, rng: &rng, codes: &codes)
        let rows = Self.units(200, rng: &rng, codes: &codes)
        let index = HouseholdRuleIndex(columns, units: rows)
        #expect(index.order.map(Int.init).sorted() == Array(0..<columns.count))
        #expect(index.columns.count % 8 == 0 && index.columns.count >= columns.count)
        let k = KernelConstants(policy: .default)
        var candidates = [UInt64](repeating: 0, count: index.words)
        var passing = 0
        for (u, row) in rows.enumerated() {
            index.bits.withUnsafeBufferPointer { bits in
                index.unitBitsets.withUnsafeBufferPointer { sets in
                    candidates.withUnsafeMutableBufferPointer {
                        ScoringKernel.candidatesOf(
                            unit: u, bits: bits.baseAddress!, sets: sets.baseAddress!, words: index.words, into: $0.baseAddress!)
                    }
                }
            }
            columns.withView { view in
                for position in 0..<(64 * index.words) {
                    let bit = candidates[position / 64] >> UInt64(position % 64) & 1 == 1
                    guard position < columns.count else {
                        #expect(!bit, "padding position \(position)")
                        continue
                    }
                    // Every rule but distance, from the rule-by-rule statement of the kernel's tests.
                    let failed = ScoringKernel.failedRules(row, view, Int(index.order[position]), constants: k)
                    let integerRulesPass = failed.subtracting(.distance).isEmpty
                    #expect(bit == integerRulesPass, "unit \(u) household \(index.order[position])")
                    if integerRulesPass { passing += 1 }
                }
            }
        }
        #expect(passing > 500 && passing < rows.count * columns.count / 2)
    }
}
