#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A point prepared for scattering homes around it (a district centre at every arrival): the
/// sine and cosine of its latitude are computed once. `Location.offset(miles:bearingDegrees:)`
/// is this with a centre prepared for one call, so the two give the same point to the bit.
///
/// The end point is the destination-point formula on a sphere: the latitude from the spherical
/// law of cosines, the longitude from the bearing by atan2.
package struct ScatterCentre: Sendable {
    package let centre: Location
    /// The centre's latitude and longitude in radians, and the sine and cosine of the latitude.
    package let latitudeRadians: Double
    package let longitudeRadians: Double
    package let sinLatitude: Double
    package let cosLatitude: Double

    package init(_ centre: Location) {
        let toRadians = Double.pi / 180
        self.centre = centre
        latitudeRadians = centre.latitude * toRadians
        longitudeRadians = centre.longitude * toRadians
        sinLatitude = sin(latitudeRadians)
        cosLatitude = cos(latitudeRadians)
    }

    /// The point `miles` away from the centre on the compass bearing `bearingDegrees`.
    /// - Complexity: O(1): five trigonometric calls, an arcsine and an arctangent.
    package func offset(miles: Double, bearingDegrees: Double) -> Location {
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
