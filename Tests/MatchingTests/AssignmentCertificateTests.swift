import CareModel
@testable import Matching
import Testing

/// An independent optimality certificate for an assignment, and adversarial instances.
///
/// The certificate does not trust the solver: the answer must be a matching on allowed entries
/// with the stated total, and padded to a square perfect matching (forbidden entries cost a
/// penalty larger than any difference allowed entries make; dummy rows cost 0) it must leave
/// no negative cycle in the residual graph (Bellman-Ford from a virtual source). A perfect
/// matching is minimum-cost exactly when its residual graph has no negative cycle (Klein's
/// cycle-cancelling condition; Ahuja, Magnanti and Orlin, "Network Flows", 9.1), and with the
/// penalty the padded optimum is the minimum-cost maximum-cardinality assignment.
enum AssignmentCertificate {
    /// Why `result` is not a minimum-cost maximum-cardinality assignment of `costs`, or nil.
    /// - Complexity: O(N^3) worst case for N = max(rows, columns); far less in practice.
    static func problem(_ result: AssignmentResult, _ costs: [Double], rows: Int, columns: Int) -> String? {
        guard result.rowToColumn.count == rows else { return "\(result.rowToColumn.count) rows in the answer, \(rows) asked" }
        var owner = [Int](repeating: -1, count: columns)
        var total = 0.0
        for (r, c) in result.rowToColumn.enumerated() where c >= 0 {
            guard c < columns else { return "row \(r) column \(c) out of range" }
            guard costs[r * columns + c].isFinite else { return "row \(r) on forbidden column \(c)" }
            guard owner[c] < 0 else { return "column \(c) taken twice" }
            owner[c] = r
            total += costs[r * columns + c]
        }
        if result.rowToColumn.contains(where: { $0 < -1 }) { return "bad column index" }
        guard abs(total - result.totalCost) <= 1e-9 * max(1, abs(total)) else { return "total \(result.totalCost), entries add to \(total)" }
        // The shorter side as rows (i), the longer as columns (j).
        let transpose = rows > columns
        let n = min(rows, columns), m = max(rows, columns)
        if n == 0 { return nil }
        func cost(_ i: Int, _ j: Int) -> Double { transpose ? costs[j * columns + i] : costs[i * columns + j] }
        var match = [Int](repeating: -1, count: m)   // row i (0..<m, dummies from n) -> column
        var taken = [Bool](repeating: false, count: m)
        if transpose {
            for (r, c) in result.rowToColumn.enumerated() where c >= 0 { match[c] = r; taken[r] = true }
        } else {
            for (r, c) in result.rowToColumn.enumerated() where c >= 0 { match[r] = c; taken[c] = true }
        }
        // An unassigned row with an allowed free column is augmentable at once.
        for i in 0..<n where match[i] < 0 {
            if let j = (0..<m).first(where: { !taken[$0] && cost(i, $0).isFinite }) { return "row \(i) and column \(j) both free on an allowed entry" }
        }
        var lo = Double.infinity, hi = -Double.infinity
        for x in costs where x.isFinite { lo = min(lo, x); hi = max(hi, x) }
        if lo > hi { return nil }
        let penalty = hi + (hi - lo + 1) * Double(n + 1)
        func padded(_ i: Int, _ j: Int) -> Double { i >= n ? 0 : (cost(i, j).isFinite ? cost(i, j) : penalty) }
        var spare = (0..<m).filter { !taken[$0] }
        for i in 0..<m where match[i] < 0 { match[i] = spare.removeLast() }
        // Residual graph: row i -> column j (weight w) when not matched; column j -> row i (-w) when matched.
        // Nodes: rows 0..<m, columns m..<2m.
        var dist = [Double](repeating: 0, count: 2 * m)
        let eps = 1e-9 * max(1, abs(penalty), abs(lo))
        for _ in 0...(2 * m) {
            var changed = false
            for i in 0..<m {
                for j in 0..<m {
                    let w = padded(i, j)
                    if match[i] == j {
                        if dist[m + j] - w < dist[i] - eps { dist[i] = dist[m + j] - w; changed = true }
                    } else {
                        if dist[i] + w < dist[m + j] - eps { dist[m + j] = dist[i] + w; changed = true }
                    }
                }
            }
            if !changed { return nil }
        }
        return "negative cycle in the residual graph: not minimum-cost"
    }

