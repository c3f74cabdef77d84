#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CareModel

/// A uniform latitude-longitude grid of households, with cells at least the distance limit
/// wide, so every household within the limit of a point lies in the 3 x 3 cells around it.
///
/// Households are reordered row-major by cell, so the three cells of one grid row that a
/// point needs are one contiguous range: a query is at most three ranges.
struct HouseholdGrid: Sendable {
    /// Grid position -> index in the caller's household array.
    let order: [Int]
    let cellStart: [Int]
    let rows: Int, columns: Int
    let south: Double, west: Double, cellLat: Double, cellLon: Double

    /// Builds the grid for `locations` and a distance limit in miles.
    /// - Complexity: O(n log n).
    init(locations: [Location], limitMiles: Double) {
        let n = locations.count
        var south = 90.0, north = -90.0, west = 180.0, east = -180.0
        for l in locations {
            south = min(south, l.latitude); north = max(north, l.latitude)
            west = min(west, l.longitude); east = max(east, l.longitude)
        }
        if n == 0 { south = 0; north = 0; west = 0; east = 0 }
        let maxAbsLat = min(89.0, max(abs(south), abs(north)) + 1)
        // Slightly short miles per degree, so cells are slightly wider than the limit.
        let cellLat = max(limitMiles / 68.5, 1e-6)
        let cellLon = max(limitMiles / (69.0 * cos(maxAbsLat * Double.pi / 180)), 1e-6)
        var rows = Int(((north - south) / cellLat).rounded(.down)) + 1
        var columns = Int(((east - west) / cellLon).rounded(.down)) + 1
        if rows * columns > 4_000_000 || limitMiles >= 1000 { rows = 1; columns = 1 }
        self.rows = rows
        self.columns = columns
        self.south = south
        self.west = west
        self.cellLat = rows == 1 ? 1e9 : cellLat
        self.cellLon = columns == 1 ? 1e9 : cellLon
        var cellOf = [Int](repeating: 0, count: n)
        var counts = [Int](repeating: 0, count: rows * columns + 1)
        for (i, l) in locations.enumerated() {
            let r = min(rows - 1, Int((l.latitude - south) / self.cellLat))
            let c = min(columns - 1, Int((l.longitude - west) / self.cellLon))
            cellOf[i] = r * columns + c
            counts[cellOf[i] + 1] += 1
        }
        for k in 0..<(rows * columns) { counts[k + 1] += counts[k] }
        var next = counts
        var order = [Int](repeating: 0, count: n)
        for i in 0..<n {
            order[next[cellOf[i]]] = i
            next[cellOf[i]] += 1
        }
        self.order = order
        self.cellStart = counts
    }

    /// The grid-order ranges holding every household within the limit of `location`.
    func ranges(near location: Location) -> [Range<Int>] {
        let rowPosition = ((location.latitude - south) / cellLat).rounded(.down)
        let columnPosition = ((location.longitude - west) / cellLon).rounded(.down)
        // Far outside the grid (or not a number): nothing within the limit.
        guard rowPosition.isFinite, columnPosition.isFinite, rowPosition >= -1, rowPosition <= Double(rows),
            columnPosition >= -1, columnPosition <= Double(columns)
        else { return [] }
        let r = Int(rowPosition), c = Int(columnPosition)
        let c0 = max(0, c - 1), c1 = min(columns - 1, c + 1)
        let r0 = max(0, r - 1), r1 = min(rows - 1, r + 1)
        guard c0 <= c1, r0 <= r1 else { return [] }
        var result: [Range<Int>] = []
        for row in r0...r1 {
            let lo = cellStart[row * columns + c0], hi = cellStart[row * columns + c1 + 1]
            if lo < hi { result.append(lo..<hi) }
        }
        return result
    }
}
