import Interchange
import Simulation
import CareModel
import Foundation

/// Reading a council's SSDA903 tables (Header, Episodes, UASC) from CSV.
///
/// Two kinds of trouble are told apart. A *malformed* file — broken CSV quoting, a missing
/// column, a row with the wrong number of fields, a date that is not a date, a code from no
/// era's list in SEX or RNE — cannot be read with confidence, so reading stops with every such
/// problem located (`file:line: FIELD "value": expected ...`, exit code 2 in the CLI). A row
/// that is well formed but *unusable for modelling* (a blank CHILD, DOB or DECOM; an unknown
/// PLACE code read as `other`) is kept out or read leniently and listed in the cleaning report.
/// Dates are DD/MM/YYYY or ISO YYYY-MM-DD; SEX is 1/2 (before 2024/25) or M/F/U.
public enum SSDA903Reader {
    public static let headerRequired = ["child", "sex", "dob"]
    public static let headerOptional = ["ethnic", "upn", "mother", "mc_dob"]
    public static let episodesRequired = ["child", "decom", "rne", "ls", "place", "dec", "rec"]
    public static let episodesOptional = ["cin", "place_provider", "reason_place_change", "home_post", "pl_post", "urn"]
    public static let uascRequired = ["child"]
    public static let uascOptional = ["sex", "dob", "duc"]

    /// The tables' files found in a directory.
    public struct Files: Sendable, Equatable {
        public var header: [String]
        public var episodes: [String]
        public var uasc: [String]
        /// A postcode-district centroid table (`postcode_district,lat,lon`), if one is there.
        public var postcodes: String?
    }

