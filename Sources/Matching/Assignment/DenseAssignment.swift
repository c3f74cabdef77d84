/// Exact minimum-cost assignment on a dense cost matrix: Jonker-Volgenant (LAPJV).
///
/// ## Design note
/// The solver is the shortest-augmenting-path method of Jonker and Volgenant (1987):
/// column reduction, reduction transfer and two passes of augmenting row reduction find most
/// of the assignment cheaply; each remaining free row is then assigned by a Dijkstra search
/// over reduced costs `c[i][j] - u[i] - v[j]` (all >= 0, 0 on assigned pairs), after which
/// the duals of the scanned columns are updated so this stays true. Each augmentation
/// keeps the assignment optimal for the rows assigned so far, so the result is an exact
/// optimum (the dual certifies it). For a rectangular matrix the rows are the shorter side
/// (the matrix is transposed if needed) and, as in Crouse's rectangular variant, the
/// initialisation is a greedy row-minimum pass with all column duals 0, which keeps the
/// column duals <= 0 and 0 on unassigned columns — the optimality condition when some
/// columns stay unassigned.
///
/// The shortest-path searches keep the columns in their natural order with a state per column
/// (to do, reached), so each scan reads the distances, the column duals and the cost row
/// contiguously, eight lanes at a time, instead of through a permuted list of columns as in
/// JV's code. Columns are still settled in order of distance, all columns at the least distance
/// together, so each augmenting path is a shortest one; only among equally short paths may
/// another be taken, which keeps the result an optimum (the unique one when costs have no
/// ties). In AVX2 and AVX-512 builds the augmenting row reduction's search for a row's two
/// smallest reduced costs also runs in eight lanes (`twoSmallest`, the scalar scan's answer).
///
/// The augmenting row reduction can chain long on uniform random costs, lowering prices by
/// tiny steps; each pass is therefore limited to `8 n` row scans and the rows still free go to
/// the shortest-path phase, which is exact from any dual-feasible start (tested with budgets
/// from 0 to unlimited). On 4,000 x 4,000 uniform costs this took the time from 2.2 s to 0.45 s.
///
/// Forbidden entries (`+infinity`) are replaced by one finite penalty larger than any
/// difference the allowed entries can make, so the answer has the most allowed pairs
/// possible and, among those, the least cost; pairs on forbidden entries are then dropped.
package enum DenseAssignment {
    /// The minimum-cost assignment of a `rows x columns` row-major cost matrix.
    ///
    /// Every row (or every column, if there are fewer columns) is assigned when the allowed
    /// entries permit; otherwise as many as possible, and among those the cheapest.
    /// - Complexity: O(n^2 m) worst case for n = min(rows, columns), m = max; far less on
    ///   typical inputs.
    package static func solve(costs: [Double], rows: Int, columns: Int) -> AssignmentResult {
        solve(costs: costs, rows: rows, columns: columns, rowReductionBudget: 8)
    }

    /// `solve` with the augmenting row reduction limited to `rowReductionBudget x n` row scans
    /// per pass (0 = skip it); any budget gives the same optimum (tests vary it).
    static func solve(costs: [Double], rows: Int, columns: Int, rowReductionBudget: Int) -> AssignmentResult {
        precondition(costs.count == rows * columns, "cost matrix size")
        if rows == 0 || columns == 0 { return AssignmentResult(rowToColumn: Array(repeating: -1, count: rows), totalCost: 0) }
        var lo = Double.infinity, hi = -Double.infinity
        var forbidden = false
        for c in costs {
            if c.isFinite { lo = min(lo, c); hi = max(hi, c) } else { forbidden = true }
        }
        if lo > hi { return AssignmentResult(rowToColumn: Array(repeating: -1, count: rows), totalCost: 0) }
        let transpose = rows > columns
        let n = transpose ? columns : rows
        let m = transpose ? rows : columns
        var solved: [Int]
        if !forbidden && !transpose {
            solved = costs.withUnsafeBufferPointer { lapjv(n: n, m: m, cost: $0.baseAddress!, budget: rowReductionBudget * n) }
        } else {
            let penalty = hi + (hi - lo + 1) * Double(n + 1)
            var work = [Double](repeating: 0, count: n * m)
            for r in 0..<rows {
                for c in 0..<columns {
                    let x = costs[r * columns + c]
                    let value = x.isFinite ? x : penalty
                    if transpose { work[c * m + r] = value } else { work[r * m + c] = value }
                }
            }
            solved = work.withUnsafeBufferPointer { lapjv(n: n, m: m, cost: $0.baseAddress!, budget: rowReductionBudget * n) }
        }
        var rowToColumn = [Int](repeating: -1, count: rows)
        var total = 0.0
        for i in 0..<n {
            let j = solved[i]
            let (r, c) = transpose ? (j, i) : (i, j)
            let x = costs[r * columns + c]
            guard x.isFinite else { continue }
            rowToColumn[r] = c
            total += x
        }
        return AssignmentResult(rowToColumn: rowToColumn, totalCost: total)
    }

    /// LAPJV on finite costs, `n <= m`; returns each row's column.
    static func lapjv(n: Int, m: Int, cost: UnsafePointer<Double>, budget: Int) -> [Int] {
        var rowSol = [Int](repeating: -1, count: n)
        var colSol = [Int](repeating: -1, count: m)
        var v = [Double](repeating: 0, count: m)
        var free = [Int](repeating: 0, count: n)
        var numFree = 0
        rowSol.withUnsafeMutableBufferPointer { x in
        colSol.withUnsafeMutableBufferPointer { y in
        v.withUnsafeMutableBufferPointer { v in
        free.withUnsafeMutableBufferPointer { free in
            if n == m {
                // Column reduction: each column's minimum (the first row attaining it), read
                // row by row so memory is scanned in order; then columns are assigned to their
                // minimum row from the last column down, as in JV.
                var columnMin = [Int](repeating: 0, count: m)
                for j in 0..<m { v[j] = cost[j] }
                for i in 1..<max(n, 1) {
                    let row = cost + i * m
                    for j in 0..<m where row[j] < v[j] {
                        v[j] = row[j]
                        columnMin[j] = i
                    }
                }
                var matches = [Int](repeating: 0, count: n)
                for j in stride(from: m - 1, through: 0, by: -1) {
                    let iMin = columnMin[j]
                    matches[iMin] += 1
                    if matches[iMin] == 1 { x[iMin] = j; y[j] = iMin } else { y[j] = -1 }
                }
                // Reduction transfer: rows assigned once pass their slack to their column.
                for i in 0..<n {
                    if matches[i] == 0 {
                        free[numFree] = i; numFree += 1
                    } else if matches[i] == 1 {
                        let j1 = x[i]
                        var minimum = Double.infinity
                        let row = cost + i * m
                        for j in 0..<m where j != j1 { minimum = min(minimum, row[j] - v[j]) }
                        if minimum.isFinite { v[j1] -= minimum }
                    } else {
                        // Assigned to its first column; the others were freed above.
                    }
                }
                if m > 1 && budget > 0 { augmentingRowReduction(n: n, m: m, cost: cost, x: x, y: y, v: v, free: free, numFree: &numFree, budget: budget) }
            } else {
                // Rectangular (n < m): greedy row minima with all column duals 0.
                for i in 0..<n {
                    let row = cost + i * m
                    var best = 0
                    for j in 1..<m where row[j] < row[best] { best = j }
                    if y[best] < 0 { y[best] = i; x[i] = best } else { free[numFree] = i; numFree += 1 }
                }
            }
            augment(n: n, m: m, cost: cost, x: x, y: y, v: v, free: free, numFree: numFree)
        }}}}
        return rowSol
    }

    /// Two passes of augmenting row reduction (JV 1987): each free row takes its cheapest
    /// column, lowering that column's dual by the gap to the second cheapest, and evicts the
    /// previous owner, which is processed next.
    static func augmentingRowReduction(
        n: Int, m: Int, cost: UnsafePointer<Double>, x: UnsafeMutableBufferPointer<Int>,
        y: UnsafeMutableBufferPointer<Int>, v: UnsafeMutableBufferPointer<Double>,
        free: UnsafeMutableBufferPointer<Int>, numFree: inout Int, budget: Int
    ) {
        // Each pass may reprocess evicted rows at once; on uniform random costs such chains can
        // run long while lowering prices by tiny steps, so each pass does at most `budget` row
        // scans and leaves the rest to the shortest-path phase (which is exact regardless).
        for _ in 0..<2 {
            var k = 0
            let previousFree = numFree
            numFree = 0
            var scans = 0
            while k < previousFree {
                if scans >= budget {
                    while k < previousFree { free[numFree] = free[k]; numFree += 1; k += 1 }
                    break
                }
                scans += 1
                let i = free[k]
                k += 1
                let row = cost + i * m
                #if HEARTH_AVX2
                var (uMin, j1, uSubMin, j2) = twoSmallest(row, v.baseAddress!, m)
                #else
                var (uMin, j1, uSubMin, j2) = twoSmallestScalar(row, v.baseAddress!, m)
                #endif
                var i0 = y[j1]
                if uMin < uSubMin {
                    v[j1] -= uSubMin - uMin
                } else if i0 >= 0 {
                    j1 = j2
                    i0 = y[j2]
                }
                x[i] = j1
                y[j1] = i
                if i0 >= 0 {
                    x[i0] = -1
                    if uMin < uSubMin {
                        k -= 1
                        free[k] = i0
                    } else {
                        free[numFree] = i0
                        numFree += 1
                    }
                }
            }
        }
    }

    /// The smallest and second-smallest `row[j] - v[j]` (`m >= 2`) with their columns, in the
    /// order of (value, column): one scalar scan from column 0.
    /// - Complexity: O(m).
    @inline(__always)
    static func twoSmallestScalar(_ row: UnsafePointer<Double>, _ v: UnsafePointer<Double>, _ m: Int) -> (Double, Int, Double, Int) {
        var uMin = row[0] - v[0], j1 = 0, j2 = 0
        var uSubMin = Double.infinity
        for j in 1..<m {
            let h = row[j] - v[j]
            if h < uSubMin {
                if h >= uMin {
                    uSubMin = h; j2 = j
                } else {
                    uSubMin = uMin; uMin = h; j2 = j1; j1 = j
                }
            }
        }
        return (uMin, j1, uSubMin, j2)
    }

    /// The smallest and second-smallest `row[j] - v[j]` (`m >= 2`) with their columns, in the
    /// order of (value, column): ties go to the lower column. The answer of
    /// `twoSmallestScalar`, with eight lanes each keeping their own two smallest, merged at the
    /// end; used in AVX2 and AVX-512 builds (with SSE2 alone the lane blends cost more than the
    /// scalar scan).
    /// - Complexity: O(m).
    @inline(__always)
    static func twoSmallest(_ row: UnsafePointer<Double>, _ v: UnsafePointer<Double>, _ m: Int) -> (Double, Int, Double, Int) {
        typealias D8 = SIMD8<Double>
        // Column numbers are kept as doubles (exact below 2^53) so that every blend is one
        // floating-point blend.
        var min1 = D8(repeating: .infinity), min2 = D8(repeating: .infinity)
        var idx1 = D8(repeating: .infinity), idx2 = D8(repeating: .infinity)
        var lanes = D8(0, 1, 2, 3, 4, 5, 6, 7)
        var j = 0
        while j + 8 <= m {
            let h = UnsafeRawPointer(row + j).loadUnaligned(as: D8.self) - UnsafeRawPointer(v + j).loadUnaligned(as: D8.self)
            let lt1 = h .< min1, lt2 = h .< min2
            min2 = min2.replacing(with: h, where: lt2).replacing(with: min1, where: lt1)
            idx2 = idx2.replacing(with: lanes, where: lt2).replacing(with: idx1, where: lt1)
            min1 = min1.replacing(with: h, where: lt1)
            idx1 = idx1.replacing(with: lanes, where: lt1)
            lanes += 8
            j += 8
        }
        var a = (value: Double.infinity, column: Int.max), b = (value: Double.infinity, column: Int.max)
        @inline(__always) func insert(_ value: Double, _ column: Int) {
            if value < a.value || (value == a.value && column < a.column) {
                b = a; a = (value, column)
            } else if value < b.value || (value == b.value && column < b.column) {
                b = (value, column)
            }
        }
        for l in 0..<8 {
            if idx1[l].isFinite { insert(min1[l], Int(idx1[l])) }
            if idx2[l].isFinite { insert(min2[l], Int(idx2[l])) }
        }
        while j < m {
            insert(row[j] - v[j], j)
            j += 1
        }
        return (a.value, a.column, b.value, b.column)
    }

    /// Assigns each free row by a Dijkstra shortest augmenting path, then updates duals.
    ///
    /// The columns keep their natural order: a state per column (to do, in the current batch
    /// at the least distance, or final), so the scans over the columns still to do read
    /// `d`, `v` and the cost row contiguously, eight lanes at a time.
    static func augment(
        n: Int, m: Int, cost: UnsafePointer<Double>, x: UnsafeMutableBufferPointer<Int>,
        y: UnsafeMutableBufferPointer<Int>, v: UnsafeMutableBufferPointer<Double>,
        free: UnsafeMutableBufferPointer<Int>, numFree: Int
    ) {
        typealias D8 = SIMD8<Double>
        typealias L8 = SIMD8<Int64>
        let d = UnsafeMutablePointer<Double>.allocate(capacity: m)
        let pred = UnsafeMutablePointer<Int64>.allocate(capacity: m)
        // 0 = still to do, 1 = reached (in the batch or final); doubles, so that the lane
        // masks are floating-point compares like the others.
        let reached = UnsafeMutablePointer<Double>.allocate(capacity: m)
        let batch = UnsafeMutablePointer<Int>.allocate(capacity: m)
        let final = UnsafeMutablePointer<Int>.allocate(capacity: m)
        defer { d.deallocate(); pred.deallocate(); reached.deallocate(); batch.deallocate(); final.deallocate() }
        let vp = v.baseAddress!
        let m8 = m & ~7
        for f in 0..<numFree {
            let freeRow = free[f]
            let rowF = cost + freeRow * m
            for j in 0..<m {
                d[j] = rowF[j] - vp[j]
                pred[j] = Int64(freeRow)
                reached[j] = 0
            }
            var batchCount = 0, finalCount = 0
            var minimum = 0.0
            var endOfPath = -1
            while endOfPath < 0 {
                if batchCount == 0 {
                    // The next batch: every column to do at the least distance.
                    var low = D8(repeating: .infinity)
                    var j = 0
                    while j < m8 {
                        let todo = UnsafeRawPointer(reached + j).loadUnaligned(as: D8.self) .== 0
                        let dj = UnsafeRawPointer(d + j).loadUnaligned(as: D8.self)
                        low = low.replacing(with: dj, where: todo .& (dj .< low))
                        j += 8
                    }
                    minimum = low.min()
                    while j < m { if reached[j] == 0, d[j] < minimum { minimum = d[j] }; j += 1 }
                    for j in 0..<m where reached[j] == 0 && d[j] == minimum {
                        reached[j] = 1
                        batch[batchCount] = j
                        batchCount += 1
                        if y[j] < 0 { endOfPath = j; break }
                    }
                    if endOfPath >= 0 { break }
                }
                // Scan the row assigned to one column of the batch.
                batchCount -= 1
                let j1 = batch[batchCount]
                final[finalCount] = j1
                finalCount += 1
                let i = y[j1]
                let row = cost + i * m
                let u1 = row[j1] - vp[j1] - minimum
                let u1v = D8(repeating: u1), minv = D8(repeating: minimum)
                let iv = L8(repeating: Int64(i))
                var j = 0
                while j < m8 {
                    let todo = UnsafeRawPointer(reached + j).loadUnaligned(as: D8.self) .== 0
                    let v2 = (UnsafeRawPointer(row + j).loadUnaligned(as: D8.self) - UnsafeRawPointer(vp + j).loadUnaligned(as: D8.self)) - u1v
                    let dj = UnsafeRawPointer(d + j).loadUnaligned(as: D8.self)
                    let better = todo .& (v2 .< dj)
                    if any(better) {
                        UnsafeMutableRawPointer(d + j).storeBytes(of: dj.replacing(with: v2, where: better), as: D8.self)
                        let pj = UnsafeRawPointer(pred + j).loadUnaligned(as: L8.self)
                        UnsafeMutableRawPointer(pred + j).storeBytes(of: pj.replacing(with: iv, where: better), as: L8.self)
                        let tight = better .& (v2 .== minv)
                        if any(tight) {
                            for l in 0..<8 where tight[l] {
                                let jj = j + l
                                if y[jj] < 0 { endOfPath = jj; break }
                                reached[jj] = 1
                                batch[batchCount] = jj
                                batchCount += 1
                            }
                            if endOfPath >= 0 { break }
                        }
                    }
                    j += 8
                }
                if endOfPath < 0 {
                    while j < m {
                        if reached[j] == 0 {
                            let v2 = row[j] - vp[j] - u1
                            if v2 < d[j] {
                                pred[j] = Int64(i)
                                d[j] = v2
                                if v2 == minimum {
                                    if y[j] < 0 { endOfPath = j; break }
                                    reached[j] = 1
                                    batch[batchCount] = j
                                    batchCount += 1
                                }
                            }
                        }
                        j += 1
                    }
                }
            }
            // Update the duals of the columns made final.
            for k in 0..<finalCount {
                let j = final[k]
                vp[j] += d[j] - minimum
            }
            // Augment along the path.
            var j = endOfPath
            while true {
                let i = Int(pred[j])
                y[j] = i
                let previous = x[i]
                x[i] = j
                if i == freeRow { break }
                j = previous
            }
        }
    }
}
