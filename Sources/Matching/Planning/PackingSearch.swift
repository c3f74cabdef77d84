import Dispatch

/// Branch and bound with the LP bound (Lagrangian as a fallback) over one `PackingComponent` (see `PackingSolver`).
struct PackingSearch {
    nonisolated(unsafe) static var trace = false
    let c: PackingComponent
    let deadline: UInt64?
    /// Nodes after which the search stops (deterministic, unlike the deadline).
    let nodeLimit: Int
    /// Option entries scanned so far, and the budget after which the search stops
    /// (deterministic; about a second of work per 10^9).
    var work = 0
    static let workLimit = 1_000_000_000
    /// The budget of this search (`workLimit`, smaller for a search over the master's columns).
    var workBudget = PackingSearch.workLimit
    /// Options from which the root also searches the packings of its LP master's columns alone
    /// (`searchMaster`), and that search's node and work budgets.
    static let masterSearchFrom = 100_000
    static let masterNodeLimit = 200
    static let masterWorkLimit = 50_000_000
    /// Options of each local item.
    var itemOptions: [[Int32]]
    /// Every option, heaviest first (ties: lower option first), for the greedy packings.
    let byWeight: [Int32]
    /// Whether each option is still allowed at the current node.
    var alive: [Bool]
    /// Options removed since the root, to undo on the way back.
    var trail: [Int32] = []
    /// The choice fixed on the path to the current node (-1 = not fixed), and its value.
    var fixed: [Int32]
    var fixedValue = 0.0
    var lambda: [Double]
    var incumbent: [Int32]
    var incumbentValue = 0.0
    /// The largest bound of a node left open by the time limit.
    var openBound = -Double.infinity
    var nodes = 0
    var stopped = false
    /// Whether the LP outgrew its row limit (`PackingRelaxation.rowLimit`; then every node is Lagrangian).
    var lpTooLarge = false
    /// Whether, with a deadline, the LP may grow to `PackingRelaxation.timedRowLimit` (product
    /// form); else it keeps to `untimedRowLimit`.
    var largeLP = true
    /// The parent node's LP support, the first columns of a child's relaxation.
    var seeds: [Int] = []

    // Work arrays of one relaxation.
    var reduced: [Double]
    var chosen: [Int32]
    var cover: [Int32]
    var used: [Bool]

    /// `byWeight`, when known, is the component's options heaviest first (else sorted here).
    init(_ component: PackingComponent, deadline: UInt64?, nodeLimit: Int, byWeight known: [Int32]? = nil) {
        c = component
        byWeight = known ?? PackingSearch.heaviestFirst(component.weight)
        self.deadline = deadline
        self.nodeLimit = nodeLimit
        itemOptions = Array(repeating: [], count: component.itemCount)
        for o in 0..<component.optionCount {
            for e in component.itemStart[o]..<component.itemStart[o + 1] { itemOptions[Int(component.items[e])].append(Int32(o)) }
        }
        alive = Array(repeating: true, count: component.optionCount)
        fixed = Array(repeating: -1, count: component.households.count)
        lambda = Array(repeating: 0, count: component.itemCount)
        incumbent = Array(repeating: -1, count: component.households.count)
        reduced = []
        chosen = Array(repeating: -1, count: component.households.count)
        cover = Array(repeating: 0, count: component.itemCount)
        used = Array(repeating: false, count: component.itemCount)
    }

