/// A sparse cost matrix in compressed sparse row (CSR) form: only allowed pairs are stored.
package struct SparseCostMatrix: Sendable {
    package var rows: Int
    package var columns: Int
    /// Row `i`'s entries are `rowStart[i] ..< rowStart[i + 1]`.
    package var rowStart: [Int]
    package var columnIndex: [Int32]
    package var cost: [Double]

    package init(rows: Int, columns: Int, rowStart: [Int], columnIndex: [Int32], cost: [Double]) {
        precondition(rowStart.count == rows + 1 && columnIndex.count == cost.count && rowStart.last == cost.count)
        self.rows = rows
        self.columns = columns
        self.rowStart = rowStart
        self.columnIndex = columnIndex
        self.cost = cost
    }

    /// Builds a matrix from (row, column, cost) triples in any order (no duplicate pairs).
    /// - Complexity: O(entries + rows).
    package init(rows: Int, columns: Int, triples: [(row: Int, column: Int, cost: Double)]) {
        var counts = [Int](repeating: 0, count: rows + 1)
        for t in triples { counts[t.row + 1] += 1 }
        for i in 0..<rows { counts[i + 1] += counts[i] }
        var next = counts
        var columnIndex = [Int32](repeating: 0, count: triples.count)
        var cost = [Double](repeating: 0, count: triples.count)
        for t in triples {
            columnIndex[next[t.row]] = Int32(t.column)
            cost[next[t.row]] = t.cost
            next[t.row] += 1
        }
        self.init(rows: rows, columns: columns, rowStart: counts, columnIndex: columnIndex, cost: cost)
    }

    /// The number of stored (allowed) entries.
    package var entryCount: Int { cost.count }
}

