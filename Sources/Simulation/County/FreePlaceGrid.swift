import Foundation
import CareModel

/// A coarse spatial index of households with free places, for generating large counties.
///
/// Points are projected onto a flat grid (equirectangular around a reference latitude, accurate
/// to well under 1% over England) with square cells of `cellMiles`. A query visits only the
/// cells that can hold points within the radius, so placing n children among h households costs
/// about O(n·k) for k households near each home instead of O(n·h).
struct FreePlaceGrid {
    static let milesPerDegree = 69.172
    let cellMiles: Double
    let cosLatitude: Double
    private var cells: [Int64: [Int]] = [:]

    init(referenceLatitude: Double, cellMiles: Double = 5) {
        self.cellMiles = cellMiles
        self.cosLatitude = cos(referenceLatitude * .pi / 180)
    }

    func cell(of location: Location) -> (Int, Int) {
        let x = location.longitude * cosLatitude * Self.milesPerDegree / cellMiles
        let y = location.latitude * Self.milesPerDegree / cellMiles
        return (Int(x.rounded(.down)), Int(y.rounded(.down)))
    }

    static func key(_ x: Int, _ y: Int) -> Int64 { Int64(x) << 32 | Int64(UInt32(bitPattern: Int32(truncatingIfNeeded: y))) }

    mutating func insert(_ index: Int, at location: Location) {
        let (x, y) = cell(of: location)
        cells[Self.key(x, y), default: []].append(index)
    }

    /// Indices in the cells overlapping the square around `location` of half-side `miles`
    /// (a superset of those within `miles`; callers filter by exact distance).
    func candidates(near location: Location, miles: Double) -> [Int] {
        let (cx, cy) = cell(of: location)
        let reach = Int((miles / cellMiles).rounded(.up))
        var result: [Int] = []
        for dx in -reach...reach {
            for dy in -reach...reach {
                if let bucket = cells[Self.key(cx + dx, cy + dy)] { result += bucket }
            }
        }
        return result.sorted()
    }

    /// Drops `index` from its cell (when its household is full).
    mutating func remove(_ index: Int, at location: Location) {
        let (x, y) = cell(of: location)
        let key = Self.key(x, y)
        cells[key]?.removeAll { $0 == index }
    }
}