    /// Option numbers by weight, heaviest first, ties by number.
    ///
    /// Each option is one integer key, its weight's bits made to sort as integers (sign bit
    /// flipped for positive weights, every bit for negative ones) and turned round for
    /// heaviest first (-0 is taken as 0, as the comparison of weights does), so sorting the
    /// options by key, ties by number, gives the order. From `radixFrom` options the sort is a
    /// least-significant-digit radix sort, a byte a pass (Knuth, TAOCP vol. 3, 5.2.5): each
    /// pass is stable and the options start in number order, so equal keys stay in number
    /// order; a pass whose byte is the same in every key moves nothing and is skipped (weights
    /// of one plan share their high bytes). Fewer options are sorted by comparison.
    /// - Complexity: O(n) per pass made, at most 8 passes; O(n log n) comparisons below
    ///   `radixFrom`.
    static func heaviestFirst(_ weight: [Double]) -> [Int32] {
        let n = weight.count
        var keys = [UInt64](repeating: 0, count: n)
        for o in 0 ..< n {
            let w = weight[o]
            let bits = (w == 0 ? 0.0 : w).bitPattern
            let ascending = bits & (1 << 63) != 0 ? ~bits : bits | (1 << 63)
            keys[o] = ~ascending
        }
        guard n >= radixFrom else {
            var ordered = (0 ..< n).map { OrderKey(weight: keys[$0], option: UInt32($0)) }
            ordered.sort()
            return ordered.map { Int32(bitPattern: $0.option) }
        }
        // Every pass's counts at once (they do not depend on the order).
        var counts = [Int](repeating: 0, count: 8 * 256)
        for key in keys {
            for pass in 0 ..< 8 { counts[pass * 256 + Int((key >> UInt64(8 * pass)) & 255)] += 1 }
        }
        var order = (0 ..< n).map { Int32($0) }, sortedKeys = keys
        var nextOrder = order, nextKeys = keys
        for pass in 0 ..< 8 {
            let shift = UInt64(8 * pass), base = pass * 256
            if counts[base + Int((keys[0] >> shift) & 255)] == n { continue }
            var position = 0
            for b in 0 ..< 256 {
                let count = counts[base + b]
                counts[base + b] = position
                position += count
            }
            for i in 0 ..< n {
                let key = sortedKeys[i]
                let b = base + Int((key >> shift) & 255)
                let at = counts[b]
                counts[b] = at + 1
                nextKeys[at] = key
                nextOrder[at] = order[i]
            }
            swap(&order, &nextOrder)
            swap(&sortedKeys, &nextKeys)
        }
        return order
    }

    /// The number of options from which `heaviestFirst` sorts by radix.
    static let radixFrom = 128

    /// An option's place in `heaviestFirst` below `radixFrom`: its weight as a descending
    /// integer, then its number.
    struct OrderKey: Comparable {
        var weight: UInt64
        var option: UInt32

        static func < (a: OrderKey, b: OrderKey) -> Bool {
            a.weight != b.weight ? a.weight < b.weight : a.option < b.option
        }
    }

    /// Takes a known packing (global option index per global household) as the best so far
    /// when it is a packing and beats it.
    mutating func offer(_ start: [Int]) {
        var taken = [Bool](repeating: false, count: c.itemCount)
        var pick = [Int32](repeating: -1, count: c.households.count)
        var value = 0.0
        for (h, global) in c.households.enumerated() where global < start.count && start[global] >= 0 {
            let o = c.householdOptions[h] + start[global]
            guard o < c.householdOptions[h + 1] else { return }
            for e in c.itemStart[o]..<c.itemStart[o + 1] {
                let i = Int(c.items[e])
                if taken[i] { return }
                taken[i] = true
            }
            pick[h] = Int32(o)
            value += c.weight[o]
        }
        if value > incumbentValue {
            incumbentValue = value
            incumbent = pick
        }
    }

    mutating func run() -> PackingSolution {
        // A first packing: each household in turn takes its heaviest option still free.
        heuristic(preferred: nil)
        node(depth: 0, inherited: trivialBound())
        let bound = stopped ? max(incumbentValue, openBound.rounded(.down)) : incumbentValue
        if PackingSearch.trace { print("search: \(c.optionCount) options, \(nodes) nodes, work \(work), stopped \(stopped), value \(incumbentValue), bound \(bound)") }
        var choice = [Int](repeating: -1, count: c.households.count)
        for (h, o) in incumbent.enumerated() where o >= 0 { choice[h] = Int(c.original[Int(o)]) }
        return PackingSolution(choice: choice, value: incumbentValue, bound: max(bound, incumbentValue), nodes: nodes)
    }

    /// Each household's heaviest allowed option, plus what is fixed (a valid bound).
    func trivialBound() -> Double {
        var total = fixedValue
        for h in 0..<c.households.count {
            var best = 0.0
            for o in c.householdOptions[h]..<c.householdOptions[h + 1] where alive[o] { best = max(best, c.weight[o]) }
            total += best
        }
        return total
    }

    var timeUp: Bool {
        if nodes >= nodeLimit || work >= workBudget { return true }
        guard let deadline else { return false }
        return DispatchTime.now().uptimeNanoseconds >= deadline
    }

    // MARK: the relaxation

