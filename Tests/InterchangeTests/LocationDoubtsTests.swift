import CareModel
import Interchange
import Testing

/// Locations outside the British Isles are named with the slip that would explain them.
@Suite struct LocationDoubtsTests {
    /// Places at the edges of the British Isles, from their published coordinates.
    static let inside: [(String, Double, Double)] = [
        ("Gloucester", 51.8642, -2.2382), ("Belfast", 54.5973, -5.9301), ("Lerwick", 60.1550, -1.1450),
        ("St Helier", 49.1868, -2.1076), ("Galway", 53.2707, -9.0568), ("Lowestoft", 52.4811, 1.7534),
        ("Penzance", 50.1186, -5.5371), ("Douglas", 54.1523, -4.4861),
    ]

    @Test func placesInTheBritishIslesAreNotDoubted() {
        for (name, lat, lon) in Self.inside { #expect(LocationDoubts.doubt(Location(latitude: lat, longitude: lon)) == nil, "\(name)") }
    }

    @Test func eachSlipIsNamed() {
        for (name, lat, lon) in Self.inside {
            let swapped = LocationDoubts.doubt(Location(latitude: lon, longitude: lat))
            #expect(swapped?.contains("columns swapped") == true, "\(name): \(swapped ?? "nil")")
            if lon < -2 {
                let unsigned = LocationDoubts.doubt(Location(latitude: lat, longitude: -lon))
                #expect(unsigned?.contains("minus sign missing") == true, "\(name): \(unsigned ?? "nil")")
            }
        }
        #expect(LocationDoubts.doubt(Location(latitude: 0, longitude: 0))?.contains("missing location") == true)
        // Paris and New York: outside, and no slip would bring them in.
        #expect(LocationDoubts.doubt(Location(latitude: 48.8566, longitude: 2.3522)) == "outside Great Britain and Ireland: check the location")
        #expect(LocationDoubts.doubt(Location(latitude: 40.7128, longitude: -74.0060)) == "outside Great Britain and Ireland: check the location")
    }

    static let header = "child_id,age,sex,home_lat,home_lon,school_lat,school_lon,placement\n"

    /// Up to five locations are named, in file order, and the rest counted.
    @Test func warningsNameTheFirstFiveAndCountTheRest() throws {
        var text = Self.header + "C0,5,F,51.86,-2.24,51.87,-2.25,short_term\n"
        for i in 1 ... 7 { text += "C\(i),5,F,-2.24,51.86,,,short_term\n" }
        text += "C8,5,F,51.86,-2.24,0,0,short_term\n"
        let children = try ChildrenFile.parse(Array(text.utf8), file: "c.csv")
        let warnings = LocationDoubts.warnings(children: children, file: "c.csv")
        #expect(warnings.count == 6, "\(warnings)")
        #expect(warnings.first == "warning: c.csv: child C1: home_lat -2.24, home_lon 51.86: swapped, they would lie in the British Isles: are the latitude and longitude columns swapped?")
        #expect(warnings[4].hasPrefix("warning: c.csv: child C5: "))
        #expect(warnings.last == "warning: c.csv: and 3 more locations outside Great Britain and Ireland")
        let households = try HouseholdsFile.parse(Array("""
            household_id,provider,lat,lon,places,occupied,min_age,max_age,approvals,status
            H1,in_house,51.86,2.24,2,0,0,17,short_term,available
            H2,in_house,51.86,-2.24,2,0,0,17,short_term,available

            """.utf8), file: "h.csv")
        #expect(LocationDoubts.warnings(households: households, file: "h.csv") == [
            "warning: h.csv: household H1: lat 51.86, lon 2.24: with the longitude negated they would lie in the British Isles: is its minus sign missing (west of Greenwich is negative)?",
        ])
    }
}
