extension Array where Element: Comparable {
    /// The element that would stand at position `k` were the array sorted ascending (`sorted()[k]`),
    /// found without sorting; the array's order is changed.
    ///
    /// ## Design note
    /// Quickselect (Hoare, "Algorithm 65: Find", CACM 4(7), 1961): partition around a pivot and
    /// keep only the side holding position `k`. The pivot is the median of the first, middle and
    /// last elements, so sorted and reversed input (and the spatial grid's lists, made of sorted
    /// blocks) do not meet the quadratic case, and the partition is three-way (Dijkstra's Dutch
    /// national flag), so runs of equal elements end at once. The answer depends only on the
    /// elements, not on their order (it is `sorted()[k]`), which `SelectSmallestTests` checks
    /// against sorting.
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