    /// L(lambda) for the allowed options; sets `chosen` (each household's best option at the
    /// item prices, -1 when none gains) and `cover`.
    mutating func relax() -> Double {
        if reduced.isEmpty { reduced = Array(repeating: 0, count: c.optionCount) }
        work += c.items.count
        var total = 0.0
        for i in 0..<c.itemCount { cover[i] = 0; used[i] = false }
        for h in 0..<c.households.count {
            var best = 0.0, pick: Int32 = -1
            for o in c.householdOptions[h]..<c.householdOptions[h + 1] where alive[o] {
                var r = c.weight[o]
                for e in c.itemStart[o]..<c.itemStart[o + 1] {
                    let i = Int(c.items[e])
                    r -= lambda[i]
                    used[i] = true
                }
                reduced[o] = r
                if r > best { best = r; pick = Int32(o) }
            }
            chosen[h] = pick
            total += best
            if pick >= 0 {
                for e in c.itemStart[Int(pick)]..<c.itemStart[Int(pick) + 1] { cover[Int(c.items[e])] += 1 }
            }
        }
        for i in 0..<c.itemCount {
            if used[i] { total += lambda[i] } else { lambda[i] = 0 }
        }
        return total
    }

    /// One pass of exact coordinate descent over the items' multipliers.
    mutating func coordinatePass() {
        for i in 0..<c.itemCount where !itemOptions[i].isEmpty {
            var first = 0.0, second = 0.0
            var lastHousehold: Int32 = -1
            var any = false
            for o in itemOptions[i] where alive[Int(o)] {
                let h = c.owner[Int(o)]
                if h == lastHousehold { continue }
                lastHousehold = h
                any = true
                // The household's best option with the item (price of the item added back)
                // against its best without it (or nothing).
                var with = -Double.infinity, without = 0.0
                for p in c.householdOptions[Int(h)]..<c.householdOptions[Int(h) + 1] where alive[p] {
                    var r = c.weight[p], contains = false
                    for e in c.itemStart[p]..<c.itemStart[p + 1] {
                        let j = Int(c.items[e])
                        if j == i { contains = true } else { r -= lambda[j] }
                    }
                    if contains { with = max(with, r) } else { without = max(without, r - 0) }
                }
                let gain = with - without
                if gain > first { second = first; first = gain } else if gain > second { second = gain }
            }
            if any { lambda[i] = max(0, second) }
        }
    }

    /// The value of the relaxed choice when it is a packing (no item twice), else nil.
    func relaxedPackingValue() -> Double? {
        var value = 0.0
        for i in 0..<c.itemCount where cover[i] > 1 { return nil }
        for h in 0..<c.households.count where chosen[h] >= 0 { value += c.weight[Int(chosen[h])] }
        return value
    }

    // MARK: packings

    /// A packing from the relaxed choice (if given), repaired greedily, then every household
    /// left takes its heaviest option still free; keeps it when it beats the best so far.
    mutating func heuristic(preferred: [Int32]?) {
        var order: [Int] = []
        if let preferred {
            order = (0..<c.households.count).filter { preferred[$0] >= 0 }
                .sorted { (c.weight[Int(preferred[$0])], $1) > (c.weight[Int(preferred[$1])], $0) }
                .map { Int(preferred[$0]) }
        }
        heuristic(order: order)
    }

    /// A packing taking the options of `order` in turn where they fit, then every household
    /// left takes its heaviest allowed option still free; keeps it when it beats the best so far.
    mutating func heuristic(order: [Int]) {
        var taken = [Bool](repeating: false, count: c.itemCount)
        var pick = fixed
        var value = fixedValue
        for h in 0..<c.households.count where fixed[h] >= 0 {
            let o = Int(fixed[h])
            for e in c.itemStart[o]..<c.itemStart[o + 1] { taken[Int(c.items[e])] = true }
        }
        func fits(_ o: Int) -> Bool {
            guard pick[Int(c.owner[o])] < 0 else { return false }
            for e in c.itemStart[o]..<c.itemStart[o + 1] where taken[Int(c.items[e])] { return false }
            return true
        }
        func take(_ o: Int) {
            for e in c.itemStart[o]..<c.itemStart[o + 1] { taken[Int(c.items[e])] = true }
            pick[Int(c.owner[o])] = Int32(o)
            value += c.weight[o]
        }
        for o in order where alive[o] && fits(o) { take(o) }
        // Households left, heaviest available option first.
        for o in byWeight where alive[Int(o)] && fits(Int(o)) { take(Int(o)) }
        if value > incumbentValue {
            incumbentValue = value
            incumbent = pick
        }
    }

    // MARK: the search

