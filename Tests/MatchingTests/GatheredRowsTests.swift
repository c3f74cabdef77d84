import CareModel
@testable import Matching
import Testing

/// Scoring a list of households through gathered rows (`GatheredRows.score`, what the
/// simulator's searches use) against the scalar kernel on each listed household: the same bits,
/// for lists of every length from 0 to 41 (whole blocks of eight, and blocks padded), in any
/// order and with repeats, one scratch reused from list to list so that padding rows keep
/// values of earlier lists.
@Suite struct GatheredRowsTests {
    @Test func gatheredListsScoreAsTheScalarKernel() {
        var rng = Xoshiro256StarStar(seed: 57)
        let k = KernelConstants(policy: .default)
        let groups = SiblingGroup.groups(of: RandomCounty.children(300, rng: &rng))
        var codes = CodeBook()
        var columns = HouseholdColumns(RandomCounty.households(600, rng: &rng), codes: &codes, keepsRecords: true)
        var gathered = GatheredRows()
        var feasible = 0, infeasible = 0, lists = 0
        for (g, group) in groups.enumerated() {
            let row = UnitRow(group, policy: .default, codes: &codes, isSplitPart: g % 6 == 0)
            // Half the households moved near this unit's home and opened to its ages, so that
            // most listed households are scored in full, as a search's candidates are.
            let limit = k.maxDistanceSquared.squareRoot()
            for i in stride(from: g % 2, to: columns.count, by: 2) {
                columns.updateRow(i) { r in
                    r.latitude = row.latitude + limit * (rng.nextUnit() - 0.5)
                    r.longitude = row.longitude + limit * 0.5 * (rng.nextUnit() - 0.5)
                    r.minAge = min(r.minAge, row.minAge)
                    r.maxAge = max(r.maxAge, row.maxAge)
                    r.approvals |= row.approval
                }
            }
            for length in [0, 1, 7, 8, 9, 16, 23, 41, Int.random(in: 0...41, using: &rng)] {
                let indices = (0..<length).map { _ in Int.random(in: 0..<columns.count, using: &rng) }
                var listed = [Double](repeating: .nan, count: length + 1)
                listed.withUnsafeMutableBufferPointer { gathered.score(row, columns, indices, constants: k, into: $0.baseAddress!) }
                var scalar = [Double](repeating: 0, count: length)
                columns.withView { view in
                    for (j, h) in indices.enumerated() {
                        withUnsafeMutablePointer(to: &scalar[j]) { ScoringKernel.scoreRowScalar(row, view, range: h..<(h + 1), constants: k, into: $0) }
                    }
                }
                let differing = (0..<length).filter { listed[$0].bitPattern != scalar[$0].bitPattern }
                #expect(differing.isEmpty, "unit \(g), \(length) listed: first differing \(differing.prefix(3).map { (indices[$0], listed[$0], scalar[$0]) })")
                #expect(listed[length].isNaN, "unit \(g): wrote past the \(length) listed")
                feasible += scalar.filter { $0 >= 0 }.count
                infeasible += scalar.filter { $0 < 0 }.count
                lists += 1
            }
        }
        // Both outcomes were met often.
        #expect(lists > 1000 && feasible > 5000 && infeasible > 5000, "\(lists) lists, \(feasible) feasible, \(infeasible) infeasible")
    }
}
