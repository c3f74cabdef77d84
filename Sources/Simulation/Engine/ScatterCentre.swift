import CareModel

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A district centre prepared for scattering entering children's family homes around it: the
/// sine and cosine of its latitude are computed once instead of twice at every arrival.
///
/// `offset` evaluates the same expressions as `Location.offset(miles:bearingDegrees:)` (the
/// destination point on a sphere given distance and bearing), in the same order, with each
/// trigonometric value computed once and reused: the functions are deterministic, so the
/// result is the same to the bit (a test compares the two on many random points).
struct ScatterCentre: Sendable {
    let centre: Location
    /// The centre's latitude and longitude in radians, and the sine and cosine of the latitude.
    let latitudeRadians: Double
    let longitudeRadians: Double
    let sinLatitude: Double
    let cosLatitude: Double

    init(_ centre: Location) {
        let toRadians = Double.pi / 180
        self.centre = centre
        latitudeRadians = centre.latitude * toRadians
        longitudeRadians = centre.longitude * toRadians
        sinLatitude = sin(latitudeRadians)
        cosLatitude = cos(latitudeRadians)
    }

    /// `centre.offset(miles: miles, bearingDegrees: bearingDegrees)`, bit for bit.
    /// - Complexity: O(1): five trigonometric calls, an arcsine and an arctangent.
    func offset(miles: Double, bearingDegrees: Double) -> Location {
        let toRadians = Double.pi / 180
        let delta = miles / Location.earthRadiusMiles
        let theta = bearingDegrees * toRadians
        let lambda1 = longitudeRadians
        let sinDelta = sin(delta), cosDelta = cos(delta)
        let phi2 = asin(sinLatitude * cosDelta + cosLatitude * sinDelta * cos(theta))
        let lambda2 = lambda1 + atan2(sin(theta) * sinDelta * cosLatitude, cosDelta - sinLatitude * sin(phi2))
        var lon = lambda2 / toRadians
        if lon > 180 { lon -= 360 } else if lon < -180 { lon += 360 }
        return Location(latitude: phi2 / toRadians, longitude: lon)
    }
}
