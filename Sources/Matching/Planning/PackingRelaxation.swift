import Dispatch

/// The LP relaxation of a packing component's configuration model, solved exactly by column
/// generation over the options still allowed at a branch-and-bound node.
///
/// ## Design note
/// The configuration LP (the master problem of branch-and-price: Barnhart, Johnson, Nemhauser,
/// Savelsbergh and Vance 1998, "Branch-and-price: column generation for solving huge integer
/// programs"; Desrosiers and Lübbecke 2005, "A primer in column generation") is
/// `max sum_o w_o x_o` subject to `sum_{o of h} x_o <= 1` for each household,
/// `sum_{o containing i} x_o <= 1` for each item, `x >= 0`. A restricted master holds a few
/// options (columns) and is solved by `RevisedSimplex`; pricing scans every allowed option of
/// every household at the master's duals (`lambda_i` of the items, `u_h` of the households) and
/// adds each household's option of largest positive reduced cost `w_o - lambda(o) - u_h`.
/// Rows are added lazily: an item's row with its first column, a household's row with its
/// second (one column alone is bounded by its items' rows).
///
/// *A bound that does not trust the simplex.* At every pricing round the duals give the
/// Lagrangian bound `sum_i lambda_i + sum_h max(0, max_o (w_o - lambda(o)))` (the LP dual with
/// the best `u_h` for these `lambda`), which holds for any `lambda >= 0`; it is computed over
/// every allowed option, so rounding inside the simplex can only weaken it, never make it
/// wrong. When pricing finds no column it equals the LP optimum.
///
/// *Two levels (lexicographic).* Options may carry a first-level weight `p_o` (children
/// placed) with `w_o = A p_o + s_o` (A larger than any difference the second level makes). One
/// LP with the weights `w_o` would mix numbers 10^10 apart; instead two LPs are solved: LP1
/// maximises `sum p_o x_o` (bound `z1`, so no packing places more than `C = floor(z1)`); LP2
/// maximises `sum s_o x_o` with the extra row `sum p_o x_o >= C`, warm-started from LP1's basis
/// (which satisfies it), its Lagrangian bound `L2` using the row's dual `mu` too:
/// `sum lambda_i - mu C + sum_h max(0, max_o (s_o + mu p_o - lambda(o)))`. A packing with
/// first level `C` has `s <= L2`; one with less has `A p + s <= A (C - 1) + S`, `S` the sum over
/// households of their largest positive `s_o`. So `max(A C + L2, A (C - 1) + S)` bounds every
/// packing. Why two LPs rather than one with a safe weight: no weight is safe in floating point
/// at these magnitudes (the second level's differences are below the rounding of the first),
/// and the two bounds are each tight in their own units.
/// - Complexity: per pricing round O(option entries allowed); the master as `RevisedSimplex`.
struct PackingRelaxation {
    let c: PackingComponent
    var lp = RevisedSimplex()
    var itemRow: [Int]
    var householdRow: [Int]
    /// Master variables of each household.
    var householdColumns: [[Int]]
    /// The option of each master variable (-1 for slacks) and whether an option is in the master.
    var optionOfVariable: [Int] = []
    var inMaster: [Bool]
    var cardinalityRow = -1
    var firstLevel = 0.0
    /// The last phase's optimal duals, each household's best reduced weight and the bound.
    var final: (lambda: [Double], mu: Double, gains: [Double], bound: Double)?
    /// How the node's bound is made from the last phase's Lagrangian bound `L`:
    /// `max(scale x first + floor(L + tolerance), fallback)`.
    var boundForm = (scale: 0.0, first: 0.0, fallback: -Double.infinity, tolerance: 0.0)

    func boundOf(_ l: Double) -> Double {
        max(boundForm.scale * boundForm.first + (l + boundForm.tolerance).rounded(.down), boundForm.fallback)
    }
    /// Option entries scanned and pivots made (the search's work budget).
    var work = 0

    /// What a node learns from its relaxation.
    struct Result {
        /// An upper bound on every packing of the allowed options (whole number), or nil when
        /// the relaxation stopped early because its bound fell below the threshold.
        var bound: Double?
        /// Options in the LP solution with their values (> 0).
        var support: [(option: Int, value: Double)]
        /// Household-item sums of the LP solution, for branching: the most fractional pair.
        var fractionalPair: (household: Int, item: Int)?
    }

    static let pivotLimit = 400_000

    /// The options in the master (the next node's first columns).
    var masterOptions: [Int] { optionOfVariable.filter { $0 >= 0 } }

    init(_ component: PackingComponent) {
        c = component
        itemRow = Array(repeating: -1, count: component.itemCount)
        householdRow = Array(repeating: -1, count: component.households.count)
        householdColumns = Array(repeating: [], count: component.households.count)
        inMaster = Array(repeating: false, count: component.optionCount)
    }