    /// The answers of the dense solver with several row-reduction budgets (0 = every row by
    /// shortest augmenting paths and their dual updates) and of the sparse solver.
    static func solutions(_ costs: [Double], rows: Int, columns: Int, rng: inout Xoshiro256StarStar) -> [(String, AssignmentResult)] {
        var out: [(String, AssignmentResult)] = []
        for budget in [0, 1, 8, 1 << 20] {
            out.append(("dense budget \(budget)", DenseAssignment.solve(costs: costs, rows: rows, columns: columns, rowReductionBudget: budget)))
        }
        var triples: [(row: Int, column: Int, cost: Double)] = []
        for r in 0..<rows { for c in 0..<columns where costs[r * columns + c].isFinite { triples.append((r, c, costs[r * columns + c])) } }
        triples.shuffle(using: &rng)
        out.append(("sparse", SparseAssignment.solve(SparseCostMatrix(rows: rows, columns: columns, triples: triples))))
        return out
    }
}

/// Instance families that stress the dual updates: ties everywhere, costs that make every
/// perfect matching equally good, chains where each new row shifts every earlier one, and
/// staircases of allowed entries.
enum AdversarialInstances {
    static let families = ["all equal", "two values", "additive", "product chain", "staircase", "monge", "tiny range", "near ties", "forbidden blocks"]

    static func make(_ family: String, rows: Int, columns: Int, rng: inout Xoshiro256StarStar) -> [Double] {
        var costs = [Double](repeating: 0, count: rows * columns)
        let a = (0..<rows).map { _ in Double(Int.random(in: -3...3, using: &rng)) }
        let b = (0..<columns).map { _ in Double(Int.random(in: -3...3, using: &rng)) }
        for r in 0..<rows {
            for c in 0..<columns {
                let x: Double
                switch family {
                case "all equal": x = 7
                case "two values": x = rng.nextUnit() < 0.5 ? 0 : 1
                case "additive": x = a[r] + b[c]                          // every perfect matching ties
                case "product chain": x = -Double(r * c)                    // each row wants the last column
                case "staircase": x = c == r ? 1 : (c == r + 1 ? 0 : (c < r ? 5 : .infinity))
                case "monge": x = Double((r - c) * (r - c))
                case "tiny range": x = Double(Int.random(in: 0...2, using: &rng))
                case "near ties": x = 10 + Double(Int.random(in: 0...1, using: &rng)) * 1e-7
                default: x = (r / 2 + c / 3) % 2 == 0 ? Double(Int.random(in: 0...4, using: &rng)) : .infinity
                }
                costs[r * columns + c] = x
            }
        }
        return costs
    }
}

@Suite struct AssignmentCertificateTests {
    /// The certificate rejects wrong answers (it can fail): a swapped pair, a dropped pair, a
    /// forbidden pair, a wrong total.
    @Test func certificateRejectsSuboptimalAnswers() {
        let costs: [Double] = [1, 5, .infinity, 4, 1, 3, 2, 6, 1]
        let best = AssignmentResult(rowToColumn: [0, 1, 2], totalCost: 3)
        #expect(AssignmentCertificate.problem(best, costs, rows: 3, columns: 3) == nil)
        #expect(AssignmentCertificate.problem(AssignmentResult(rowToColumn: [1, 0, 2], totalCost: 10), costs, rows: 3, columns: 3) != nil)
        #expect(AssignmentCertificate.problem(AssignmentResult(rowToColumn: [0, -1, 2], totalCost: 2), costs, rows: 3, columns: 3) != nil)
        #expect(AssignmentCertificate.problem(AssignmentResult(rowToColumn: [2, 1, 0], totalCost: .infinity), costs, rows: 3, columns: 3) != nil)
        #expect(AssignmentCertificate.problem(AssignmentResult(rowToColumn: [0, 1, 2], totalCost: 4), costs, rows: 3, columns: 3) != nil)
        // Rectangular: 2 rows, 3 columns; the cheaper column must be used.
        let wide: [Double] = [3, 1, 2, 1, 9, 9]
        #expect(AssignmentCertificate.problem(AssignmentResult(rowToColumn: [1, 0], totalCost: 2), wide, rows: 2, columns: 3) == nil)
        #expect(AssignmentCertificate.problem(AssignmentResult(rowToColumn: [2, 0], totalCost: 3), wide, rows: 2, columns: 3) != nil)
        // Tall: a row left out when it could have been placed by moving another.
        let tall: [Double] = [1, .infinity, 0, 5, .infinity, .infinity]
        #expect(AssignmentCertificate.problem(AssignmentResult(rowToColumn: [0, 1, -1], totalCost: 6), tall, rows: 3, columns: 2) == nil)
        #expect(AssignmentCertificate.problem(AssignmentResult(rowToColumn: [-1, 0, -1], totalCost: 0), tall, rows: 3, columns: 2) != nil)
    }