    mutating func node(depth: Int, inherited: Double) {
        nodes += 1
        if timeUp {
            stopped = true
            openBound = max(openBound, inherited)
            return
        }
        if relaxationNode(depth: depth, inherited: inherited) { return }
        var bound = inherited
        let saved = lambda
        var bestLambda = lambda
        var bestL = Double.infinity
        let iterations = depth == 0 ? 3000 : 200
        var theta = depth == 0 ? 1.0 : 0.1, sinceImproved = 0
        var branchChoice: [Int32] = []
        var branchCover: [Int32] = []
        var branchReduced: [Double] = []
        let heuristicEvery = c.optionCount <= 20_000 ? 10 : 100
        for iteration in 0..<iterations {
            if work >= workBudget { break }
            if iteration < 3 && c.optionCount <= 20_000 { coordinatePass() }
            let l = relax()
            if l < bestL - 1e-9 {
                bestL = l; bestLambda = lambda; sinceImproved = 0
                branchChoice = chosen; branchCover = cover; branchReduced = reduced
            } else {
                sinceImproved += 1
                if sinceImproved % 30 == 0 { theta *= 0.5 }
            }
            bound = min(bound, fixedValue + l)
            if bound < incumbentValue + 0.5 { lambda = saved; return }
            if let value = relaxedPackingValue(), fixedValue + value > l + fixedValue - 0.5 {
                // The relaxed choice is a packing worth the bound: optimal at this node.
                if fixedValue + value > incumbentValue {
                    incumbentValue = fixedValue + value
                    var pick = fixed
                    for h in 0..<c.households.count where chosen[h] >= 0 { pick[h] = chosen[h] }
                    incumbent = pick
                }
                lambda = saved
                return
            }
            if iteration % heuristicEvery == 0 { heuristic(preferred: chosen) }
            if bound < incumbentValue + 0.5 { lambda = saved; return }
            if theta < 1e-6 { break }
            // Projected subgradient step towards the best packing found.
            var norm = 0.0
            for i in 0..<c.itemCount {
                let g = 1 - Double(cover[i])
                if g > 0 && lambda[i] <= 0 { continue }
                norm += g * g
            }
            guard norm > 0 else { break }
            let step = theta * (l - (incumbentValue - fixedValue)) / norm
            for i in 0..<c.itemCount {
                let g = 1 - Double(cover[i])
                lambda[i] = max(0, lambda[i] - step * g)
            }
        }
        lambda = bestLambda
        heuristic(preferred: branchChoice)
        if depth < 3, PackingSearch.trace { print("node depth \(depth) items \(c.itemCount) options \(c.optionCount) fixed \(fixedValue) bestL \(bestL) bound \(bound) incumbent \(incumbentValue) gap \(bound - incumbentValue)") }
        if bound < incumbentValue + 0.5 { lambda = saved; return }

        // Branch on one option of the relaxed choice at the best multipliers.
        guard let o = branchingOption(branchChoice, branchCover, branchReduced) else {
            lambda = saved
            return
        }
        if timeUp {
            stopped = true
            openBound = max(openBound, bound)
            lambda = saved
            return
        }
        takeOrForbid(o, depth: depth, bound: bound)
        lambda = saved
    }

    /// Branches on option `o`: the search below with `o` taken (its household closed, every
    /// option sharing one of its units removed), then below with `o` forbidden, unless time ran
    /// out first with the node still open (its bound is then recorded as open).
    mutating func takeOrForbid(_ o: Int, depth: Int, bound: Double) {
        let mark = trail.count
        let h = Int(c.owner[o])
        fixed[h] = Int32(o)
        fixedValue += c.weight[o]
        for p in c.householdOptions[h]..<c.householdOptions[h + 1] where alive[p] { kill(p) }
        for e in c.itemStart[o]..<c.itemStart[o + 1] {
            for p in itemOptions[Int(c.items[e])] where alive[Int(p)] { kill(Int(p)) }
        }
        node(depth: depth + 1, inherited: bound)
        undo(to: mark)
        fixed[h] = -1
        fixedValue -= c.weight[o]
        if timeUp && bound >= incumbentValue + 0.5 {
            stopped = true
            openBound = max(openBound, bound)
            return
        }
        kill(o)
        node(depth: depth + 1, inherited: bound)
        undo(to: mark)
    }

