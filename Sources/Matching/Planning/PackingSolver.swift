import Dispatch
#if canImport(Glibc)
import Glibc
#endif

/// Exact solver of `PackingProblem`: connected components, an assignment where every option is
/// one of a partition of the items, else branch and bound with a Lagrangian bound.
///
/// ## Design note
/// Households sharing no item through their options are independent, so the problem splits
/// into connected components, solved one by one (in parallel; each component's answer does
/// not depend on the others or on the thread count).
///
/// *Assignment components.* When the distinct item sets of the options are pairwise disjoint
/// (every household takes at most one "unit", no unit overlaps another: no split siblings,
/// no several units in one home), the component is a maximum-weight bipartite matching of
/// units to households, solved exactly by `SparseAssignment` with one zero-cost "unplaced"
/// column per unit.
///
/// *Other components: branch and bound (Land and Doig 1960) with a Lagrangian bound
/// (Held and Karp 1971; Fisher 1981).* The constraints "each item at most once" are relaxed
/// with multipliers `lambda_i >= 0`:
/// `L(lambda) = sum_i lambda_i + sum_h max(0, max_o (w_o - sum_{i in o} lambda_i))`,
/// which is >= the value of every packing (each household's term is at least what its chosen
/// option contributes after paying for its items, and the items are paid once at most), so
/// every `L(lambda)` is a proven upper bound. The households' subproblems are independent
/// (choose the best option at the item prices). Multipliers are improved by exact coordinate
/// descent (for one item, `L` is convex piecewise linear in `lambda_i`, minimised at the
/// second largest gain an option containing the item has over the household's best option
/// without it; the dual coordinate step of Bertsekas's auction and of max-product dual
/// decomposition) and by projected subgradient steps (Polyak's step towards the best packing
/// found). Packings come from the relaxed choice, repaired greedily (options taken heaviest
/// first, from one order of the component's options sorted once). A node is closed when its
/// bound is below the best packing + 1 (weights are whole numbers), or when the relaxed choice
/// is itself a packing paying nothing for unused items (then it is the node's optimum).
/// Otherwise it branches on one option: the household takes it (its items are gone for
/// everybody else), or it is forbidden. Both branches together cover every packing, so when
/// the search ends the best packing found is optimal; stopped by the time limit, the bound is
/// the largest bound of the nodes left open.
/// - Complexity: exponential in the worst case (set packing is NP-hard); per node,
///   O(iterations x option entries), each greedy packing O(options). Components of a few hundred households close at the root
///   or after few nodes in practice.
package enum PackingSolver {
    /// The best packing, with a proven bound; `timeLimit` seconds (nil = none) or `nodeLimit`
    /// branch-and-bound nodes per component stop the search with the best packing found so
    /// far and the bound of what is left open. The node limit keeps the answer deterministic.
    /// `starts` are known packings (option index per household, -1 = none), the best of which
    /// the search starts from, so the answer is never worse than any of them.
    package static func solve(_ problem: PackingProblem, timeLimit: Double? = nil, nodeLimit: Int = .max, starts: [[Int]] = []) -> PackingSolution {
        let start = DispatchTime.now().uptimeNanoseconds
        let deadline: UInt64? = timeLimit.map { start + UInt64(max(0, $0) * 1e9) }
        let components = PackingComponent.split(problem)
        if let t = getenv("HEARTH_TRACE"), t.pointee != 0 { PackingSearch.trace = true }
        var results = [PackingSolution?](repeating: nil, count: components.count)
        results.withUnsafeMutableBufferPointer { out in
            let pointer = UnsafeSendablePointer(out.baseAddress!)
            DispatchQueue.concurrentPerform(iterations: components.count) { c in
                (pointer.base + c).initialize(to: components[c].solve(deadline: deadline, nodeLimit: nodeLimit, starts: starts))
            }
        }
        var choice = [Int](repeating: -1, count: problem.options.count)
        var value = 0.0, bound = 0.0, nodes = 0
        for (c, component) in components.enumerated() {
            let r = results[c]!
            for (local, h) in component.households.enumerated() { choice[h] = r.choice[local] }
            value += r.value
            bound += r.bound
            nodes += r.nodes
        }
        return PackingSolution(choice: choice, value: value, bound: bound, nodes: nodes)
    }
}

/// One connected component of a packing problem, with local item numbers and flat options.
struct PackingComponent: Sendable {
    /// Global household indices, ascending.
    var households: [Int]
    var itemCount: Int
    /// Option `o` belongs to local household `owner[o]` and is its option number `original[o]`.
    var owner: [Int32]
    var original: [Int32]
    var itemStart: [Int]
    var items: [Int32]
    var weight: [Double]
    /// Options of local household h: `householdOptions[h]..<householdOptions[h + 1]`.
    var householdOptions: [Int]

