import Dispatch

/// A revised simplex for `maximise c·x subject to A x <= b, x >= 0`, started from a
/// feasible basis (the slack basis, so `b >= 0` for the rows given at the start), to which
/// columns and rows can be added between solves (column generation).
///
/// ## Design note
/// The primal simplex method (Dantzig 1951; Chvátal 1983, "Linear Programming", ch. 7-8) in
/// its revised form: the explicit basis inverse `B^-1` (dense, m x m) is kept and updated by one
/// elementary row operation per pivot, only on the rows where the entering column is non-zero;
/// the duals `y = c_B B^-1` are updated the same way. Entering column by the largest reduced
/// cost (Dantzig's rule); after `blandAfter` degenerate pivots in a row, Bland's rule (smallest
/// index entering, smallest index leaving among ties) until the objective moves again, so the
/// method cannot cycle (Bland 1977). The ratio test prefers the largest pivot element among
/// ties within a tolerance (Harris 1973). Every `refreshEvery` pivots the basic values and the
/// duals are recomputed from `B^-1` to stop drift.
///
/// Adding a column leaves the basis unchanged (the column is non-basic at 0). Adding a row
/// `a·x <= r` that the current basic solution satisfies makes its slack basic:
/// `B^-1` grows by one row, `-a_B B^-1`, and one unit column, so the basis stays feasible and
/// the next solve continues from it (a warm start).
///
/// Above `denseRowLimit` rows the inverse is kept in product form instead (`ProductFormInverse`:
/// one eta per pivot and per added row, rebuilt from the basis every `reinvertEvery` pivots),
/// so memory grows with the etas' non-zeros rather than rows^2; the pivoting rules are the same.
///
/// Used by `PackingRelaxation` for the configuration LP; the bound it reports is recomputed
/// from the duals over every configuration, so it does not depend on this solver's rounding.
/// - Complexity: dense, O(m x (rows where the entering column is non-zero) + non-zeros of the
///   columns) per pivot, memory O(m^2 + non-zeros); product form, O(m + entries of the etas +
///   non-zeros of the columns) per pivot.
package struct RevisedSimplex: Sendable {
    package enum Status: Sendable, Equatable { case optimal, unbounded, iterationLimit }

    /// Each variable's column: row indices and values.
    var columnRows: [[Int32]] = []
    var columnValues: [[Double]] = []
    var cost: [Double] = []
    var isSlack: [Bool] = []
    /// Per row: its right-hand side and its slack variable.
    var rhs: [Double] = []
    var slackOf: [Int] = []
    /// Per basis position: its variable and value; per variable: its basis position or -1.
    var basis: [Int] = []
    var basicValue: [Double] = []
    var positionOf: [Int] = []
    /// `inverse[k][r]`: row k of B^-1 (basis position k, constraint row r), while dense.
    var inverse: [[Double]] = []
    /// B^-1 in product form, once the rows outgrow `denseRowLimit` (then `inverse` is empty).
    var productForm: ProductFormInverse?
    /// Whether a rebuilt product form met a singular basis (the solve then gives up).
    var singular = false
    /// Etas in the product form when it was last rebuilt.
    var etasAtRebuild = 0
    /// The duals `c_B B^-1`, one per row.
    var dual: [Double] = []
    /// Pivots made over the solver's life (a measure of work).
    package private(set) var pivots = 0

    static let tolerance = 1e-9
    static let blandAfter = 50
    static let refreshEvery = 100
    /// Rows above which the inverse is held in product form (4,000 rows of dense inverse take
    /// 128 MB), and pivots after which the product form is rebuilt from the basis; settable
    /// (tests use small values to run the product form on small LPs).
    package var denseRowLimit = 4_000
    package var reinvertEvery = 200

    package init() {}

    package var rowCount: Int { rhs.count }
    package var variableCount: Int { cost.count }

    /// Adds a row `sum values[k] x_{variables[k]} <= rhs`; the current basic solution must
    /// satisfy it (its slack becomes basic at the difference, clamped at 0). Returns the row.
    @discardableResult
    package mutating func addRow(variables: [Int], values: [Double], rhs r: Double) -> Int {
        let row = rhs.count
        rhs.append(r)
        var activity = 0.0
        // The row's entries on basic variables, by basis position.
        var entries: [(position: Int, value: Double)] = []
        for (v, a) in zip(variables, values) where a != 0 {
            columnRows[v].append(Int32(row))
            columnValues[v].append(a)
            let k = positionOf[v]
            if k >= 0 {
                activity += a * basicValue[k]
                entries.append((k, a))
            }
        }
        if productForm != nil {
            productForm!.appendRowEta(at: row, entries: entries)
        } else {
            var newInverseRow = [Double](repeating: 0, count: row + 1)
            for (k, a) in entries {
                let source = inverse[k]
                for q in 0..<row where source[q] != 0 { newInverseRow[q] -= a * source[q] }
            }
            newInverseRow[row] = 1
            for k in inverse.indices { inverse[k].append(0) }
            inverse.append(newInverseRow)
        }
        let slack = cost.count
        columnRows.append([Int32(row)]); columnValues.append([1]); cost.append(0); isSlack.append(true)
        slackOf.append(slack)
        positionOf.append(basis.count)
        basis.append(slack)
        basicValue.append(max(0, r - activity))
        // y = c_B B^-1 gains the new row's dual, 0 (slack cost 0); the others are unchanged.
        dual.append(0)
        if productForm == nil && rhs.count > denseRowLimit { reinvert() }
        return row
    }

    /// Adds a column (non-basic at 0) with the given non-zeros and cost; returns its variable.
    @discardableResult
    package mutating func addColumn(rows: [Int], values: [Double], cost c: Double) -> Int {
        let v = cost.count
        columnRows.append(rows.map { Int32($0) }); columnValues.append(values); cost.append(c); isSlack.append(false)
        positionOf.append(-1)
        return v
    }

    /// Changes a variable's cost (the basis stays feasible; the duals are recomputed).
    package mutating func setCost(_ v: Int, _ c: Double) {
        cost[v] = c
    }

    /// The value of variable `v` in the current basic solution.
    package func value(_ v: Int) -> Double {
        let k = positionOf[v]
        return k >= 0 ? max(0, basicValue[k]) : 0
    }

    /// The dual of row `r` (>= 0 at an optimum; tiny negatives are rounding).
    package func rowDual(_ r: Int) -> Double { dual[r] }

    /// The objective of the current basic solution.
    package var objective: Double {
        var total = 0.0
        for (k, v) in basis.enumerated() { total += cost[v] * max(0, basicValue[k]) }
        return total
    }

    /// The reduced cost `c_v - y·a_v` of variable `v`.
    package func reducedCost(_ v: Int) -> Double {
        var d = cost[v]
        let rows = columnRows[v], values = columnValues[v]
        for e in rows.indices { d -= dual[Int(rows[e])] * values[e] }
        return d
    }

    /// Recomputes the basic values `B^-1 b` and the duals `c_B B^-1`.
    mutating func refresh() {
        let m = rhs.count
        if let productForm {
            var x = rhs
            productForm.ftran(&x)
            basicValue = x
            dual = basicCosts
            productForm.btran(&dual)
            return
        }
        rhs.withUnsafeBufferPointer { b in
            for k in 0..<m {
                basicValue[k] = inverse[k].withUnsafeBufferPointer { row in
                    var x = 0.0
                    for r in 0..<m where row[r] != 0 { x += row[r] * b[r] }
                    return x
                }
            }
        }
        // Adding c x 0 leaves a sum unchanged, so every entry is added (the loop vectorises).
        var y = [Double](repeating: 0, count: m)
        y.withUnsafeMutableBufferPointer { y in
            for k in 0..<m {
                let c = cost[basis[k]]
                guard c != 0 else { continue }
                inverse[k].withUnsafeBufferPointer { row in
                    for r in 0..<m { y[r] += c * row[r] }
                }
            }
        }
        dual = y
    }

    /// The basic variables' costs by basis position.
    var basicCosts: [Double] { basis.map { cost[$0] } }

    /// Rebuilds the product form from the current basis: from the slack basis, each basic
    /// structural column (fewest non-zeros first) pivots in on the free row where its
    /// transformed column is largest (Gaussian elimination with partial pivoting, in product
    /// form); the basic slacks keep their rows. Basis positions are renumbered accordingly.
    /// - Complexity: O(basic structurals x (m + entries of the etas)).
    mutating func reinvert() {
        let m = rhs.count
        var form = ProductFormInverse()
        var rowOfSlack = [Int](repeating: -1, count: cost.count)
        for (r, v) in slackOf.enumerated() { rowOfSlack[v] = r }
        var newBasis = [Int](repeating: -1, count: m)
        var rowTaken = [Bool](repeating: false, count: m)
        var structural: [Int] = []
        for v in basis {
            if isSlack[v] { newBasis[rowOfSlack[v]] = v; rowTaken[rowOfSlack[v]] = true } else { structural.append(v) }
        }
        structural.sort { (columnRows[$0].count, $0) < (columnRows[$1].count, $1) }
        var alpha = [Double](repeating: 0, count: m)
        var nonzero: [Int] = []
        for v in structural {
            for k in 0..<m { alpha[k] = 0 }
            for (row, a) in zip(columnRows[v], columnValues[v]) { alpha[Int(row)] += a }
            form.ftran(&alpha)
            nonzero.removeAll(keepingCapacity: true)
            var p = -1, largest = 1e-9
            for k in 0..<m where abs(alpha[k]) > 1e-12 {
                nonzero.append(k)
                if !rowTaken[k] && abs(alpha[k]) > largest { largest = abs(alpha[k]); p = k }
            }
            guard p >= 0 else { singular = true; return }
            form.appendColumnEta(at: p, alpha: alpha, nonzero: nonzero)
            rowTaken[p] = true
            newBasis[p] = v
        }
        basis = newBasis
        for (k, v) in basis.enumerated() { positionOf[v] = k }
        inverse = []
        etasAtRebuild = form.etaCount
        productForm = form
        refresh()
    }

    /// Runs the primal simplex from the current (feasible) basis to an optimum, or stops after
    /// `maxPivots` pivots, past `deadline` (uptime nanoseconds, checked every `refreshEvery`
    /// pivots) or on an unbounded ray.
    package mutating func solve(maxPivots: Int = 1_000_000, deadline: UInt64? = nil) -> Status {
        refresh()
        let m = rhs.count
        var degenerateRun = 0
        var alpha = [Double](repeating: 0, count: m)
        var nonzero: [Int] = []
        var made = 0
        while true {
            if made >= maxPivots || singular { return .iterationLimit }
            if let deadline, made % RevisedSimplex.refreshEvery == 0, made > 0, DispatchTime.now().uptimeNanoseconds >= deadline {
                return .iterationLimit
            }
            let bland = degenerateRun >= RevisedSimplex.blandAfter
            // Entering variable.
            var entering = -1, best = RevisedSimplex.tolerance
            for v in 0..<cost.count where positionOf[v] < 0 {
                let d = reducedCost(v)
                if bland {
                    if d > RevisedSimplex.tolerance { entering = v; break }
                } else if d > best {
                    best = d; entering = v
                }
            }
            guard entering >= 0 else { return .optimal }
            // alpha = B^-1 a_entering.
            nonzero.removeAll(keepingCapacity: true)
            let rows = columnRows[entering], values = columnValues[entering]
            if let productForm {
                for k in 0..<m { alpha[k] = 0 }
                for e in rows.indices { alpha[Int(rows[e])] += values[e] }
                productForm.ftran(&alpha)
                for k in 0..<m where abs(alpha[k]) > 1e-12 { nonzero.append(k) }
            } else {
                for k in 0..<m {
                    let s = inverse[k].withUnsafeBufferPointer { inv in
                        var s = 0.0
                        for e in rows.indices { s += inv[Int(rows[e])] * values[e] }
                        return s
                    }
                    alpha[k] = s
                    if abs(s) > 1e-12 { nonzero.append(k) }
                }
            }
            // Ratio test (Harris: the largest pivot among near-ties).
            var limit = Double.infinity
            for k in nonzero where alpha[k] > RevisedSimplex.tolerance {
                limit = min(limit, (max(0, basicValue[k]) + RevisedSimplex.tolerance) / alpha[k])
            }
            guard limit.isFinite else { return .unbounded }
            var leaving = -1, pivotSize = 0.0
            for k in nonzero where alpha[k] > RevisedSimplex.tolerance && max(0, basicValue[k]) / alpha[k] <= limit {
                if bland {
                    if leaving < 0 || basis[k] < basis[leaving] { leaving = k }
                } else if alpha[k] > pivotSize {
                    pivotSize = alpha[k]; leaving = k
                }
            }
            let step = max(0, basicValue[leaving]) / alpha[leaving]
            degenerateRun = step * reducedCost(entering) > 1e-12 ? 0 : degenerateRun + 1
            // Pivot: basic values, B^-1 and the duals.
            for k in nonzero where k != leaving { basicValue[k] -= step * alpha[k] }
            basicValue[leaving] = step
            if productForm != nil {
                productForm!.appendColumnEta(at: leaving, alpha: alpha, nonzero: nonzero)
                positionOf[basis[leaving]] = -1
                basis[leaving] = entering
                positionOf[entering] = leaving
                made += 1
                pivots += 1
                if productForm!.etaCount - etasAtRebuild >= reinvertEvery {
                    reinvert()
                } else if pivots % RevisedSimplex.refreshEvery == 0 {
                    refresh()
                } else {
                    dual = basicCosts
                    productForm!.btran(&dual)
                }
                continue
            }
            let p = alpha[leaving]
            var pivotRow = inverse[leaving]
            for r in 0..<m where pivotRow[r] != 0 { pivotRow[r] /= p }
            let pivotNonzero = (0..<m).filter { pivotRow[$0] != 0 }
            inverse[leaving] = pivotRow
            for k in nonzero where k != leaving {
                let f = alpha[k]
                inverse[k].withUnsafeMutableBufferPointer { row in
                    for r in pivotNonzero { row[r] -= f * pivotRow[r] }
                }
            }
            let d = reducedCost(entering)
            for r in pivotNonzero { dual[r] += d * pivotRow[r] }
            positionOf[basis[leaving]] = -1
            basis[leaving] = entering
            positionOf[entering] = leaving
            made += 1
            pivots += 1
            if pivots % RevisedSimplex.refreshEvery == 0 { refresh() }
        }
    }
}
