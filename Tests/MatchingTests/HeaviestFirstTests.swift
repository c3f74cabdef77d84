@testable import Matching
import CareModel
import Testing

/// `PackingSearch.heaviestFirst` (one integer sort of 128-bit keys) against the plain
/// comparison it stands for: heaviest weight first, ties by option number.
@Suite struct HeaviestFirstTests {
    @Test func integerKeysSortAsTheWeights() {
        var rng = Xoshiro256StarStar(seed: 4099)
        // Few distinct values, so ties are common; negative weights, zeros of both signs,
        // the planner's large whole-number weights and tiny fractions.
        let palette: [Double] = [0, -0.0, 1, -1, 2.5, -2.5, 1e12 + 3, 1e12 + 4, -1e12, 5e-324, -5e-324, .greatestFiniteMagnitude]
        for trial in 0..<2_000 {
            let n = Int.random(in: 0...60, using: &rng)
            let weights = (0..<n).map { _ in
                Bool.random(using: &rng) ? palette.randomElement(using: &rng)! : Double.random(in: -1e6...1e6, using: &rng).rounded()
            }
            let expected = weights.indices.sorted { a, b in weights[a] != weights[b] ? weights[a] > weights[b] : a < b }.map { Int32($0) }
            #expect(PackingSearch.heaviestFirst(weights) == expected, "trial \(trial): \(weights)")
        }
    }
}