    /// The option's objective in the current phase.
    func objective(_ o: Int) -> Double {
        guard let scale = c.scale else { return c.weight[o] }
        return cardinalityRow < 0 ? c.primary[o] : c.weight[o] - scale * c.primary[o]
    }

    mutating func addColumn(_ o: Int) {
        guard !inMaster[o] else { return }
        inMaster[o] = true
        let h = Int(c.owner[o])
        var rows: [Int] = [], values: [Double] = []
        for e in c.itemStart[o]..<c.itemStart[o + 1] {
            let i = Int(c.items[e])
            if itemRow[i] < 0 { itemRow[i] = lp.addRow(variables: [], values: [], rhs: 1) }
            rows.append(itemRow[i]); values.append(1)
        }
        if householdRow[h] < 0 && !householdColumns[h].isEmpty {
            householdRow[h] = lp.addRow(variables: householdColumns[h], values: householdColumns[h].map { _ in 1 }, rhs: 1)
        }
        if householdRow[h] >= 0 { rows.append(householdRow[h]); values.append(1) }
        if cardinalityRow >= 0 { rows.append(cardinalityRow); values.append(-c.primary[o]) }
        let v = lp.addColumn(rows: rows, values: values, cost: objective(o))
        householdColumns[h].append(v)
        while optionOfVariable.count < v { optionOfVariable.append(-1) }
        optionOfVariable.append(o)
    }