    /// Every family at every shape up to 6 x 6 against brute force, and the certificate.
    @Test func adversarialSmallInstancesEqualBruteForce() {
        var rng = Xoshiro256StarStar(seed: 41)
        for family in AdversarialInstances.families {
            for rows in 1...6 {
                for columns in 1...6 {
                    let costs = AdversarialInstances.make(family, rows: rows, columns: columns, rng: &rng)
                    let truth = bruteForce(costs, rows: rows, columns: columns)
                    for (name, result) in AssignmentCertificate.solutions(costs, rows: rows, columns: columns, rng: &rng) {
                        #expect(result.assignedCount == truth.count, "\(family) \(rows)x\(columns) \(name)")
                        #expect(abs(result.totalCost - truth.cost) <= 1e-9 * max(1, abs(truth.cost)), "\(family) \(rows)x\(columns) \(name)")
                        #expect(AssignmentCertificate.problem(result, costs, rows: rows, columns: columns) == nil, "\(family) \(rows)x\(columns) \(name)")
                    }
                }
            }
        }
    }

    /// Larger adversarial and random instances (up to 40 x 40), checked by the certificate on
    /// every solve, with every row-reduction budget.
    @Test func everySolveOfLargerInstancesIsCertified() {
        var rng = Xoshiro256StarStar(seed: 42)
        var solves = 0
        for trial in 0..<240 {
            let rows = Int.random(in: 7...40, using: &rng), columns = Int.random(in: 7...40, using: &rng)
            let family = trial % 3 == 0 ? "random" : AdversarialInstances.families[trial % AdversarialInstances.families.count]
            let costs = family == "random"
                ? randomMatrix(rows, columns, forbidShare: [0, 0.3, 0.8][trial % 3 == 0 ? (trial / 3) % 3 : 0], integers: trial % 2 == 0, rng: &rng)
                : AdversarialInstances.make(family, rows: rows, columns: columns, rng: &rng)
            let answers = AssignmentCertificate.solutions(costs, rows: rows, columns: columns, rng: &rng)
            for (name, result) in answers {
                solves += 1
                if let problem = AssignmentCertificate.problem(result, costs, rows: rows, columns: columns) {
                    Issue.record("trial \(trial) \(family) \(rows)x\(columns) \(name): \(problem)")
                }
                #expect(result.assignedCount == answers[0].1.assignedCount, "trial \(trial) \(name)")
            }
        }
        #expect(solves == 240 * 5)
    }

    /// Random small instances with the shortest-path phase doing all the work (budget 0): the
    /// dual updates decide every answer, so a wrong update shows at once.
    @Test func shortestPathPhaseAloneIsExactOnRandomInstances() {
        var rng = Xoshiro256StarStar(seed: 43)
        for trial in 0..<1500 {
            let rows = Int.random(in: 2...6, using: &rng), columns = Int.random(in: 2...6, using: &rng)
            let costs = randomMatrix(rows, columns, forbidShare: [0, 0, 0.3][trial % 3], integers: trial % 2 == 0, rng: &rng)
            let truth = bruteForce(costs, rows: rows, columns: columns)
            let result = DenseAssignment.solve(costs: costs, rows: rows, columns: columns, rowReductionBudget: 0)
            #expect(result.assignedCount == truth.count && abs(result.totalCost - truth.cost) <= 1e-9 * max(1, abs(truth.cost)),
                    "trial \(trial) \(rows)x\(columns): \(result.totalCost) vs \(truth.cost)")
        }
    }
}
