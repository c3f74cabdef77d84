import CareModel
import Matching
import Testing

/// Builds `max c·x, A x <= b, x >= 0` as a `RevisedSimplex` (rows first, then the columns);
/// also the variable of each column added.
func simplex(_ a: [[Double]], _ b: [Double], _ c: [Double], columns: Range<Int>? = nil) -> (RevisedSimplex, [Int]) {
    var lp = RevisedSimplex()
    for r in b.indices { lp.addRow(variables: [], values: [], rhs: b[r]) }
    var variables: [Int] = []
    for j in columns ?? c.indices {
        let rows = a.indices.filter { a[$0][j] != 0 }
        variables.append(lp.addColumn(rows: rows, values: rows.map { a[$0][j] }, cost: c[j]))
    }
    return (lp, variables)
}

/// The best vertex by enumeration: every choice of n tight constraints among the m rows and
/// the n bounds `x_j >= 0`, solved by Gaussian elimination, kept when feasible.
func bestVertex(_ a: [[Double]], _ b: [Double], _ c: [Double]) -> Double {
    let n = c.count, m = b.count
    var constraints: [([Double], Double)] = a.indices.map { (a[$0], b[$0]) }
    for j in 0..<n { constraints.append(((0..<n).map { $0 == j ? -1 : 0 }, 0)) }
    var best = -Double.infinity
    func choose(_ start: Int, _ picked: [Int]) {
        if picked.count == n {
            var matrix = picked.map { constraints[$0].0 + [constraints[$0].1] }
            for col in 0..<n {
                guard let p = (col..<n).max(by: { abs(matrix[$0][col]) < abs(matrix[$1][col]) }), abs(matrix[p][col]) > 1e-9 else { return }
                matrix.swapAt(col, p)
                for r in 0..<n where r != col {
                    let f = matrix[r][col] / matrix[col][col]
                    for k in col...n { matrix[r][k] -= f * matrix[col][k] }
                }
            }
            let x = (0..<n).map { matrix[$0][n] / matrix[$0][$0] }
            for (row, rhs) in constraints where zip(row, x).reduce(0, { $0 + $1.0 * $1.1 }) > rhs + 1e-7 { return }
            best = max(best, zip(c, x).reduce(0) { $0 + $1.0 * $1.1 })
            return
        }
        guard start < m + n else { return }
        for k in start..<(m + n) { choose(k + 1, picked + [k]) }
    }
    choose(0, [])
    return best
}

@Test func simplexSolvesHandLPs() {
    // max 3x + 2y: x + y <= 4, x + 3y <= 7, x <= 3. Optimum x = 3, y = 1, value 11; duals 2, 0, 1.
    var (lp, v) = simplex([[1, 1], [1, 3], [1, 0]], [4, 7, 3], [3, 2])
    #expect(lp.solve() == .optimal)
    #expect(abs(lp.objective - 11) < 1e-9 && abs(lp.value(v[0]) - 3) < 1e-9 && abs(lp.value(v[1]) - 1) < 1e-9)
    #expect(abs(lp.rowDual(0) - 2) < 1e-9 && abs(lp.rowDual(1)) < 1e-9 && abs(lp.rowDual(2) - 1) < 1e-9)
    // Chvátal's example: max 5x1 + 4x2 + 3x3, optimum 13 at (2, 0, 1).
    var (chvatal, w) = simplex([[2, 3, 1], [4, 1, 2], [3, 4, 2]], [5, 11, 8], [5, 4, 3])
    #expect(chvatal.solve() == .optimal)
    #expect(abs(chvatal.objective - 13) < 1e-9 && abs(chvatal.value(w[0]) - 2) < 1e-9 && abs(chvatal.value(w[2]) - 1) < 1e-9)
    // Unbounded: max x with -x + y <= 1.
    var (unbounded, _) = simplex([[-1, 1]], [1], [1, 0])
    #expect(unbounded.solve() == .unbounded)
    // A row that the optimum satisfies (x <= 3.5) keeps it; a new column can raise it.
    lp.addRow(variables: [v[0]], values: [1], rhs: 3.5)
    #expect(lp.solve() == .optimal && abs(lp.objective - 11) < 1e-9)
    lp.addColumn(rows: [0, 2], values: [1, 1], cost: 4)   // z uses rows 0 and 2: x + y + z <= 4, x + z <= 3; x + 3y <= 7
    #expect(lp.solve() == .optimal)
    // Now max 3x + 2y + 4z: z = 3, y = 1 gives 14; x = 0.
    #expect(abs(lp.objective - 14) < 1e-9, "\(lp.objective)")
}

