extension Array where Element: Comparable {
    /// The element that would stand at position `k` were the array sorted ascending (`sorted()[k]`),
    /// found without sorting; the array's order is changed.
    ///
    /// ## Design note
    /// Quickselect (Hoare, "Algorithm 65: Find", CACM 4(7), 1961) with the median of the first,
    /// middle and last elements as the pivot and a three-way partition (Dijkstra's Dutch
    /// national flag), so runs of equal elements and lists made of sorted blocks (the spatial
    /// grid's cells) keep the expected linear time. The answer is the same whatever the order
    /// of the elements: it depends only on their multiset.
    /// - Complexity: O(n) expected, O(n²) worst case; no allocation.
    /// - Precondition: `0 <= k < count`.
    mutating func selectSmallest(_ k: Int) -> Element {
        precondition(k >= 0 && k < count, "position \(k) outside 0..<\(count)")
        var low = 0, high = count - 1
        while low < high {
            let a = self[low], b = self[low + (high - low) / 2], c = self[high]
            let pivot = a < b ? (b < c ? b : (a < c ? c : a)) : (a < c ? a : (b < c ? c : b))
            // Three-way partition of low...high: < pivot, == pivot, > pivot.
            var lessEnd = low, scan = low, greaterStart = high + 1
            while scan < greaterStart {
                if self[scan] < pivot {
                    swapAt(lessEnd, scan)
                    lessEnd += 1
                    scan += 1
                } else if pivot < self[scan] {
                    greaterStart -= 1
                    swapAt(scan, greaterStart)
                } else {
                    scan += 1
                }
            }
            if k < lessEnd {
                high = lessEnd - 1
            } else if k >= greaterStart {
                low = greaterStart
            } else {
                return pivot
            }
        }
        return self[k]
    }
}
