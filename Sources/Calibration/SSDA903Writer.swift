import Interchange
import Simulation
import CareModel
import Foundation

/// Writing SSDA903 tables as CSV (for synthetic returns, demos and tests).
public enum SSDA903Writer {
    public static let headerColumns = ["CHILD", "SEX", "DOB", "ETHNIC", "UPN", "MOTHER", "MC_DOB"]
    public static let episodeColumns = ["CHILD", "DECOM", "RNE", "LS", "CIN", "PLACE", "PLACE_PROVIDER", "DEC", "REC",
                                        "REASON_PLACE_CHANGE", "HOME_POST", "PL_POST", "URN"]
    public static let uascColumns = ["CHILD", "SEX", "DOB", "DUC"]

    /// `DD/MM/YYYY`, the DfE form.
    public static func dfeDate(_ day: CalendarDay) -> String {
        let (y, m, d) = day.components
        return "\(d < 10 ? "0" : "")\(d)/\(m < 10 ? "0" : "")\(m)/\(y)"
    }

    /// SEX in the code list of the collection year: 1/2 before 2024/25, M/F/U from then.
    static func sexCode(_ sex: Sex, newEra: Bool) -> String {
        if newEra { return sex.rawValue }
        switch sex {
        case .male: return "1"
        case .female: return "2"
        case .unknown: return "U"
        }
    }

    /// The three tables as CSV text. A child's SEX uses the code list of the last year they
    /// appear in; `isoDates` writes YYYY-MM-DD instead of DD/MM/YYYY.
    public static func render(_ data: SSDA903Return, isoDates: Bool = false) -> (header: String, episodes: String, uasc: String) {
        func format(_ day: CalendarDay) -> String { isoDates ? day.description : dfeDate(day) }
        var lastSeen: [String: CalendarDay] = [:]
        for e in data.episodes {
            let day = e.end ?? e.start
            if let seen = lastSeen[e.child], seen >= day { continue }
            lastSeen[e.child] = day
        }
        let header = data.headers.map { h -> [String] in
            let newEra = (lastSeen[h.child] ?? h.dob) >= SSDA903Codes.year2024Start
            return [h.child, sexCode(h.sex, newEra: newEra), format(h.dob), h.ethnic ?? "", "", h.mother ?? "", ""]
        }
        let episodes = data.episodes.map { e -> [String] in
            [e.child, format(e.start), e.reasonNew.rawValue, e.legalStatus, e.categoryOfNeed ?? "", e.place, e.provider ?? "",
             e.end.map(format) ?? "", e.reasonEnded ?? "", e.reasonPlaceChange ?? "", e.homePostcode ?? "", e.placementPostcode ?? "", e.urn ?? ""]
        }
        let uasc = data.uasc.map { u -> [String] in
            let newEra = (lastSeen[u.child] ?? u.dob ?? SSDA903Codes.year2024Start) >= SSDA903Codes.year2024Start
            return [u.child, u.sex.map { sexCode($0, newEra: newEra) } ?? "", u.dob.map(format) ?? "", u.ceased.map(format) ?? ""]
        }
        return (CSV.render(header: headerColumns, rows: header), CSV.render(header: episodeColumns, rows: episodes),
                CSV.render(header: uascColumns, rows: uasc))
    }

    /// Centroids as `postcode_district,lat,lon`.
    public static func renderCentroids(_ centroids: [(district: String, location: Location)]) -> String {
        CSV.render(header: ["postcode_district", "lat", "lon"], rows: centroids.map {
            [$0.district, Coordinate.format($0.location.latitude), Coordinate.format($0.location.longitude)]
        })
    }

    /// Writes header.csv, episodes.csv, uasc.csv (and postcode_districts.csv) into `directory`,
    /// all or nothing.
    public static func write(_ data: SSDA903Return, centroids: [(district: String, location: Location)]?, to directory: String, isoDates: Bool = false) throws {
        let tables = render(data, isoDates: isoDates)
        func path(_ name: String) -> String { (directory as NSString).appendingPathComponent(name) }
        var files: [(path: String, data: Data)] = [
            (path("header.csv"), Data(tables.header.utf8)),
            (path("episodes.csv"), Data(tables.episodes.utf8)),
            (path("uasc.csv"), Data(tables.uasc.utf8)),
        ]
        if let centroids {
            files.append((path("postcode_districts.csv"), Data(renderCentroids(centroids).utf8)))
        }
        try AtomicFile.writeAll(files)
    }
}