    /// Finds the tables in `directory` and its immediate subdirectories (one per year is fine).
    ///
    /// A `.csv` file is a Header table when its name contains `header`, an Episodes table when it
    /// contains `episode`, a UASC table when it contains `uasc` (case-insensitive), so the plain
    /// `header.csv`, `episodes.csv`, `uasc.csv` and the DfE-style `SSDA903_2024_Header.csv`,
    /// `Episodes.csv`, `UASC.csv` all work. `postcode` in the name marks a centroid table.
    /// Several files of one table are read in name order; later ones win ties.
    public static func locate(directory: String) throws(InvalidInput) -> Files {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        guard manager.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw InvalidInput([InputProblem(file: directory, line: nil, message: "no such directory: expected a directory holding header.csv and episodes.csv (and uasc.csv)")])
        }
        var paths: [String] = []
        // Paths are joined as text so that a relative DIR gives relative paths in messages.
        for name in (try? manager.contentsOfDirectory(atPath: directory)) ?? [] where !name.hasPrefix(".") {
            let path = (directory as NSString).appendingPathComponent(name)
            var sub: ObjCBool = false
            _ = manager.fileExists(atPath: path, isDirectory: &sub)
            if sub.boolValue {
                for inner in (try? manager.contentsOfDirectory(atPath: path)) ?? [] where !inner.hasPrefix(".") {
                    paths.append((path as NSString).appendingPathComponent(inner))
                }
            } else {
                paths.append(path)
            }
        }
        paths.sort()
        var files = Files(header: [], episodes: [], uasc: [], postcodes: nil)
        for path in paths {
            let name = (path as NSString).lastPathComponent.lowercased()
            guard name.hasSuffix(".csv") else { continue }
            if name.contains("postcode") { files.postcodes = files.postcodes ?? path }
            else if name.contains("header") { files.header.append(path) }
            else if name.contains("episode") { files.episodes.append(path) }
            else if name.contains("uasc") { files.uasc.append(path) }
        }
        var problems: [InputProblem] = []
        if files.header.isEmpty { problems.append(InputProblem(file: directory, line: nil, message: "no Header table: expected a file such as header.csv")) }
        if files.episodes.isEmpty { problems.append(InputProblem(file: directory, line: nil, message: "no Episodes table: expected a file such as episodes.csv")) }
        if !problems.isEmpty { throw InvalidInput(problems) }
        return files
    }

    /// Reads every table in `files`; throws every malformation found in any of them.
    public static func read(_ files: Files) throws(InvalidInput) -> SSDA903Return {
        var data = SSDA903Return()
        var problems: [InputProblem] = []
        var counts = (header: 0, episodes: 0, uasc: 0)
        func load(_ path: String, _ body: ([UInt8], String, inout SSDA903Return) -> (Int, [InputProblem])) -> Int {
            do {
                let bytes = try InputFile.bytes(at: path)
                let (rows, found) = body(bytes, path, &data)
                problems += found
                return rows
            } catch {
                problems += error.problems
                return 0
            }
        }
        for path in files.header { counts.header += load(path) { parseHeader($0, file: $1, into: &$2) } }
        for path in files.episodes { counts.episodes += load(path) { parseEpisodes($0, file: $1, into: &$2) } }
        for path in files.uasc { counts.uasc += load(path) { parseUASC($0, file: $1, into: &$2) } }
        if !problems.isEmpty { throw InvalidInput(problems) }
        data.rowsRead = counts
        return data
    }

    /// Registers `file` in `data.files` and returns its index.
    static func fileIndex(_ file: String, in data: inout SSDA903Return) -> Int {
        if let i = data.files.firstIndex(of: file) { return i }
        data.files.append(file)
        return data.files.count - 1
    }

    /// A date field: nil and no problem when blank; logs `expected a date` when not a date.
    static func date(_ row: TableRow, _ column: String) -> (blank: Bool, value: CalendarDay?) {
        guard let text = row.text(column) else { return (true, nil) }
        guard let day = CalendarDay(parsing: text) else {
            row.problem(column, "\(column.uppercased()) \"\(text)\": expected a date DD/MM/YYYY or YYYY-MM-DD")
            return (false, nil)
        }
        return (false, day)
    }

    static func unusable(_ data: inout SSDA903Return, _ file: String, _ line: Int, _ column: String?, _ reason: String) {
        data.readIssues.append(CleaningReport.Issue(file: file, line: line, column: column, action: .dropped, reason: reason))
    }

    static func noted(_ data: inout SSDA903Return, _ file: String, _ line: Int, _ column: String?, _ reason: String) {
        data.readIssues.append(CleaningReport.Issue(file: file, line: line, column: column, action: .noted, reason: reason))
    }

    /// SEX in either code era (1/2 before 2024/25, M/F/U after); blank is nil, anything else a problem.
    static func sex(_ row: TableRow) -> Sex? {
        guard let text = row.text("sex") else { return nil }
        let sex = SSDA903Codes.sex(text)
        if sex == nil { row.problem("sex", "SEX \"\(text)\": expected 1 or 2 (before 2024/25), or M, F or U") }
        return sex
    }

    /// Parses a Header table; returns the number of data rows and the malformations.
    public static func parseHeader(_ bytes: [UInt8], file: String, into data: inout SSDA903Return) -> (rows: Int, problems: [InputProblem]) {
        let log = ProblemLog(file: file)
        let index = fileIndex(file, in: &data)
        guard let table = Table(bytes: bytes, file: file, required: headerRequired, optional: headerOptional, log: log) else {
            return (0, log.problems)
        }
        for row in table.rows {
            let dob = date(row, "dob")
            let sex = sex(row)
            guard log.problems.isEmpty else { continue }
            guard let child = row.text("child") else {
                unusable(&data, file, row.line, "CHILD", "CHILD is blank")
                continue
            }
            guard let birth = dob.value else {
                unusable(&data, file, row.line, "DOB", "DOB is blank for child \(child)")
                continue
            }
            if sex == nil { noted(&data, file, row.line, "SEX", "SEX is blank for child \(child): read as U") }
            data.headers.append(SSDA903Header(child: child, sex: sex ?? .unknown, dob: birth, ethnic: row.text("ethnic")?.uppercased(),
                                              mother: row.text("mother"), source: RowSource(file: index, line: row.line)))
        }
        return (table.rows.count, log.problems)
    }

    /// Parses an Episodes table; returns the number of data rows and the malformations.
    public static func parseEpisodes(_ bytes: [UInt8], file: String, into data: inout SSDA903Return) -> (rows: Int, problems: [InputProblem]) {
        let log = ProblemLog(file: file)
        let index = fileIndex(file, in: &data)
        guard let table = Table(bytes: bytes, file: file, required: episodesRequired, optional: episodesOptional, log: log) else {
            return (0, log.problems)
        }
        data.episodes.reserveCapacity(data.episodes.count + table.rows.count)
        for row in table.rows {
            let start = date(row, "decom")
            let end = date(row, "dec")
            var rne: ReasonNewEpisode?
            if let text = row.text("rne") {
                rne = ReasonNewEpisode(rawValue: text.uppercased())
                if rne == nil { row.problem("rne", "RNE \"\(text)\": expected one of S, L, P, T, B, U") }
            }
            guard log.problems.isEmpty else { continue }
            guard let child = row.text("child") else {
                unusable(&data, file, row.line, "CHILD", "CHILD is blank")
                continue
            }
            guard let decom = start.value else {
                unusable(&data, file, row.line, "DECOM", "DECOM is blank for child \(child)")
                continue
            }
            guard let rne else {
                unusable(&data, file, row.line, "RNE", "RNE is blank for child \(child)")
                continue
            }
            guard let ls = row.text("ls")?.uppercased() else {
                unusable(&data, file, row.line, "LS", "LS is blank for child \(child)")
                continue
            }
            guard let place = row.text("place")?.uppercased() else {
                unusable(&data, file, row.line, "PLACE", "PLACE is blank for child \(child)")
                continue
            }
            if !SSDA903Codes.legalStatuses.contains(ls) {
                noted(&data, file, row.line, "LS", "LS \"\(ls)\" is not a known legal status: kept as given")
            }
            if !SSDA903Codes.placeCodes.contains(place) {
                noted(&data, file, row.line, "PLACE", "PLACE \"\(place)\" is not a known placement code: read as other")
            } else if (place == "H5" || place == "P2") && decom >= SSDA903Codes.year2025Start {
                noted(&data, file, row.line, "PLACE", "PLACE \(place) was withdrawn in 2025/26: read as supported accommodation")
            }
            let provider = row.text("place_provider")?.uppercased()
            if let provider, !SSDA903Codes.providers.contains(provider) {
                noted(&data, file, row.line, "PLACE_PROVIDER", "PLACE_PROVIDER \"\(provider)\" is not a known provider code")
            }
            var rec = row.text("rec")?.uppercased()
            if let code = rec, !SSDA903Codes.reasonsEnded.contains(code) {
                noted(&data, file, row.line, "REC", "REC \"\(code)\" is not a known reason: the destination is read as other")
            }
            if end.value == nil && rec != nil {
                noted(&data, file, row.line, "REC", "REC \(rec!) without DEC: the episode is read as open")
                rec = nil
            }
            data.episodes.append(SSDA903Episode(
                child: child, start: decom, reasonNew: rne, legalStatus: ls, categoryOfNeed: row.text("cin")?.uppercased(),
                place: place, provider: provider, end: end.value, reasonEnded: rec,
                reasonPlaceChange: row.text("reason_place_change")?.uppercased(), homePostcode: row.text("home_post")?.uppercased(),
                placementPostcode: row.text("pl_post")?.uppercased(), urn: row.text("urn"), source: RowSource(file: index, line: row.line)))
        }
        return (table.rows.count, log.problems)
    }

    /// Parses a UASC table; returns the number of data rows and the malformations.
    public static func parseUASC(_ bytes: [UInt8], file: String, into data: inout SSDA903Return) -> (rows: Int, problems: [InputProblem]) {
        let log = ProblemLog(file: file)
        let index = fileIndex(file, in: &data)
        guard let table = Table(bytes: bytes, file: file, required: uascRequired, optional: uascOptional, log: log) else {
            return (0, log.problems)
        }
        for row in table.rows {
            let dob = date(row, "dob")
            let ceased = date(row, "duc")
            let sex = sex(row)
            guard log.problems.isEmpty else { continue }
            guard let child = row.text("child") else {
                unusable(&data, file, row.line, "CHILD", "CHILD is blank")
                continue
            }
            data.uasc.append(SSDA903UASC(child: child, sex: sex, dob: dob.value, ceased: ceased.value, source: RowSource(file: index, line: row.line)))
        }
        return (table.rows.count, log.problems)
    }

    /// Reads a postcode-district centroid table: `postcode_district,lat,lon`.
    public static func readCentroids(path: String) throws(InvalidInput) -> [String: Location] {
        let bytes = try InputFile.bytes(at: path)
        let log = ProblemLog(file: path)
        guard let table = Table(bytes: bytes, file: path, required: ["postcode_district", "lat", "lon"], optional: [], log: log) else {
            throw InvalidInput(log.problems)
        }
        var result: [String: Location] = [:]
        for row in table.rows {
            let district = row.required("postcode_district", expected: "a postcode district such as GL1")
            let location = row.location(lat: "lat", lon: "lon", required: true)
            if let district, let value = location.value { result[Calibration.postcodeKey(district)] = value }
        }
        guard log.isEmpty else { throw InvalidInput(log.problems) }
        return result
    }
}