    /// Column generation to the LP optimum of the current phase; returns the best Lagrangian
    /// bound seen (valid), or nil if the simplex stopped at its limit. Stops early once
    /// `stopBelow(bound)` is true.
    mutating func generate(alive: [Bool], stopBelow: (Double) -> Bool) -> Double? {
        var best = Double.infinity
        var lambda = [Double](repeating: 0, count: c.itemCount)
        while true {
            let before = lp.pivots
            guard lp.solve(maxPivots: PackingRelaxation.pivotLimit) == .optimal else { return nil }
            work += (lp.pivots - before) * max(1, lp.rowCount) / 16
            for i in 0..<c.itemCount { lambda[i] = itemRow[i] >= 0 ? max(0, lp.rowDual(itemRow[i])) : 0 }
            let mu = cardinalityRow >= 0 ? max(0, lp.rowDual(cardinalityRow)) : 0
            var bound = lambda.reduce(0, +) - mu * firstLevel
            // Pricing, households in parallel chunks (each household's answer is its own, and
            // the sum is taken in household order, so the result does not depend on threads).
            let hCount = c.households.count
            var gains = [Double](repeating: 0, count: hCount)
            var picks = [Int](repeating: -1, count: hCount)
            var prices = [Double](repeating: 0, count: hCount)
            var householdDual = [Double](repeating: 0, count: hCount)
            for h in 0..<hCount where householdRow[h] >= 0 { householdDual[h] = max(0, lp.rowDual(householdRow[h])) }
            let chunks = hCount >= 256 ? 16 : 1
            let this = self, duals = householdDual, prices0 = lambda
            gains.withUnsafeMutableBufferPointer { gainsOut in
                picks.withUnsafeMutableBufferPointer { picksOut in
                    prices.withUnsafeMutableBufferPointer { pricesOut in
                        let g = UnsafeSendablePointer(gainsOut.baseAddress!), p = UnsafeSendablePointer(picksOut.baseAddress!)
                        let q = UnsafeSendablePointer(pricesOut.baseAddress!)
                        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                            for h in (chunk * hCount / chunks)..<((chunk + 1) * hCount / chunks) {
                                let u = duals[h]
                                var bestGain = 0.0, bestPrice = 1e-7 * max(1, abs(u)), pick = -1
                                for o in this.c.householdOptions[h]..<this.c.householdOptions[h + 1] where alive[o] {
                                    var r = this.objective(o) + (mu == 0 ? 0 : mu * this.c.primary[o])
                                    for e in this.c.itemStart[o]..<this.c.itemStart[o + 1] { r -= prices0[Int(this.c.items[e])] }
                                    if r > bestGain { bestGain = r }
                                    if !this.inMaster[o] && r - u > bestPrice { bestPrice = r - u; pick = o }
                                }
                                g.base[h] = bestGain; p.base[h] = pick; q.base[h] = bestPrice
                            }
                        }
                    }
                }
            }
            var entering: [(price: Double, option: Int)] = []
            for h in 0..<hCount {
                bound += gains[h]
                if picks[h] >= 0 { entering.append((prices[h], picks[h])) }
            }
            work += c.items.count
            best = min(best, bound)
            if entering.isEmpty {
                final = (lambda, mu, gains, bound)
            }
            if stopBelow(best) || entering.isEmpty { return best }
            for (_, o) in entering { addColumn(o) }
        }
    }

    /// Options that no packing beating the threshold can use (reduced-cost fixing, Nemhauser
    /// and Wolsey 1988, II.2.5): forcing option `o` lowers its household's term of the final
    /// Lagrangian bound from its best reduced weight to `o`'s, so when that bound falls below
    /// the threshold, `o` is in no better packing of this node's options.
    func fixable(alive: [Bool], threshold: Double) -> [Int] {
        guard let final else { return [] }
        var result: [Int] = []
        for h in 0..<c.households.count {
            let slackBound = final.bound - final.gains[h]
            for o in c.householdOptions[h]..<c.householdOptions[h + 1] where alive[o] {
                var r = objective(o) + final.mu * c.primary[o]
                for e in c.itemStart[o]..<c.itemStart[o + 1] { r -= final.lambda[Int(c.items[e])] }
                if boundOf(slackBound + r) < threshold { result.append(o) }
            }
        }
        return result
    }

    /// Solves the relaxation over the allowed options, starting from the `seeds` columns.
    /// `threshold`: the bound below which the node is pruned (the relaxation may stop as soon
    /// as it proves that).
    mutating func solve(alive: [Bool], seeds: [Int], threshold: Double) -> Result? {
        for o in seeds where alive[o] { addColumn(o) }
        // The largest positive second-level weight per household (for the bound's second term).
        var secondMost = 0.0
        if let scale = c.scale {
            for h in 0..<c.households.count {
                var most = 0.0
                for o in c.householdOptions[h]..<c.householdOptions[h + 1] where alive[o] { most = max(most, c.weight[o] - scale * c.primary[o]) }
                secondMost += most
            }
        }
        let bound: Double
        if let scale = c.scale {
            guard let l1 = generate(alive: alive, stopBelow: { scale * ($0 + 1e-6).rounded(.down) + secondMost < threshold }) else { return nil }
            let first = (l1 + 1e-6).rounded(.down)
            if scale * first + secondMost < threshold { return Result(bound: nil, support: [], fractionalPair: nil) }
            // LP2: the second level with the first held at C.
            firstLevel = first
            var structural: [Int] = [], values: [Double] = []
            for (v, o) in optionOfVariable.enumerated() where o >= 0 { structural.append(v); values.append(-c.primary[o]) }
            cardinalityRow = lp.addRow(variables: structural, values: values, rhs: -first)
            for (v, o) in optionOfVariable.enumerated() where o >= 0 { lp.setCost(v, objective(o)) }
            let fallback = first > 0 ? scale * (first - 1) + secondMost : -Double.infinity
            let tolerance = 1e-3
            guard let l2 = generate(alive: alive, stopBelow: { max(scale * first + ($0 + tolerance).rounded(.down), fallback) < threshold }) else { return nil }
            bound = max(scale * first + (l2 + tolerance).rounded(.down), fallback)
            boundForm = (scale, first, fallback, tolerance)
        } else {
            let tolerance = 1e-6 + 1e-12 * c.weight.reduce(0) { max($0, abs($1)) } * Double(c.itemCount)
            guard let l = generate(alive: alive, stopBelow: { ($0 + tolerance).rounded(.down) < threshold }) else { return nil }
            bound = (l + tolerance).rounded(.down)
            boundForm = (0, 0, -Double.infinity, tolerance)
        }
        if bound < threshold { return Result(bound: nil, support: [], fractionalPair: nil) }
        var support: [(option: Int, value: Double)] = []
        for (v, o) in optionOfVariable.enumerated() where o >= 0 {
            let x = lp.value(v)
            if x > 1e-9 { support.append((o, x)) }
        }
        // The household-item pair whose LP share is nearest to 1/2, among those where "the
        // household takes the item" removes some of the LP solution (so both branches move it).
        var sums: [Int: Double] = [:]
        var householdTotal = [Double](repeating: 0, count: c.households.count)
        var itemCover = [Double](repeating: 0, count: c.itemCount)
        for (o, x) in support {
            let h = Int(c.owner[o])
            householdTotal[h] += x
            for e in c.itemStart[o]..<c.itemStart[o + 1] {
                sums[h * c.itemCount + Int(c.items[e]), default: 0] += x
                itemCover[Int(c.items[e])] += x
            }
        }
        var pair: (household: Int, item: Int)?
        var nearest = 0.5 - 1e-6
        for (key, y) in sums.sorted(by: { $0.key < $1.key }) where abs(y - 0.5) < nearest {
            let h = key / c.itemCount, i = key % c.itemCount
            guard householdTotal[h] - y > 1e-6 || itemCover[i] - y > 1e-6 else { continue }
            nearest = abs(y - 0.5)
            pair = (h, i)
        }
        return Result(bound: bound, support: support, fractionalPair: pair)
    }
}
