#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A point on the Earth's surface in decimal degrees (WGS84 latitude and longitude).
public struct Location: Hashable, Sendable, Codable {
    /// Degrees north of the equator, -90...90.
    public var latitude: Double
    /// Degrees east of Greenwich, -180...180.
    public var longitude: Double

    public init(latitude: Double, longitude: Double) {
        self.latitude = latitude
        self.longitude = longitude
    }

    /// The mean radius of the Earth in statute miles (IUGG mean radius 6,371.0088 km).
    public static let earthRadiusMiles = 3958.7613

    /// Whether both coordinates are finite and inside their ranges.
    public var isValid: Bool {
        latitude.isFinite && longitude.isFinite && (-90...90).contains(latitude)
            && (-180...180).contains(longitude)
    }

    /// The great-circle ("straight line") distance to `other` in miles, by the haversine formula.
    ///
    /// This is the measure the DfE uses for "placed more than 20 miles from home". The haversine
    /// form is numerically stable for short distances, unlike the spherical law of cosines.
    /// - Complexity: O(1), a handful of trigonometric calls.
    public func distanceMiles(to other: Location) -> Double {
        distanceMiles(to: other, cosLatitude: cosLatitude, otherCosLatitude: other.cosLatitude)
    }

    /// The cosine of the latitude, which `distanceMiles` reads for each point.
    public var cosLatitude: Double { cos(latitude * (Double.pi / 180)) }

    /// `distanceMiles(to:)` given both points' `cosLatitude`, read once for a point measured
    /// against many: the same number to the bit.
    /// - Complexity: O(1), three trigonometric calls.
    public func distanceMiles(to other: Location, cosLatitude cos1: Double, otherCosLatitude cos2: Double) -> Double {
        let toRadians = Double.pi / 180
        let dPhi = (other.latitude - latitude) * toRadians
        let dLambda = (other.longitude - longitude) * toRadians
        let sinHalfPhi = sin(dPhi / 2)
        let sinHalfLambda = sin(dLambda / 2)
        let h = sinHalfPhi * sinHalfPhi + cos1 * cos2 * sinHalfLambda * sinHalfLambda
        return 2 * Location.earthRadiusMiles * asin(min(1, h.squareRoot()))
    }

    /// A point `miles` away from this one on the given compass bearing (degrees clockwise from north).
    ///
    /// Used by generators to scatter homes around district centres.
    public func offset(miles: Double, bearingDegrees: Double) -> Location {
        ScatterCentre(self).offset(miles: miles, bearingDegrees: bearingDegrees)
    }
}
