import Dispatch
#if canImport(Glibc)
import Glibc
#endif

/// Exact solver of `PackingProblem`: connected components, an assignment where every option is
/// one of a partition of the items, else branch and bound with an LP bound.
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
/// *Other components: branch and bound (Land and Doig 1960) with the exact LP bound of the
/// configuration model* (`PackingRelaxation`: column generation over a `RevisedSimplex`
/// master, one LP per lexicographic level when the weights have levels; Barnhart et al. 1998,
/// "Branch-and-price"). The bound is the Lagrangian bound at the LP's duals, recomputed over
/// every option, so it holds whatever the simplex's rounding. At each node: options whose
/// reduced weight proves them useless for a better packing are fixed out (at the root, the
/// survivors become a smaller component for the rest of the search); a packing is made from
/// the LP solution; the node is closed when its bound is below the best packing + 1 (weights
/// are whole numbers); otherwise it branches on a household-item pair whose LP share is
/// fractional (the household takes the item, or it does not; Ryan and Foster 1981), or on a
/// fractional option when no pair serves. Both branches together cover every packing and each
/// removes part of the LP solution, so the search ends, and when it ends the best packing is
/// optimal; stopped by its limits, the bound is the largest bound of the nodes left open.
/// When the simplex stops at its pivot limit the node falls back to a Lagrangian bound (Held
/// and Karp 1971; Fisher 1981) improved by exact coordinate descent and projected subgradient
/// steps, branching on one option (take it, or forbid it).
/// - Complexity: exponential in the worst case (set packing is NP-hard); per node,
///   O(pricing rounds x option entries) plus the simplex's pivots.
package enum PackingSolver {
    /// The best packing, with a proven bound; `timeLimit` seconds (nil = none) or `nodeLimit`
    /// branch-and-bound nodes per component stop the search with the best packing found so
    /// far and the bound of what is left open. The node limit keeps the answer deterministic.
    /// `starts` are known packings (option index per household, -1 = none), the best of which
    /// the search starts from, so the answer is never worse than any of them.
    /// The problem is consumed: its storage is released once its components are made. With
    /// `largeLP` false the LP keeps to the dense inverse's size even with a time limit (when
    /// its bound will not be used, a larger LP would only spend the time).
    package static func solve(_ problem: consuming PackingProblem, timeLimit: Double? = nil, nodeLimit: Int = .max, starts: [[Int]] = [],
                              largeLP: Bool = true) -> PackingSolution {
        let start = DispatchTime.now().uptimeNanoseconds
        let deadline: UInt64? = timeLimit.map { start + UInt64(max(0, $0) * 1e9) }
        let householdCount = problem.householdCount
        let components = PackingComponent.split(problem)
        _ = consume problem
        if let t = getenv("HEARTH_TRACE"), t.pointee != 0 { PackingSearch.trace = true }
        var results = [PackingSolution?](repeating: nil, count: components.count)
        results.withUnsafeMutableBufferPointer { out in
            let pointer = UnsafeSendablePointer(out.baseAddress!)
            // Components of a few options each (a meeting's plan) are solved on this thread.
            ChunkedWork.run(components.count, inline: ChunkedWork.runsInline(items: components.reduce(0) { $0 + $1.weight.count } * 10)) { c in
                (pointer.base + c).initialize(to: components[c].solve(deadline: deadline, nodeLimit: nodeLimit, starts: starts, largeLP: largeLP))
            }
        }
        var choice = [Int](repeating: -1, count: householdCount)
        var slack = [Double](repeating: 0, count: householdCount)
        var value = 0.0, bound = 0.0, nodes = 0
        for (c, component) in components.enumerated() {
            let r = results[c]!
            for (local, h) in component.households.enumerated() { choice[h] = r.choice[local] }
            slack[component.households[0]] = r.bound - r.value
            value += r.value
            bound += r.bound
            nodes += r.nodes
        }
        var solution = PackingSolution(choice: choice, value: value, bound: bound, nodes: nodes)
        if bound > value { solution.componentSlack = slack }
        return solution
    }
}

