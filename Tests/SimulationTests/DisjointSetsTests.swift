import CareModel
import Testing
@testable import Simulation

/// The union-find that joins a meeting's units (`DisjointSets`), against connectivity found by
/// a plain search over the same edges.
@Suite struct DisjointSetsTests {
    /// The sets of elements `0..<count` connected by `edges`, by depth-first search from each
    /// element not yet reached, in the order of their smallest elements, each ascending.
    static func components(count: Int, edges: [(Int, Int)]) -> [[Int]] {
        var neighbours = [[Int]](repeating: [], count: count)
        for (a, b) in edges {
            neighbours[a].append(b)
            neighbours[b].append(a)
        }
        var reached = [Bool](repeating: false, count: count)
        var result: [[Int]] = []
        for start in 0..<count where !reached[start] {
            var stack = [start], set: [Int] = []
            reached[start] = true
            while let x = stack.popLast() {
                set.append(x)
                for y in neighbours[x] where !reached[y] {
                    reached[y] = true
                    stack.append(y)
                }
            }
            result.append(set.sorted())
        }
        return result
    }

    /// Over 3,000 random graphs (up to 60 elements, sparse to dense, some grown one element at a
    /// time): the sets are the graph's connected components, `union` says whether it joined two
    /// sets, and every tree's recorded size is its number of elements.
    @Test func setsAreTheConnectedComponents() {
        var rng = Xoshiro256StarStar(seed: 1975)
        var joins = 0, multiSets = 0
        for trial in 0..<3_000 {
            let count = Int(rng.next() % 61)
            var sets = DisjointSets(count: trial % 2 == 0 ? count : 0)
            if trial % 2 == 1 { for _ in 0..<count { sets.add() } }
            let edgeCount = count == 0 ? 0 : Int(rng.next() % UInt64(2 * count + 1))
            var edges: [(Int, Int)] = []
            for _ in 0..<edgeCount {
                let a = Int(rng.next() % UInt64(count)), b = Int(rng.next() % UInt64(count))
                let apart = sets.find(a) != sets.find(b)
                #expect(sets.union(a, b) == apart)
                edges.append((a, b))
                if apart { joins += 1 }
            }
            let want = Self.components(count: count, edges: edges)
            #expect(sets.sets() == want, "trial \(trial)")
            var sizes = [Int: Int]()
            for x in 0..<count { sizes[sets.find(x), default: 0] += 1 }
            for (root, size) in sizes { #expect(Int(sets.size[root]) == size, "trial \(trial)") }
            multiSets += want.filter { $0.count > 1 }.count
        }
        #expect(joins > 10_000)
        #expect(multiSets > 1_000)
    }
}
