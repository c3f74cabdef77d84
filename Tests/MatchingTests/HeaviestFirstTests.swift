@testable import Matching
import CareModel
import Testing

/// `PackingSearch.heaviestFirst` (integer keys, sorted by comparison or, from
/// `PackingSearch.radixFrom` options, by radix) against the plain comparison it stands for:
/// heaviest weight first, ties by option number.
@Suite struct HeaviestFirstTests {
    @Test func integerKeysSortAsTheWeights() {
        var rng = Xoshiro256StarStar(seed: 4099)
        // Few distinct values, so ties are common; negative weights, zeros of both signs,
        // the planner's large whole-number weights and tiny fractions.
        let palette: [Double] = [0, -0.0, 1, -1, 2.5, -2.5, 1e12 + 3, 1e12 + 4, -1e12, 5e-324, -5e-324, .greatestFiniteMagnitude]
        for trial in 0..<2_000 {
            // Half the lists long enough for the radix sort, a few of them many times over.
            let n = trial % 2 == 0 ? Int.random(in: 0...60, using: &rng)
                : Int.random(in: PackingSearch.radixFrom...(trial % 10 == 1 ? 3_000 : 400), using: &rng)
            let weights = (0..<n).map { _ in
                Bool.random(using: &rng) ? palette.randomElement(using: &rng)! : Double.random(in: -1e6...1e6, using: &rng).rounded()
            }
            let expected = weights.indices.sorted { a, b in weights[a] != weights[b] ? weights[a] > weights[b] : a < b }.map { Int32($0) }
            #expect(PackingSearch.heaviestFirst(weights) == expected, "trial \(trial): \(weights)")
        }
    }
}
