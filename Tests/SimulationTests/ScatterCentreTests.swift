import CareModel
import Testing
@testable import Simulation

/// The prepared centre's offset must equal `Location.offset` to the bit for random centres
/// across the globe (both hemispheres, near the poles and the date line), distances from zero
/// to thousands of miles and every bearing.
@Test func scatterCentreOffsetEqualsLocationOffsetBitForBit() {
    var rng = Xoshiro256StarStar(seed: 31)
    var mismatches = 0
    for _ in 0..<2000 {
        let centre = Location(latitude: rng.nextUnit() * 179.8 - 89.9, longitude: rng.nextUnit() * 360 - 180)
        let prepared = ScatterCentre(centre)
        for _ in 0..<20 {
            let u = rng.nextUnit()
            let miles = u < 0.1 ? 0 : u < 0.8 ? rng.nextUnit() * 12 : rng.nextUnit() * 5000
            let bearing = rng.nextUnit() * 360
            let expected = centre.offset(miles: miles, bearingDegrees: bearing)
            let got = prepared.offset(miles: miles, bearingDegrees: bearing)
            if got.latitude.bitPattern != expected.latitude.bitPattern || got.longitude.bitPattern != expected.longitude.bitPattern {
                mismatches += 1
            }
        }
    }
    #expect(mismatches == 0)
}
