import CareModel
import Testing
@testable import Simulation

/// `Array.selectSmallest` (quickselect) against sorting, on random arrays of every shape it
/// meets: distinct indices in sorted blocks (the county generator's grid cells), many repeats,
/// already sorted and reversed.
@Suite struct SelectSmallestTests {
    @Test func everyPositionIsTheSortedArraysElement() {
        var rng = Xoshiro256StarStar(seed: 91)
        for trial in 0..<3_000 {
            let count = Int.random(in: 1...60, using: &rng)
            var values: [Int]
            switch trial % 4 {
            case 0:  // distinct, in ascending blocks
                let all = Array(0..<(count * 3)).shuffled(using: &rng).prefix(count)
                var blocks: [[Int]] = []
                var rest = Array(all)
                while !rest.isEmpty {
                    let take = Int.random(in: 1...rest.count, using: &rng)
                    blocks.append(rest.prefix(take).sorted())
                    rest.removeFirst(take)
                }
                values = blocks.flatMap { $0 }
            case 1: values = (0..<count).map { _ in Int.random(in: 0...3, using: &rng) }
            case 2: values = (0..<count).map { _ in Int.random(in: -50...50, using: &rng) }.sorted()
            default: values = (0..<count).map { _ in Int.random(in: -50...50, using: &rng) }.sorted(by: >)
            }
            let sorted = values.sorted()
            for k in 0..<count {
                var copy = values
                let found = copy.selectSmallest(k)
                #expect(found == sorted[k], "position \(k) of \(values)")
                #expect(copy.sorted() == sorted, "the elements of \(values) changed")
            }
        }
    }
}
