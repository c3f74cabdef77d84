import CareModel
import Testing
@testable import Simulation

/// The county generator's spatial grid (`FreePlaceGrid`) against the haversine distance: a
/// query lists every point within its radius, from Cornwall to Northumberland, with the grid
/// projected around a latitude in the middle.
@Suite struct FreePlaceGridTests {
    @Test func queriesListEveryPointWithinTheRadius() {
        var rng = Xoshiro256StarStar(seed: 17)
        var grid = FreePlaceGrid(referenceLatitude: 52.5)
        var points: [Location] = []
        for index in 0..<6_000 {
            let point = Location(latitude: Double.random(in: 49.9...55.9, using: &rng), longitude: Double.random(in: -5.5...1.8, using: &rng))
            grid.insert(index, at: point)
            points.append(point)
        }
        var within = 0
        for _ in 0..<2_000 {
            let query = Location(latitude: Double.random(in: 49.9...55.9, using: &rng), longitude: Double.random(in: -5.5...1.8, using: &rng))
            let miles = Double.random(in: 3...30, using: &rng)
            let listed = Set(grid.candidates(near: query, miles: miles))
            for (index, point) in points.enumerated() where point.distanceMiles(to: query) <= miles {
                within += 1
                #expect(listed.contains(index), "point \(point) at \(point.distanceMiles(to: query)) miles of \(query) not listed within \(miles)")
            }
        }
        #expect(within > 10_000)
    }

    @Test func removedPointsAreNotListed() {
        var grid = FreePlaceGrid(referenceLatitude: 52.5)
        let home = Location(latitude: 54.9, longitude: -1.6)
        grid.insert(1, at: home)
        grid.insert(2, at: home.offset(miles: 5, bearingDegrees: 90))
        #expect(Set(grid.candidates(near: home, miles: 10)) == [1, 2])
        grid.remove(1, at: home)
        #expect(grid.candidates(near: home, miles: 10) == [2])
    }
}