    /// The node solved with the LP bound (`PackingRelaxation`): pruned, or a packing from the
    /// LP solution and two branches on a household-item pair whose LP share is fractional
    /// (the household takes the item, or it does not; Ryan and Foster's rule on the
    /// configuration model). False when the LP stopped at its limit or its solution is
    /// integral without closing the node (then the Lagrangian node decides).
    mutating func relaxationNode(depth: Int, inherited: Double) -> Bool {
        let rowLimit = deadline != nil && largeLP ? PackingRelaxation.timedRowLimit : PackingRelaxation.untimedRowLimit
        guard c.itemCount < rowLimit, !lpTooLarge else { return false }
        var relaxation = PackingRelaxation(c)
        relaxation.deadline = deadline
        relaxation.rowLimit = rowLimit
        relaxation.workLeft = workBudget - work
        var seedList = seeds
        for o in incumbent where o >= 0 && alive[Int(o)] { seedList.append(Int(o)) }
        let result = relaxation.solve(alive: alive, seeds: seedList, threshold: incumbentValue - fixedValue + 0.5)
        work += relaxation.work
        if relaxation.lp.rowCount > rowLimit { lpTooLarge = true }
        guard let result else { return false }
        guard let local = result.bound else { return true }
        let bound = min(inherited, fixedValue + local)
        if bound < incumbentValue + 0.5 { return true }
        if relaxation.outOfBudget {
            // Out of time or work within the relaxation: the node stays open with its bound.
            heuristic(order: result.support.map(\.option))
            stopped = true
            openBound = max(openBound, bound)
            return true
        }
        let order = result.support.sorted { ($0.value, c.weight[$0.option], $1.option) > ($1.value, c.weight[$1.option], $0.option) }.map(\.option)
        heuristic(order: order)
        if depth == 0 && c.optionCount >= PackingSearch.masterSearchFrom { searchMaster(relaxation.masterOptions) }
        if PackingSearch.trace, depth < 3 { print("lp node depth \(depth) items \(c.itemCount) options \(c.optionCount) bound \(bound) incumbent \(incumbentValue) rows \(relaxation.lp.rowCount) columns \(relaxation.lp.variableCount) pivots \(relaxation.lp.pivots) targets \(relaxation.targets) incumbent levels \(c.levelValues.map { v in incumbent.reduce(0.0) { $1 >= 0 ? $0 + v[Int($1)] : $0 } }) fractional \(result.support.filter { $0.value < 0.999 }.count) of \(result.support.count)") }
        if bound < incumbentValue + 0.5 { return true }
        // Reduced-cost fixing for this node's subtree (undone with the branch).
        let fixable = relaxation.fixable(alive: alive, threshold: incumbentValue - fixedValue + 0.5)
        work += c.items.count
        for o in fixable { kill(o) }
        if PackingSearch.trace, depth < 3 { print("  fixed \(fixable.count) options by reduced cost") }
        if depth == 0 && fixable.count * 4 > c.optionCount {
            searchRestricted(bound: bound, seeds: relaxation.masterOptions)
            return true
        }
        var branchOption = -1
        if result.fractionalPair == nil {
            // No pair serves: branch on the most fractional option (take it, or forbid it).
            var nearest = 0.5 - 1e-6
            for (o, x) in result.support where abs(x - 0.5) < nearest && fixed[Int(c.owner[o])] < 0 { nearest = abs(x - 0.5); branchOption = o }
            if branchOption < 0 { return false }
        }
        if timeUp {
            stopped = true
            openBound = max(openBound, bound)
            return true
        }
        let parentSeeds = seeds
        seeds = relaxation.masterOptions
        defer { seeds = parentSeeds }
        let mark = trail.count
        if let (h, i) = result.fractionalPair {
            func contains(_ p: Int) -> Bool { c.items[c.itemStart[p]..<c.itemStart[p + 1]].contains(Int32(i)) }
            // The household takes the item.
            for p in c.householdOptions[h]..<c.householdOptions[h + 1] where alive[p] && !contains(p) { kill(p) }
            for p in itemOptions[i] where alive[Int(p)] && Int(c.owner[Int(p)]) != h { kill(Int(p)) }
            node(depth: depth + 1, inherited: bound)
            undo(to: mark)
            if timeUp && bound >= incumbentValue + 0.5 {
                stopped = true
                openBound = max(openBound, bound)
                return true
            }
            // It does not.
            for p in itemOptions[i] where alive[Int(p)] && Int(c.owner[Int(p)]) == h { kill(Int(p)) }
            node(depth: depth + 1, inherited: bound)
            undo(to: mark)
            return true
        }
        takeOrForbid(branchOption, depth: depth, bound: bound)
        return true
    }

