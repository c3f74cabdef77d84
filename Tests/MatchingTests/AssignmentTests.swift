import CareModel
@testable import Matching
import Testing

/// Brute force: the minimum-cost matching among those with the most allowed pairs.
func bruteForce(_ costs: [Double], rows: Int, columns: Int) -> (count: Int, cost: Double) {
    var best = (count: -1, cost: Double.infinity)
    var used = [Bool](repeating: false, count: columns)
    func go(_ r: Int, _ count: Int, _ cost: Double) {
        if r == rows {
            if count > best.count || (count == best.count && cost < best.cost) { best = (count, cost) }
            return
        }
        go(r + 1, count, cost)
        for c in 0..<columns where !used[c] && costs[r * columns + c].isFinite {
            used[c] = true
            go(r + 1, count + 1, cost + costs[r * columns + c])
            used[c] = false
        }
    }
    go(0, 0, 0)
    return best
}

func randomMatrix(_ rows: Int, _ columns: Int, forbidShare: Double, integers: Bool, rng: inout Xoshiro256StarStar) -> [Double] {
    (0..<(rows * columns)).map { _ in
        if rng.nextUnit() < forbidShare { return Double.infinity }
        return integers ? Double(Int.random(in: -5...20, using: &rng)) : rng.nextUnit() * 100 - 30
    }
}

/// Checks that a result is a valid matching on allowed entries and that its total is right.
func checkValid(_ result: AssignmentResult, _ costs: [Double], rows: Int, columns: Int) -> Bool {
    var seen = Set<Int>()
    var total = 0.0
    for (r, c) in result.rowToColumn.enumerated() where c >= 0 {
        guard c < columns, costs[r * columns + c].isFinite, seen.insert(c).inserted else { return false }
        total += costs[r * columns + c]
    }
    return abs(total - result.totalCost) <= 1e-9 * max(1, abs(total))
}

@Test func denseSolverEqualsBruteForce() {
    var rng = Xoshiro256StarStar(seed: 11)
    for trial in 0..<3000 {
        let rows = Int.random(in: 1...6, using: &rng), columns = Int.random(in: 1...6, using: &rng)
        let forbid = [0, 0, 0.2, 0.5, 0.8][trial % 5]
        let costs = randomMatrix(rows, columns, forbidShare: forbid, integers: trial % 2 == 0, rng: &rng)
        let result = DenseAssignment.solve(costs: costs, rows: rows, columns: columns)
        let truth = bruteForce(costs, rows: rows, columns: columns)
        #expect(checkValid(result, costs, rows: rows, columns: columns), "trial \(trial)")
        #expect(result.assignedCount == truth.count, "trial \(trial) \(rows)x\(columns)")
        #expect(abs(result.totalCost - truth.cost) <= 1e-9 * max(1, abs(truth.cost)), "trial \(trial) \(rows)x\(columns): \(result.totalCost) vs \(truth.cost)")
    }
}

@Test func sparseSolverEqualsBruteForce() {
    var rng = Xoshiro256StarStar(seed: 12)
    for trial in 0..<3000 {
        let rows = Int.random(in: 1...6, using: &rng), columns = Int.random(in: 1...6, using: &rng)
        let forbid = [0, 0.2, 0.5, 0.7, 0.9][trial % 5]
        let costs = randomMatrix(rows, columns, forbidShare: forbid, integers: trial % 2 == 0, rng: &rng)
        var triples: [(row: Int, column: Int, cost: Double)] = []
        for r in 0..<rows { for c in 0..<columns where costs[r * columns + c].isFinite { triples.append((r, c, costs[r * columns + c])) } }
        triples.shuffle(using: &rng)
        let result = SparseAssignment.solve(SparseCostMatrix(rows: rows, columns: columns, triples: triples))
        let truth = bruteForce(costs, rows: rows, columns: columns)
        #expect(checkValid(result, costs, rows: rows, columns: columns), "trial \(trial)")
        #expect(result.assignedCount == truth.count, "trial \(trial) \(rows)x\(columns)")
        #expect(abs(result.totalCost - truth.cost) <= 1e-9 * max(1, abs(truth.cost)), "trial \(trial): \(result.totalCost) vs \(truth.cost)")
    }
}

@Test func denseAndSparseAgreeOnLargerInstances() {
    var rng = Xoshiro256StarStar(seed: 13)
    for trial in 0..<40 {
        let rows = Int.random(in: 20...60, using: &rng), columns = Int.random(in: 20...80, using: &rng)
        let costs = randomMatrix(rows, columns, forbidShare: trial % 2 == 0 ? 0 : 0.9, integers: trial % 4 < 2, rng: &rng)
        let dense = DenseAssignment.solve(costs: costs, rows: rows, columns: columns)
        var triples: [(row: Int, column: Int, cost: Double)] = []
        for r in 0..<rows { for c in 0..<columns where costs[r * columns + c].isFinite { triples.append((r, c, costs[r * columns + c])) } }
        let sparse = SparseAssignment.solve(SparseCostMatrix(rows: rows, columns: columns, triples: triples))
        #expect(checkValid(dense, costs, rows: rows, columns: columns))
        #expect(checkValid(sparse, costs, rows: rows, columns: columns))
        #expect(dense.assignedCount == sparse.assignedCount)
        #expect(abs(dense.totalCost - sparse.totalCost) <= 1e-9 * max(1, abs(dense.totalCost)), "trial \(trial)")
    }
}

@Test func squareSolverFindsKnownOptimum() {
    // The classic 4x4 example whose optimum (0->1, 1->0, 2->2, 3->3) costs 140... computed
    // independently here by brute force over all 24 permutations.
    let costs: [Double] = [82, 83, 69, 92, 77, 37, 49, 92, 11, 69, 5, 86, 8, 9, 98, 23]
    let result = DenseAssignment.solve(costs: costs, rows: 4, columns: 4)
    #expect(result.totalCost == 140)
    #expect(result.rowToColumn == [2, 1, 0, 3])
}

@Test func rowReductionBudgetNeverChangesTheOptimum() {
    var rng = Xoshiro256StarStar(seed: 14)
    for trial in 0..<60 {
        let n = Int.random(in: 10...70, using: &rng)
        // Few distinct values (many ties) and uniform values both.
        let costs = (0..<(n * n)).map { _ in trial % 2 == 0 ? Double(Int.random(in: 0...4, using: &rng)) : rng.nextUnit() }
        let reference = DenseAssignment.solve(costs: costs, rows: n, columns: n, rowReductionBudget: 0)
        var triples: [(row: Int, column: Int, cost: Double)] = []
        for r in 0..<n { for c in 0..<n { triples.append((r, c, costs[r * n + c])) } }
        let sparse = SparseAssignment.solve(SparseCostMatrix(rows: n, columns: n, triples: triples))
        #expect(abs(reference.totalCost - sparse.totalCost) <= 1e-9 * max(1, abs(sparse.totalCost)))
        for budget in [1, 2, 8, 1000] {
            let result = DenseAssignment.solve(costs: costs, rows: n, columns: n, rowReductionBudget: budget)
            #expect(checkValid(result, costs, rows: n, columns: n))
            #expect(result.assignedCount == n)
            #expect(abs(result.totalCost - reference.totalCost) <= 1e-9 * max(1, abs(reference.totalCost)), "trial \(trial) budget \(budget)")
        }
    }
}
