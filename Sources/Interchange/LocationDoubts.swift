import CareModel

/// Warnings about children's and households' coordinates that lie outside the British Isles,
/// where an English council's families and carers live.
///
/// ## Design
/// A location typed or exported wrongly is still two valid numbers, so the reader accepts it,
/// and matching then reads the home as thousands of miles from every carer: every household
/// fails the distance rule and nothing says why. The usual slips each leave a mark this check
/// reads: the two columns swapped (51.9, -2.2 read as latitude -2.2, longitude 51.9: the Horn
/// of Africa), the minus sign of a western longitude dropped (the North Sea or the Low
/// Countries), and 0, 0 written for a missing location. A location outside the box holding
/// Great Britain, Ireland, the Isle of Man and the Channel Islands (latitudes 49-61, longitudes
/// -11 to 2: their extremes are Jersey at 49.2°N, Shetland at 60.9°N, County Kerry at 10.7°W and
/// Lowestoft at 1.76°E) is named with the slip that would put it inside, if one would. These
/// are warnings, not errors: a home abroad may be real.
public enum LocationDoubts {
    /// Latitudes of the British Isles' box.
    static let latitudes = 49.0 ... 61.0
    /// Longitudes of the British Isles' box.
    static let longitudes = -11.0 ... 2.0
    /// The most locations named per file; the rest are counted.
    public static let listed = 5

    /// Whether a point lies in the British Isles' box.
    static func inBritishIsles(_ latitude: Double, _ longitude: Double) -> Bool {
        latitudes.contains(latitude) && longitudes.contains(longitude)
    }

    /// Why a location is doubted, nil when it lies in the British Isles' box.
    /// - Complexity: O(1).
    public static func doubt(_ location: Location) -> String? {
        let (lat, lon) = (location.latitude, location.longitude)
        if inBritishIsles(lat, lon) { return nil }
        if lat == 0 && lon == 0 { return "0, 0 is often written for a missing location: leave both blank, or give the location" }
        if inBritishIsles(lon, lat) { return "swapped, they would lie in the British Isles: are the latitude and longitude columns swapped?" }
        if inBritishIsles(lat, -lon) { return "with the longitude negated they would lie in the British Isles: is its minus sign missing (west of Greenwich is negative)?" }
        return "outside Great Britain and Ireland: check the location"
    }

    /// A located record to check: what it is (`child R0007`), its columns, its location.
    public typealias Place = (what: String, latColumn: String, lonColumn: String, location: Location)

    /// Warnings for those of `places` outside the British Isles' box, in their order: at most
    /// `listed` named, the rest counted as "more `plural`".
    /// - Complexity: O(places).
    public static func warnings(_ places: some Sequence<Place>, file: String, plural: String) -> [String] {
        var found: [String] = []
        var count = 0
        for place in places {
            guard let doubt = doubt(place.location) else { continue }
            count += 1
            if found.count < listed {
                found.append("warning: \(file): \(place.what): \(place.latColumn) \(number(place.location.latitude)), \(place.lonColumn) \(number(place.location.longitude)): \(doubt)")
            }
        }
        if count > listed { found.append("warning: \(file): and \(count - listed) more \(plural) outside Great Britain and Ireland") }
        return found
    }

    /// Warnings for the children's homes and schools outside the British Isles' box.
    public static func warnings(children: [Child], file: String) -> [String] {
        warnings(children.lazy.flatMap { child -> [Place] in
            let home: Place = ("child \(child.id.rawValue)", "home_lat", "home_lon", child.home)
            guard let school = child.school else { return [home] }
            return [home, ("child \(child.id.rawValue)", "school_lat", "school_lon", school)]
        }, file: file, plural: "locations")
    }

    /// Warnings for the households outside the British Isles' box.
    public static func warnings(households: [Household], file: String) -> [String] {
        warnings(households.lazy.map { ("household \($0.id.rawValue)", "lat", "lon", $0.location) }, file: file, plural: "households")
    }

    /// A coordinate as read (up to 6 decimals, no trailing zeros).
    static func number(_ x: Double) -> String {
        var text = String(format: "%.6f", x)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }
}