    /// The rest of the search over the options left alive at the root (most are fixed out by
    /// their reduced costs), as a smaller component: the same search, cheaper pricing.
    mutating func searchRestricted(bound: Double, seeds rootSeeds: [Int]) {
        let (sub, source) = c.restricted(to: alive)
        var index = [Int](repeating: -1, count: c.optionCount)
        for (k, o) in source.enumerated() { index[o] = k }
        var search = PackingSearch(sub, deadline: deadline, nodeLimit: nodeLimit,
                                   byWeight: byWeight.compactMap { index[Int($0)] >= 0 ? Int32(index[Int($0)]) : nil })
        search.largeLP = largeLP
        search.work = work
        search.nodes = nodes
        // Only a better packing than the best so far is sought there (the best so far may use
        // options fixed out because nothing better can use them).
        search.incumbentValue = incumbentValue
        search.seeds = rootSeeds.compactMap { index[$0] >= 0 ? index[$0] : nil }
        search.node(depth: 0, inherited: bound)
        if search.incumbentValue > incumbentValue {
            incumbentValue = search.incumbentValue
            incumbent = search.incumbent.map { $0 >= 0 ? Int32(source[Int($0)]) : -1 }
        }
        work = search.work
        nodes = search.nodes
        stopped = search.stopped
        openBound = max(openBound, search.openBound)
    }

    /// A better packing, if any, among the options of the root's LP master (a price-and-branch
    /// heuristic: the columns the LP needed usually hold an optimal packing or one close to
    /// it), searched exactly within a small budget. The better the best packing, the more
    /// options reduced-cost fixing removes.
    mutating func searchMaster(_ options: [Int]) {
        var keep = [Bool](repeating: false, count: c.optionCount)
        for o in options where alive[o] { keep[o] = true }
        for o in incumbent where o >= 0 && alive[Int(o)] { keep[Int(o)] = true }
        let (sub, source) = c.restricted(to: keep)
        var search = PackingSearch(sub, deadline: deadline, nodeLimit: PackingSearch.masterNodeLimit)
        search.largeLP = largeLP
        search.workBudget = PackingSearch.masterWorkLimit
        search.incumbentValue = incumbentValue
        search.seeds = Array(0..<sub.optionCount)
        search.node(depth: 0, inherited: search.trivialBound())
        work += search.work
        if PackingSearch.trace { print("master search: \(sub.optionCount) options, \(search.nodes) nodes, work \(search.work), best \(search.incumbentValue) (was \(incumbentValue))") }
        if search.incumbentValue > incumbentValue {
            incumbentValue = search.incumbentValue
            incumbent = search.incumbent.map { $0 >= 0 ? Int32(source[Int($0)]) : -1 }
        }
    }

    mutating func kill(_ o: Int) {
        alive[o] = false
        trail.append(Int32(o))
    }

    mutating func undo(to mark: Int) {
        while trail.count > mark { alive[Int(trail.removeLast())] = true }
    }

    /// An option to branch on: of an item chosen twice, the option gaining most; else of the
    /// priciest item nobody took, its best allowed option; else any allowed option.
    func branchingOption(_ choice: [Int32], _ cover: [Int32], _ reduced: [Double]) -> Int? {
        guard !choice.isEmpty else { return nil }
        var best = -1, bestGain = -Double.infinity
        for h in 0..<c.households.count where choice[h] >= 0 {
            let o = Int(choice[h])
            guard alive[o] else { continue }
            var conflict = false
            for e in c.itemStart[o]..<c.itemStart[o + 1] where cover[Int(c.items[e])] > 1 { conflict = true }
            if conflict && reduced[o] > bestGain { bestGain = reduced[o]; best = o }
        }
        if best >= 0 { return best }
        var item = -1, price = 0.0
        for i in 0..<c.itemCount where cover[i] == 0 && lambda[i] > price {
            if itemOptions[i].contains(where: { alive[Int($0)] }) { item = i; price = lambda[i] }
        }
        if item >= 0 {
            for p in itemOptions[item] where alive[Int(p)] && reduced[Int(p)] > bestGain { bestGain = reduced[Int(p)]; best = Int(p) }
            return best
        }
        for o in 0..<c.optionCount where alive[o] { return o }
        return nil
    }
}
