import CareModel
import Testing

/// Great-circle distances against published city-pair figures.
@Suite struct LocationTests {
    // Coordinates of city centres; expected great-circle miles from standard references
    // (e.g. London-Paris 213.5 mi, London-New York 3,461 mi, Gloucester-Cheltenham ~7.6 mi).
    @Test(arguments: [
        (Location(latitude: 51.5074, longitude: -0.1278), Location(latitude: 48.8566, longitude: 2.3522), 213.5, 1.5),
        (Location(latitude: 51.5074, longitude: -0.1278), Location(latitude: 40.7128, longitude: -74.0060), 3461.0, 10.0),
        (Location(latitude: 51.8642, longitude: -2.2382), Location(latitude: 51.8994, longitude: -2.0783), 7.2, 0.5),
        (Location(latitude: 53.4808, longitude: -2.2426), Location(latitude: 51.4545, longitude: -2.5879), 140.8, 2.0),
    ])
    func knownCityPairs(a: Location, b: Location, miles: Double, tolerance: Double) {
        #expect(abs(a.distanceMiles(to: b) - miles) < tolerance)
        #expect(abs(a.distanceMiles(to: b) - b.distanceMiles(to: a)) < 1e-9)
    }

    @Test func zeroAndAntipodes() {
        let p = Location(latitude: 51.86, longitude: -2.24)
        #expect(p.distanceMiles(to: p) == 0)
        let antipode = Location(latitude: -51.86, longitude: 177.76)
        #expect(abs(p.distanceMiles(to: antipode) - Double.pi * Location.earthRadiusMiles) < 1e-6)
    }

    @Test func offsetRoundTrips() {
        let origin = Location(latitude: 51.86, longitude: -2.24)
        for bearing in stride(from: 0.0, to: 360, by: 30) {
            let moved = origin.offset(miles: 12.5, bearingDegrees: bearing)
            #expect(abs(origin.distanceMiles(to: moved) - 12.5) < 1e-6)
        }
        // The bearing is a compass bearing: north raises the latitude alone, east the longitude.
        let north = origin.offset(miles: 12.5, bearingDegrees: 0), east = origin.offset(miles: 12.5, bearingDegrees: 90)
        #expect(north.latitude > origin.latitude && abs(north.longitude - origin.longitude) < 1e-12)
        #expect(east.longitude > origin.longitude && abs(east.latitude - origin.latitude) < 0.01)
    }
}