extension PackingSolver {
    /// The root LP bound of the configuration model (`PackingRelaxation`, no branching) summed
    /// over the components, and whether every component's LP solution is integral; nil when an
    /// LP stopped at its pivot limit.
    package static func rootRelaxation(_ problem: PackingProblem) -> (bound: Double, integral: Bool)? {
        var total = 0.0, integral = true
        for component in PackingComponent.split(problem) {
            var relaxation = PackingRelaxation(component)
            let all = [Bool](repeating: true, count: component.optionCount)
            guard let result = relaxation.solve(alive: all, seeds: [], threshold: -.infinity), let bound = result.bound else { return nil }
            total += bound
            if result.support.contains(where: { $0.value < 1 - 1e-6 }) { integral = false }
        }
        return (total, integral)
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
    /// Level values (per level, per option) and their scales, when every household of the
    /// component has the same scales and every option its levels
    /// (`weight = sum_k scale_k x value_k + the rest`); empty: one level.
    var levelValues: [[Double]]
    var levelScales: [Double]
    /// Options of local household h: `householdOptions[h]..<householdOptions[h + 1]`.
    var householdOptions: [Int]

    /// The components of `problem`, ordered by their first household.
    static func split(_ problem: PackingProblem) -> [PackingComponent] {
        let n = problem.householdCount
        var parent = Array(0..<n)
        func find(_ x: Int) -> Int {
            var x = x
            while parent[x] != x { parent[x] = parent[parent[x]]; x = parent[x] }
            return x
        }
        var firstHousehold = [Int](repeating: -1, count: problem.itemCount)
        // Read by index, not through a closure: `find` changes `parent`, which a closure
        // would make the runtime check on every call.
        for h in 0..<n {
            for o in problem.optionRange(h) {
                for e in problem.itemStart[o]..<problem.itemStart[o + 1] {
                    let i = Int(problem.items[e])
                    let f = firstHousehold[i]
                    if f < 0 { firstHousehold[i] = h; continue }
                    let a = find(f), b = find(h)
                    if a != b { parent[max(a, b)] = min(a, b) }
                }
            }
        }
        // Each root's component number (-1: none yet), in order of first household.
        var index = [Int](repeating: -1, count: n)
        var members: [[Int]] = []
        for h in 0..<n where !problem.optionRange(h).isEmpty {
            let r = find(h)
            if index[r] >= 0 { members[index[r]].append(h) } else { index[r] = members.count; members.append([h]) }
        }
        var scratch = [Int32](repeating: -1, count: problem.itemCount)
        return members.map { PackingComponent(problem, households: $0, scratch: &scratch) }
    }

    /// The component of `households`; `scratch` (-1 per item of the problem) maps items to
    /// local numbers while it is built and is left as it was found.
    init(_ problem: PackingProblem, households: [Int], scratch local: inout [Int32]) {
        self.households = households
        // Sized up front: every option and item entry of these households.
        var optionTotal = 0, entryTotal = 0
        for global in households {
            let range = problem.optionRange(global)
            optionTotal += range.count
            if !range.isEmpty { entryTotal += problem.itemStart[range.upperBound] - problem.itemStart[range.lowerBound] }
        }
        var owner: [Int32] = [], original: [Int32] = [], weight: [Double] = [], itemStart = [0], items: [Int32] = []
        var householdOptions = [0]
        owner.reserveCapacity(optionTotal); original.reserveCapacity(optionTotal); weight.reserveCapacity(optionTotal)
        itemStart.reserveCapacity(optionTotal + 1); items.reserveCapacity(entryTotal); householdOptions.reserveCapacity(households.count + 1)
        // The options' items renumbered locally in order of first appearance (`local` maps them).
        var localCount: Int32 = 0
        var globals: [Int32] = []
        problem.items.withUnsafeBufferPointer { globalItems in
            problem.itemStart.withUnsafeBufferPointer { globalStart in
                local.withUnsafeMutableBufferPointer { local in
                    for (h, global) in households.enumerated() {
                        let first = problem.optionStart[global]
                        for o in problem.optionRange(global) {
                            owner.append(Int32(h)); original.append(Int32(o - first)); weight.append(problem.weight[o])
                            for e in globalStart[o]..<globalStart[o + 1] {
                                let i = Int(globalItems[e])
                                if local[i] < 0 { local[i] = localCount; localCount += 1; globals.append(Int32(i)) }
                                items.append(local[i])
                            }
                            itemStart.append(items.count)
                        }
                        householdOptions.append(owner.count)
                    }
                }
            }
        }
        for i in globals { local[Int(i)] = -1 }
        // The households' level scales when they all have the same ones, else none.
        let first = problem.levelScales.isEmpty ? [] : problem.levelScales[households[0]]
        let levels = problem.levelScales.isEmpty || households.allSatisfy({ problem.levelScales[$0] == first }) ? first : []
        let consistent = !levels.isEmpty && levels.allSatisfy { $0 > 0 }
            && households.allSatisfy { problem.optionRange($0).allSatisfy { Int(problem.levelCount[$0]) == levels.count } }
        // Each level's values, a level at a time.
        var levelValues = [[Double]](repeating: [], count: consistent ? levels.count : 0)
        for l in levelValues.indices {
            levelValues[l].reserveCapacity(optionTotal)
            problem.levelValues[l].withUnsafeBufferPointer { values in
                for global in households { levelValues[l].append(contentsOf: values[problem.optionRange(global)]) }
            }
        }
        self.owner = owner; self.original = original; self.weight = weight; self.itemStart = itemStart; self.items = items
        self.householdOptions = householdOptions
        self.levelScales = consistent ? levels : []
        self.levelValues = levelValues
        itemCount = Int(localCount)
    }

    var optionCount: Int { owner.count }

    /// The same households and items with only the options marked alive, and for each kept
    /// option its index here.
    func restricted(to alive: [Bool]) -> (component: PackingComponent, source: [Int]) {
        var sub = self
        sub.owner = []; sub.original = []; sub.itemStart = [0]; sub.items = []; sub.weight = []
        sub.levelValues = levelValues.map { _ in [] }
        sub.householdOptions = [0]
        var source: [Int] = []
        for h in 0..<households.count {
            for o in householdOptions[h]..<householdOptions[h + 1] where alive[o] {
                source.append(o)
                sub.owner.append(owner[o]); sub.original.append(original[o]); sub.weight.append(weight[o])
                for l in levelValues.indices { sub.levelValues[l].append(levelValues[l][o]) }
                sub.items += items[itemStart[o]..<itemStart[o + 1]]
                sub.itemStart.append(sub.items.count)
            }
            sub.householdOptions.append(sub.owner.count)
        }
        return (sub, source)
    }

    func solve(deadline: UInt64?, nodeLimit: Int, starts: [[Int]], largeLP: Bool) -> PackingSolution {
        if let solution = solveAsAssignment() { return solution }
        var search = PackingSearch(self, deadline: deadline, nodeLimit: nodeLimit)
        search.largeLP = largeLP
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