    /// The components of `problem`, ordered by their first household.
    static func split(_ problem: PackingProblem) -> [PackingComponent] {
        let n = problem.options.count
        var parent = Array(0..<n)
        func find(_ x: Int) -> Int {
            var x = x
            while parent[x] != x { parent[x] = parent[parent[x]]; x = parent[x] }
            return x
        }
        var firstHousehold = [Int](repeating: -1, count: problem.itemCount)
        for (h, options) in problem.options.enumerated() {
            for o in options {
                for i in o.items {
                    let f = firstHousehold[Int(i)]
                    if f < 0 { firstHousehold[Int(i)] = h; continue }
                    let a = find(f), b = find(h)
                    if a != b { parent[max(a, b)] = min(a, b) }
                }
            }
        }
        var index: [Int: Int] = [:]
        var members: [[Int]] = []
        for h in 0..<n where !problem.options[h].isEmpty {
            let r = find(h)
            if let c = index[r] { members[c].append(h) } else { index[r] = members.count; members.append([h]) }
        }
        return members.map { PackingComponent(problem, households: $0) }
    }

    init(_ problem: PackingProblem, households: [Int]) {
        self.households = households
        var local: [Int32: Int32] = [:]
        owner = []; original = []; itemStart = [0]; items = []; weight = []; householdOptions = [0]
        for (h, global) in households.enumerated() {
            for (k, o) in problem.options[global].enumerated() {
                owner.append(Int32(h)); original.append(Int32(k)); weight.append(o.weight)
                for i in o.items {
                    if let l = local[i] { items.append(l) } else {
                        let l = Int32(local.count)
                        local[i] = l
                        items.append(l)
                    }
                }
                itemStart.append(items.count)
            }
            householdOptions.append(owner.count)
        }
        itemCount = local.count
    }

    var optionCount: Int { owner.count }

    func solve(deadline: UInt64?, nodeLimit: Int, starts: [[Int]]) -> PackingSolution {
        if let solution = solveAsAssignment() { return solution }
        var search = PackingSearch(self, deadline: deadline, nodeLimit: nodeLimit)
        for start in starts { search.offer(start) }
        return search.run()
    }

    /// The exact answer when the options' item sets partition the items (nil otherwise).
    func solveAsAssignment() -> PackingSolution? {
        var atomOf = [Int32](repeating: -1, count: itemCount)
        var atomOfOption = [Int32](repeating: -1, count: optionCount)
        var atomSize: [Int] = []
        for o in 0..<optionCount {
            let set = items[itemStart[o]..<itemStart[o + 1]]
            let a = atomOf[Int(set.first!)]
            if a < 0 {
                for i in set where atomOf[Int(i)] >= 0 { return nil }
                for i in set { atomOf[Int(i)] = Int32(atomSize.count) }
                atomOfOption[o] = Int32(atomSize.count)
                atomSize.append(set.count)
            } else {
                // The same atom: exactly its items.
                var size = 0
                for i in set {
                    guard atomOf[Int(i)] == a else { return nil }
                    size += 1
                }
                guard size == atomSize[Int(a)] else { return nil }
                atomOfOption[o] = a
            }
        }
        let m = households.count, atoms = atomSize.count
        var best: [Int64: Int] = [:]
        for o in 0..<optionCount {
            let key = Int64(atomOfOption[o]) * Int64(m) + Int64(owner[o])
            if let b = best[key], weight[b] >= weight[o] { continue }
            best[key] = o
        }
        var triples: [(row: Int, column: Int, cost: Double)] = []
        for (key, o) in best.sorted(by: { $0.key < $1.key }) {
            triples.append((Int(key / Int64(m)), Int(key % Int64(m)), -weight[o]))
        }
        for a in 0..<atoms { triples.append((a, m + a, 0)) }
        let result = SparseAssignment.solve(SparseCostMatrix(rows: atoms, columns: m + atoms, triples: triples))
        var choice = [Int](repeating: -1, count: m)
        var value = 0.0
        for (a, column) in result.rowToColumn.enumerated() where column >= 0 && column < m {
            let o = best[Int64(a) * Int64(m) + Int64(column)]!
            choice[column] = Int(original[o])
            value += weight[o]
        }
        return PackingSolution(choice: choice, value: value, bound: value, nodes: 0)
    }
}
