import Foundation
import CareModel

/// A coarse spatial index of households with free places, for generating large counties.
///
/// Points are projected onto a flat grid (equirectangular around a reference latitude) with
/// square cells of `cellMiles`. A query visits the cells that can hold points within the radius,
/// widened east to west where the projection stretches distances (north of the reference
/// latitude, by up to 9% over England), so placing n children among h households costs about
/// O(n·k) for k households near each home instead of O(n·h).
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

    /// Indices in the cells of the rectangle around `location` that holds every point within
    /// `miles` (a superset of those within `miles`; callers filter by exact distance), cell by cell in
    /// no particular order: callers that need an order sort what they keep.
    func candidates(near location: Location, miles: Double) -> [Int] {
        let (cx, cy) = cell(of: location)
        // North to south the grid's miles are the haversine's to 0.2% (69.172 against 69.093
        // miles a degree), east to west they are the true miles scaled by the reference latitude's
        // cosine over the point's; the scale is taken at the latitude in reach with the
        // smallest cosine.
        let trueMilesPerDegree = Location.earthRadiusMiles * .pi / 180
        let scale = Self.milesPerDegree / trueMilesPerDegree
        let farthestLatitude = min(89.9, abs(location.latitude) + miles / trueMilesPerDegree)
        let eastWestScale = scale * cosLatitude / cos(farthestLatitude * .pi / 180)
        let reachY = Int((miles * scale / cellMiles).rounded(.up))
        let reachX = Int((miles * eastWestScale / cellMiles).rounded(.up))
        var result: [Int] = []
        for dx in -reachX...reachX {
            for dy in -reachY...reachY {
                if let bucket = cells[Self.key(cx + dx, cy + dy)] { result += bucket }
            }
        }
        return result
    }

    /// Drops `index` from its cell (when its household is full).
    mutating func remove(_ index: Int, at location: Location) {
        let (x, y) = cell(of: location)
        let key = Self.key(x, y)
        cells[key]?.removeAll { $0 == index }
    }
}
