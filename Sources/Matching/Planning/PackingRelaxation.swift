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
/// *Levels (lexicographic).* Options may carry whole-number level values `v_k(o)` (children
/// placed, minus split parts) with `w_o = sum_k A_k v_k(o) + r_o` (each `A_k` larger than any
/// difference the later levels make). One LP with the weights `w_o` would mix numbers 10^10
/// apart; instead one LP per level is solved: LP_k maximises level k (the last: `r`) with the
/// extra rows `sum_o v_j(o) x_o >= T_j` for the earlier levels, `T_j = floor(L_j)` the proven
/// bound of level j, each LP warm-started from the previous basis (which satisfies the new
/// row). The Lagrangian bound of LP_k uses the rows' duals `mu_j` too:
/// `sum lambda_i - sum_j mu_j T_j + sum_h max(0, max_o (obj_k(o) + sum_j mu_j v_j(o) - lambda(o)))`.
/// A packing meeting every target has `r <= L_K`; one that first falls short at level j
/// is worth at most `sum_{i<j} A_i T_i + A_j (T_j - 1) + R_j`, `R_j` the sum over households of
/// their largest positive weight of the levels after j. The bound is the largest of these. Why two LPs rather than one with a safe weight: no weight is safe in floating point
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
    /// The current phase (level) and the rows holding the earlier levels at their targets.
    var phase = 0
    var levelRows: [Int] = []
    var targets: [Double] = []
    /// The last phase's optimal duals, each household's best reduced weight and the bound.
    var final: (lambda: [Double], mu: [Double], gains: [Double], bound: Double)?
    /// How the node's bound is made from the last phase's Lagrangian bound `L`:
    /// `max(base + floor(L + tolerance), fallback)`.
    var boundForm = (base: 0.0, fallback: -Double.infinity, tolerance: 0.0)
    /// Option entries scanned and pivots made (the search's work budget).
    var work = 0
    /// The search's deadline (uptime nanoseconds) and the work it has left: past either, the
    /// relaxation stops with the bound of what it has solved so far (`outOfBudget`).
    var deadline: UInt64?
    var workLeft = Int.max
    var outOfBudget = false
    var budgetSpent: Bool { work >= workLeft || (deadline.map { DispatchTime.now().uptimeNanoseconds >= $0 } ?? false) }

    func boundOf(_ l: Double) -> Double {
        max(boundForm.base + (l + boundForm.tolerance).rounded(.down), boundForm.fallback)
    }

    /// What a node learns from its relaxation.
    struct Result {
        /// An upper bound on every packing of the allowed options (whole number), or nil when
        /// the relaxation stopped early because its bound fell below the threshold.
        var bound: Double?
        /// Options in the LP solution with their values (> 0).
        var support: [(option: Int, value: Double)]
        /// A household-item pair whose LP share is fractional, for branching.
        var fractionalPair: (household: Int, item: Int)?
    }

    static let pivotLimit = 400_000
    /// The master's largest size (rows, set by the search): `timedRowLimit` when the search has a deadline (the
    /// basis inverse in product form above `RevisedSimplex.denseRowLimit`), else
    /// `untimedRowLimit`, the dense inverse's: larger masters take far longer than the
    /// deterministic work budget (the national test's giant component, 11,500 rows, takes about
    /// 17,000 pivots and 14 s for its first level alone), where the Lagrangian bound keeps to
    /// it. Larger components fall back to the Lagrangian bound.
    static let timedRowLimit = 60_000
    static let untimedRowLimit = 4_000
    var rowLimit = PackingRelaxation.untimedRowLimit

    /// The options in the master (the next node's first columns).
    var masterOptions: [Int] { optionOfVariable.filter { $0 >= 0 } }

    init(_ component: PackingComponent) {
        c = component
        itemRow = Array(repeating: -1, count: component.itemCount)
        householdRow = Array(repeating: -1, count: component.households.count)
        householdColumns = Array(repeating: [], count: component.households.count)
        inMaster = Array(repeating: false, count: component.optionCount)
    }

    var levelCount: Int { c.levelScales.count }

    /// The option's weight after its levels (the last level's objective).
    func rest(_ o: Int) -> Double {
        var r = c.weight[o]
        for k in 0..<levelCount { r -= c.levelScales[k] * c.levelValues[k][o] }
        return r
    }

    /// The option's objective in the current phase.
    func objective(_ o: Int) -> Double {
        phase < levelCount ? c.levelValues[phase][o] : rest(o)
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
        for (k, row) in levelRows.enumerated() where c.levelValues[k][o] != 0 { rows.append(row); values.append(-c.levelValues[k][o]) }
        let v = lp.addColumn(rows: rows, values: values, cost: objective(o))
        householdColumns[h].append(v)
        while optionOfVariable.count < v { optionOfVariable.append(-1) }
        optionOfVariable.append(o)
    }

    /// Column generation to the LP optimum of the current phase; returns the best Lagrangian
    /// bound seen (valid), or nil if the simplex stopped at its limit. Stops early once
    /// `stopBelow(bound)` is true, and when its time or work runs out (`outOfBudget`, with the
    /// best bound seen if any).
    mutating func generate(alive: [Bool], stopBelow: (Double) -> Bool) -> Double? {
        var best = Double.infinity
        var lambda = [Double](repeating: 0, count: c.itemCount)
        while true {
            guard lp.rowCount <= rowLimit else { return nil }
            let before = lp.pivots
            let pivotsLeft = workLeft == .max ? Int.max : max(1, (workLeft - work) * 16 / max(1, lp.rowCount))
            guard lp.solve(maxPivots: min(PackingRelaxation.pivotLimit, pivotsLeft), deadline: deadline) == .optimal else {
                work += (lp.pivots - before) * max(1, lp.rowCount) / 16
                outOfBudget = budgetSpent
                return outOfBudget && best.isFinite ? best : nil
            }
            work += (lp.pivots - before) * max(1, lp.rowCount) / 16
            for i in 0..<c.itemCount { lambda[i] = itemRow[i] >= 0 ? max(0, lp.rowDual(itemRow[i])) : 0 }
            let mu = levelRows.map { max(0, lp.rowDual($0)) }
            var bound = lambda.reduce(0, +)
            for (k, m) in mu.enumerated() { bound -= m * targets[k] }
            // Pricing, households in parallel chunks (each household's answer is its own, and
            // the sum is taken in household order, so the result does not depend on threads).
            let hCount = c.households.count
            var gains = [Double](repeating: 0, count: hCount)
            var picks = [Int](repeating: -1, count: hCount)
            var prices = [Double](repeating: 0, count: hCount)
            var householdDual = [Double](repeating: 0, count: hCount)
            for h in 0..<hCount where householdRow[h] >= 0 { householdDual[h] = max(0, lp.rowDual(householdRow[h])) }
            // A meeting's few thousand options are priced on this thread (`ChunkedWork`).
            let chunks = hCount >= 256 ? ChunkedWork.chunks(16, items: c.items.count) : 1
            let this = self, duals = householdDual, prices0 = lambda
            gains.withUnsafeMutableBufferPointer { gainsOut in
                picks.withUnsafeMutableBufferPointer { picksOut in
                    prices.withUnsafeMutableBufferPointer { pricesOut in
                        let g = UnsafeSendablePointer(gainsOut.baseAddress!), p = UnsafeSendablePointer(picksOut.baseAddress!)
                        let q = UnsafeSendablePointer(pricesOut.baseAddress!)
                        ChunkedWork.run(chunks, inline: false) { chunk in
                            for h in (chunk * hCount / chunks)..<((chunk + 1) * hCount / chunks) {
                                let u = duals[h]
                                var bestGain = 0.0, bestPrice = 1e-7 * max(1, abs(u)), pick = -1
                                for o in this.c.householdOptions[h]..<this.c.householdOptions[h + 1] where alive[o] {
                                    var r = this.reducedWeight(o, prices0, mu)
                                    if r > bestGain { bestGain = r }
                                    r -= u
                                    if !this.inMaster[o] && r > bestPrice { bestPrice = r; pick = o }
                                }
                                g.base[h] = bestGain; p.base[h] = pick; q.base[h] = bestPrice
                            }
                        }
                    }
                }
            }
            var entering: [Int] = []
            for h in 0..<hCount {
                bound += gains[h]
                if picks[h] >= 0 { entering.append(picks[h]) }
            }
            work += c.items.count
            best = min(best, bound)
            if entering.isEmpty { final = (lambda, mu, gains, bound) }
            if PackingSearch.trace && c.itemCount > 4_000 {
                print("  pricing phase \(phase): rows \(lp.rowCount) columns \(lp.variableCount) pivots \(lp.pivots) etas \(lp.productForm?.entryCount ?? -1) bound \(bound) entering \(entering.count) at \(Double(DispatchTime.now().uptimeNanoseconds % 1_000_000_000_000) / 1e9)")
            }
            if !entering.isEmpty && budgetSpent {
                outOfBudget = true
                return best
            }
            if stopBelow(best) || entering.isEmpty { return best }
            for o in entering { addColumn(o) }
        }
    }

    /// The option's objective in the current phase plus the earlier levels at their duals,
    /// minus its items' prices.
    func reducedWeight(_ o: Int, _ lambda: [Double], _ mu: [Double]) -> Double {
        var r = objective(o)
        for (k, m) in mu.enumerated() where m != 0 { r += m * c.levelValues[k][o] }
        for e in c.itemStart[o]..<c.itemStart[o + 1] { r -= lambda[Int(c.items[e])] }
        return r
    }

    /// Options that no packing beating the threshold can use (reduced-cost fixing, Nemhauser
    /// and Wolsey 1988, II.2.5): forcing option `o` lowers its household's term of the final
    /// Lagrangian bound from its best reduced weight to `o`'s, so when that bound falls below
    /// the threshold, `o` is in no better packing of this node's options.
    func fixable(alive: [Bool], threshold: Double) -> [Int] {
        guard let final else { return [] }
        var result: [Int] = []
        for h in 0..<c.households.count {
            let others = final.bound - final.gains[h]
            for o in c.householdOptions[h]..<c.householdOptions[h + 1] where alive[o] {
                if boundOf(others + reducedWeight(o, final.lambda, final.mu)) < threshold { result.append(o) }
            }
        }
        return result
    }

    /// Solves the relaxation over the allowed options, starting from the `seeds` columns.
    /// `threshold`: the bound below which the node is pruned (the relaxation may stop as soon
    /// as it proves that).
    mutating func solve(alive: [Bool], seeds: [Int], threshold: Double) -> Result? {
        let pruned = Result(bound: nil, support: [], fractionalPair: nil)
        for o in seeds where alive[o] { addColumn(o) }
        // most[j]: a bound on the weight of the levels after j (the last level alone for
        // j = K - 1) in any packing, for packings short at level j: the smaller of the sum over
        // households of their largest positive such weight and the sum over items of the
        // largest positive such weight per item of an option holding it (each item is used
        // once, each option's weight is its items' shares).
        let levels = levelCount
        var most = [Double](repeating: 0, count: levels)
        if levels > 0 {
            var perItem = [[Double]](repeating: [Double](repeating: 0, count: c.itemCount), count: levels)
            for h in 0..<c.households.count {
                var best = [Double](repeating: 0, count: levels)
                for o in c.householdOptions[h]..<c.householdOptions[h + 1] where alive[o] {
                    var tail = rest(o)
                    let size = Double(c.itemStart[o + 1] - c.itemStart[o])
                    for j in stride(from: levels - 1, through: 0, by: -1) {
                        best[j] = max(best[j], tail)
                        if tail > 0 {
                            for e in c.itemStart[o]..<c.itemStart[o + 1] { perItem[j][Int(c.items[e])] = max(perItem[j][Int(c.items[e])], tail / size) }
                        }
                        tail += c.levelScales[j] * c.levelValues[j][o]
                    }
                }
                for j in 0..<levels { most[j] += best[j] }
            }
            // The per-item sum, rounded up a little against the division's rounding.
            for j in 0..<levels { most[j] = min(most[j], perItem[j].reduce(0, +) * (1 + 1e-12) + 1e-6) }
        }
        var base = 0.0, fallback = -Double.infinity
        for k in 0..<levels {
            phase = k
            if k > 0 {
                // Hold the previous level at its target; the basis satisfies it.
                var structural: [Int] = [], values: [Double] = []
                for (v, o) in optionOfVariable.enumerated() where o >= 0 && c.levelValues[k - 1][o] != 0 {
                    structural.append(v); values.append(-c.levelValues[k - 1][o])
                }
                levelRows.append(lp.addRow(variables: structural, values: values, rhs: -targets[k - 1]))
                for (v, o) in optionOfVariable.enumerated() where o >= 0 { lp.setCost(v, objective(o)) }
            }
            let scale = c.levelScales[k], tail = most[k], baseHere = base, fallbackHere = fallback
            func estimate(_ l: Double) -> Double { max(baseHere + scale * (l + 1e-6).rounded(.down) + tail, fallbackHere) }
            guard let l = generate(alive: alive, stopBelow: { estimate($0) < threshold }) else {
                // Out of time with no bound for this level: the levels solved so far bound it.
                guard outOfBudget && k > 0 else { return nil }
                return Result(bound: max(base + most[k - 1], fallback).rounded(.down), support: [], fractionalPair: nil)
            }
            let target = (l + 1e-6).rounded(.down)
            targets.append(target)
            fallback = max(fallback, base + scale * (target - 1) + tail)
            base += scale * target
            if max(base + tail, fallback) < threshold { return pruned }
            if outOfBudget { return Result(bound: max(base + tail, fallback).rounded(.down), support: [], fractionalPair: nil) }
        }
        phase = levels
        if levels > 0 {
            var structural: [Int] = [], values: [Double] = []
            for (v, o) in optionOfVariable.enumerated() where o >= 0 && c.levelValues[levels - 1][o] != 0 {
                structural.append(v); values.append(-c.levelValues[levels - 1][o])
            }
            levelRows.append(lp.addRow(variables: structural, values: values, rhs: -targets[levels - 1]))
            for (v, o) in optionOfVariable.enumerated() where o >= 0 { lp.setCost(v, objective(o)) }
        }
        let tolerance = levels > 0 ? 1e-3 : 1e-6 + 1e-12 * c.weight.reduce(0) { max($0, abs($1)) } * Double(c.itemCount)
        boundForm = (base, fallback, tolerance)
        let form = boundForm
        guard let l = generate(alive: alive, stopBelow: { max(form.base + ($0 + form.tolerance).rounded(.down), form.fallback) < threshold }) else {
            guard outOfBudget && levels > 0 else { return nil }
            return Result(bound: max(base + most[levels - 1], fallback).rounded(.down), support: [], fractionalPair: nil)
        }
        let bound = boundOf(l)
        if bound < threshold { return pruned }
        if outOfBudget { return Result(bound: bound, support: [], fractionalPair: nil) }
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