/// Exact minimum-cost assignment on a sparse matrix: shortest augmenting paths with a heap.
///
/// ## Design note
/// The sparse member of the Jonker-Volgenant family (as LAPJVsp): dual prices on columns,
/// a greedy row-minimum start, then for each free row a Dijkstra search over reduced costs of
/// the stored entries only, with a binary heap, stopping at the first unassigned column
/// reached; scanned columns' duals are lowered so reduced costs stay >= 0. Every row also has
/// a private "unassigned" column of a penalty cost larger than any difference the real
/// entries can make, so every search succeeds, the result has the most real pairs possible
/// and, among those, the least total cost (the minimum-cost maximum-cardinality matching),
/// exactly as the dense solver with forbidden entries. Rows may outnumber columns.
/// - Complexity: O(n E log E) worst case for E stored entries; near O(E log E) on typical
///   instances, where searches end after a few columns.
package enum SparseAssignment {
    /// The minimum-cost maximum-cardinality assignment of `matrix`.
    package static func solve(_ matrix: SparseCostMatrix) -> AssignmentResult {
        let n = matrix.rows, m = matrix.columns
        guard n > 0, matrix.entryCount > 0 else {
            return AssignmentResult(rowToColumn: Array(repeating: -1, count: n), totalCost: 0)
        }
        var lo = Double.infinity, hi = -Double.infinity
        for c in matrix.cost {
            precondition(c.isFinite, "sparse costs must be finite (leave forbidden pairs out)")
            lo = min(lo, c); hi = max(hi, c)
        }
        let penalty = hi + (hi - lo + 1) * Double(min(n, m) + 1)
        let total = m + n
        var x = [Int](repeating: -1, count: n)
        var xCost = [Double](repeating: 0, count: n)
        var y = [Int32](repeating: -1, count: total)
        var v = [Double](repeating: 0, count: total)
        var freeRows: [Int] = []
        freeRows.reserveCapacity(n)
        matrix.rowStart.withUnsafeBufferPointer { start in
        matrix.columnIndex.withUnsafeBufferPointer { col in
        matrix.cost.withUnsafeBufferPointer { cost in
            // Greedy start: each row's cheapest entry if that column is still free.
            for i in 0..<n {
                var best = m + i, bestCost = penalty
                for e in start[i]..<start[i + 1] where cost[e] < bestCost {
                    bestCost = cost[e]
                    best = Int(col[e])
                }
                if y[best] < 0 {
                    y[best] = Int32(i); x[i] = best; xCost[i] = bestCost
                } else {
                    freeRows.append(i)
                }
            }
            var search = Search(columns: total)
            for f in freeRows {
                search.augment(
                    from: f, m: m, penalty: penalty, start: start, col: col, cost: cost,
                    x: &x, xCost: &xCost, y: &y, v: &v)
            }
        }}}
        var rowToColumn = [Int](repeating: -1, count: n)
        var sum = 0.0
        for i in 0..<n where x[i] < m {
            rowToColumn[i] = x[i]
            sum += xCost[i]
        }
        return AssignmentResult(rowToColumn: rowToColumn, totalCost: sum)
    }

    /// Reusable work arrays of one Dijkstra search (reset lazily by a stamp).
    struct Search {
        var distance: [Double]
        var predecessor: [Int32]
        var predecessorCost: [Double]
        var seen: [UInt32]
        var final: [UInt32]
        var stamp: UInt32 = 0
        var heap = MinHeap()
        var scanned: [Int32] = []

        init(columns: Int) {
            distance = [Double](repeating: 0, count: columns)
            predecessor = [Int32](repeating: -1, count: columns)
            predecessorCost = [Double](repeating: 0, count: columns)
            seen = [UInt32](repeating: 0, count: columns)
            final = [UInt32](repeating: 0, count: columns)
        }

        mutating func augment(
            from freeRow: Int, m: Int, penalty: Double, start: UnsafeBufferPointer<Int>,
            col: UnsafeBufferPointer<Int32>, cost: UnsafeBufferPointer<Double>,
            x: inout [Int], xCost: inout [Double], y: inout [Int32], v: inout [Double]
        ) {
            stamp &+= 1
            heap.removeAll()
            scanned.removeAll(keepingCapacity: true)
            let s = stamp
            distance.withUnsafeMutableBufferPointer { dist in
            predecessor.withUnsafeMutableBufferPointer { pred in
            predecessorCost.withUnsafeMutableBufferPointer { predCost in
            seen.withUnsafeMutableBufferPointer { seen in
            final.withUnsafeMutableBufferPointer { final in
            v.withUnsafeMutableBufferPointer { v in
            y.withUnsafeMutableBufferPointer { y in
                @inline(__always) func relax(_ j: Int, _ d: Double, _ i: Int, _ c: Double) {
                    if final[j] == s { return }
                    if seen[j] != s || d < dist[j] {
                        seen[j] = s
                        dist[j] = d
                        pred[j] = Int32(i)
                        predCost[j] = c
                        heap.push(d, Int32(j))
                    }
                }
                for e in start[freeRow]..<start[freeRow + 1] {
                    let j = Int(col[e])
                    relax(j, cost[e] - v[j], freeRow, cost[e])
                }
                relax(m + freeRow, penalty - v[m + freeRow], freeRow, penalty)
                var sink = -1
                var sinkDistance = 0.0
                while let (d, j32) = heap.pop() {
                    let j = Int(j32)
                    if final[j] == s || d > dist[j] { continue }
                    if y[j] < 0 { sink = j; sinkDistance = d; break }
                    final[j] = s
                    scanned.append(j32)
                    let i = Int(y[j])
                    let reduced = d - (xCost[i] - v[j])
                    for e in start[i]..<start[i + 1] {
                        let k = Int(col[e])
                        relax(k, reduced + cost[e] - v[k], i, cost[e])
                    }
                    relax(m + i, reduced + penalty - v[m + i], i, penalty)
                }
                precondition(sink >= 0, "every row has its own unassigned column")
                for j32 in scanned {
                    let j = Int(j32)
                    v[j] += dist[j] - sinkDistance
                }
                var j = sink
                while true {
                    let i = Int(pred[j])
                    y[j] = Int32(i)
                    let previous = x[i]
                    x[i] = j
                    xCost[i] = predCost[j]
                    if i == freeRow { break }
                    j = previous
                }
            }}}}}}}
        }
    }
}

/// A binary min-heap of (key, value) pairs, for Dijkstra with lazy deletion.
struct MinHeap {
    private var keys: [Double] = []
    private var values: [Int32] = []

    mutating func removeAll() {
        keys.removeAll(keepingCapacity: true)
        values.removeAll(keepingCapacity: true)
    }

    mutating func push(_ key: Double, _ value: Int32) {
        keys.append(key)
        values.append(value)
        var child = keys.count - 1
        while child > 0 {
            let parent = (child - 1) >> 1
            if keys[parent] <= key { break }
            keys[child] = keys[parent]
            values[child] = values[parent]
            child = parent
        }
        keys[child] = key
        values[child] = value
    }

    mutating func pop() -> (Double, Int32)? {
        guard let lastKey = keys.last else { return nil }
        let top = (keys[0], values[0])
        let lastValue = values.removeLast()
        keys.removeLast()
        let count = keys.count
        if count > 0 {
            var parent = 0
            while true {
                var child = 2 * parent + 1
                if child >= count { break }
                if child + 1 < count && keys[child + 1] < keys[child] { child += 1 }
                if keys[child] >= lastKey { break }
                keys[parent] = keys[child]
                values[parent] = values[child]
                parent = child
            }
            keys[parent] = lastKey
            values[parent] = lastValue
        }
        return top
    }
}