@Test func simplexEqualsVertexEnumerationOnRandomLPs() {
    var rng = Xoshiro256StarStar(seed: 1201)
    for trial in 0..<3000 {
        let n = Int.random(in: 1...4, using: &rng), m = Int.random(in: 1...4, using: &rng)
        var a = (0..<m).map { _ in (0..<n).map { _ in Double(Int.random(in: -3...3, using: &rng)) } }
        var b = (0..<m).map { _ in Double(Int.random(in: 0...6, using: &rng)) }
        a.append(Array(repeating: 1, count: n)); b.append(10)   // bounded
        let c = (0..<n).map { _ in Double(Int.random(in: -3...5, using: &rng)) }
        let truth = max(0, bestVertex(a, b, c))
        // Columns in two batches: the second added after the first solve (a warm start).
        let first = Int.random(in: 0...n, using: &rng)
        var (lp, variables) = simplex(a, b, c, columns: 0..<first)
        #expect(lp.solve() == .optimal)
        for j in first..<n {
            let rows = a.indices.filter { a[$0][j] != 0 }
            variables.append(lp.addColumn(rows: rows, values: rows.map { a[$0][j] }, cost: c[j]))
        }
        #expect(lp.solve() == .optimal, "trial \(trial)")
        #expect(abs(lp.objective - truth) < 1e-7, "trial \(trial): simplex \(lp.objective), vertices \(truth)")
        // The duals certify it: y >= 0, A^T y >= c, b·y = the optimum.
        let y = b.indices.map { lp.rowDual($0) }
        #expect(y.allSatisfy { $0 > -1e-9 }, "trial \(trial)")
        for j in 0..<n { #expect(a.indices.reduce(0) { $0 + a[$1][j] * y[$1] } >= c[j] - 1e-7, "trial \(trial)") }
        #expect(abs(zip(b, y).reduce(0) { $0 + $1.0 * $1.1 } - truth) < 1e-7, "trial \(trial)")
        // The primal solution is feasible.
        let x = variables.map { lp.value($0) }
        for r in a.indices { #expect(zip(a[r], x).reduce(0) { $0 + $1.0 * $1.1 } <= b[r] + 1e-7, "trial \(trial)") }
    }
}

/// The product-form inverse (`denseRowLimit` 0, rebuilt every `reinvertEvery` pivots) against
/// vertex enumeration and against the dense inverse, on random LPs solved in two steps: some
/// columns, a solve, then a row the solution satisfies and the remaining columns (the warm
/// starts of column generation).
@Test func productFormSimplexEqualsVertexEnumerationAndTheDenseInverse() {
    var rng = Xoshiro256StarStar(seed: 1202)
    var rebuilt = 0
    for trial in 0..<3000 {
        let n = Int.random(in: 1...4, using: &rng), m = Int.random(in: 1...4, using: &rng)
        var a = (0..<m).map { _ in (0..<n).map { _ in Double(Int.random(in: -3...3, using: &rng)) } }
        var b = (0..<m).map { _ in Double(Int.random(in: 0...6, using: &rng)) }
        a.append(Array(repeating: 1, count: n)); b.append(10)   // bounded
        let c = (0..<n).map { _ in Double(Int.random(in: -3...5, using: &rng)) }
        let first = Int.random(in: 0...n, using: &rng)
        let extra = (0..<n).map { _ in Double(Int.random(in: 0...2, using: &rng)) }
        let slackAbove = Double(Int.random(in: 0...2, using: &rng))
        let reinvertEvery = Int.random(in: 1...3, using: &rng)
        var results: [(objective: Double, rhs: [Double])] = []
        for productForm in [false, true] {
            var lp = RevisedSimplex()
            if productForm { lp.denseRowLimit = 0; lp.reinvertEvery = reinvertEvery }
            for r in b.indices { lp.addRow(variables: [], values: [], rhs: b[r]) }
            var variables: [Int] = []
            for j in 0..<first {
                let rows = a.indices.filter { a[$0][j] != 0 }
                variables.append(lp.addColumn(rows: rows, values: rows.map { a[$0][j] }, cost: c[j]))
            }
            #expect(lp.solve() == .optimal, "trial \(trial)")
            // A row `extra · x <= activity + slackAbove` over the columns so far (satisfied).
            let activity = (0..<first).reduce(0.0) { $0 + extra[$1] * lp.value(variables[$1]) }
            let rhs = (activity + slackAbove).rounded(.up)
            lp.addRow(variables: Array(variables[0..<first]), values: Array(extra[0..<first]), rhs: rhs)
            for j in first..<n {
                var rows = a.indices.filter { a[$0][j] != 0 }, values = rows.map { a[$0][j] }
                if extra[j] != 0 { rows.append(b.count); values.append(extra[j]) }
                variables.append(lp.addColumn(rows: rows, values: values, cost: c[j]))
            }
            #expect(lp.solve() == .optimal, "trial \(trial)")
            if productForm && lp.pivots > reinvertEvery { rebuilt += 1 }
            let rowsUsed = a + [extra], rhsUsed = b + [rhs]
            let objective = lp.objective, y = rhsUsed.indices.map { lp.rowDual($0) }, x = variables.map { lp.value($0) }
            results.append((objective, rhsUsed))
            let truth = max(0, bestVertex(rowsUsed, rhsUsed, c))
            #expect(abs(objective - truth) < 1e-7, "trial \(trial): simplex \(objective), vertices \(truth)")
            // The duals certify it and the primal solution is feasible.
            #expect(y.allSatisfy { $0 > -1e-9 }, "trial \(trial)")
            for j in 0..<n { #expect(rowsUsed.indices.reduce(0) { $0 + rowsUsed[$1][j] * y[$1] } >= c[j] - 1e-7, "trial \(trial)") }
            #expect(abs(zip(rhsUsed, y).reduce(0) { $0 + $1.0 * $1.1 } - truth) < 1e-7, "trial \(trial)")
            for r in rowsUsed.indices { #expect(zip(rowsUsed[r], x).reduce(0) { $0 + $1.0 * $1.1 } <= rhsUsed[r] + 1e-7, "trial \(trial)") }
        }
        // The same LP (the added row met the same first solution): the same optimum.
        if results[0].rhs == results[1].rhs { #expect(abs(results[0].objective - results[1].objective) < 1e-7, "trial \(trial)") }
    }
    // The product form was rebuilt mid-solve in many trials.
    #expect(rebuilt > 300, "\(rebuilt)")
}
