import CareModel
@testable import Matching
import Testing

/// The eight-lane search for a row's two smallest reduced costs (used by the dense solver's
/// augmenting row reduction in AVX2 builds) gives the scalar scan's answer — values and
/// columns, ties to the lower column — whatever the length and however many ties.
@Test func laneSearchForTwoSmallestEqualsScalarScan() {
    var rng = Xoshiro256StarStar(seed: 41)
    var tiedAnswers = 0
    for trial in 0..<3000 {
        let m = Int.random(in: 2...70, using: &rng)
        // Few distinct values (many ties) in half the trials, uniform values in the other half.
        let ties = trial % 2 == 0
        let row = (0..<m).map { _ in ties ? Double(Int.random(in: 0...3, using: &rng)) : rng.nextUnit() }
        let v = (0..<m).map { _ in ties ? Double(Int.random(in: -1...0, using: &rng)) : rng.nextUnit() - 0.5 }
        row.withUnsafeBufferPointer { r in
            v.withUnsafeBufferPointer { v in
                let lanes = DenseAssignment.twoSmallest(r.baseAddress!, v.baseAddress!, m)
                let scalar = DenseAssignment.twoSmallestScalar(r.baseAddress!, v.baseAddress!, m)
                #expect(lanes == scalar, "trial \(trial), m \(m)")
                // Independent truth: sort (value, column) pairs.
                var pairs: [(value: Double, column: Int)] = []
                for j in 0..<m { pairs.append((r[j] - v[j], j)) }
                pairs.sort { a, b in a.value < b.value || (a.value == b.value && a.column < b.column) }
                let truth = (pairs[0].value, pairs[0].column, pairs[1].value, pairs[1].column)
                #expect(scalar == truth, "trial \(trial), m \(m)")
                if pairs[0].value == pairs[1].value { tiedAnswers += 1 }
            }
        }
    }
    #expect(tiedAnswers > 500)
}
