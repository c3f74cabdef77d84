import Interchange
import Simulation
import CareModel
import Foundation

/// Reading a council's SSDA903 tables (Header, Episodes, UASC) from CSV or from the DfE XML.
///
/// Two kinds of trouble are told apart. A *malformed* file — broken CSV quoting, a missing
/// column, a row with the wrong number of fields, a date that is not a date, a code from no
/// era's list in SEX or RNE — cannot be read with confidence, so reading stops with every such
/// problem located (`file:line: FIELD "value": expected ...`, exit code 2 in the CLI); the same
/// problem on many rows is listed once with its count and first lines. A row that is well formed
/// but *unusable for modelling* (a blank CHILD, DOB or DECOM; an unknown PLACE code read as
/// `other`) is kept out or read leniently and listed in the cleaning report.
/// Dates: see `CalendarDay(parsing:)`; SEX is 1/2 (before 2024/25) or M/F/U.
public enum SSDA903Reader {
    public static let headerRequired = ["child", "sex", "dob"]
    public static let headerOptional = ["ethnic", "upn", "mother", "mc_dob", "la", "year"]
    public static let episodesRequired = ["child", "decom", "rne", "ls", "place", "dec", "rec"]
    public static let episodesOptional = ["cin", "place_provider", "reason_place_change", "home_post", "pl_post", "urn", "la", "year"]
    public static let uascRequired = ["child"]
    public static let uascOptional = ["sex", "dob", "duc", "la", "year"]
    /// Problems listed per file before the closing note (the same problem on many rows is
    /// grouped into one line first, so this is rarely reached).
    static let problemLimit = 100_000
    /// The years an SSDA903 date may fall in (a child in care since 1900 at the earliest, a
    /// return no later than 2099): anything else is a typing error, not a date to model with.
    public static let plausibleYears = 1900...2099

    /// A file found in the return directory that Hearth reads but does not model with.
    public struct UnusedFile: Sendable, Equatable, CustomStringConvertible {
        public var path: String
        /// What the file is, e.g. `Reviews` or `prior-year copy of Header`.
        public var kind: String
        public var description: String { "\(path): \(kind): read, not used" }
    }

    /// The tables' files found in a directory.
    public struct Files: Sendable, Equatable {
        public var header: [String]
        public var episodes: [String]
        public var uasc: [String]
        /// A postcode-district centroid table (`postcode_district,lat,lon`), if one is there.
        public var postcodes: String?
        /// Returns exported as one DfE XML file (`<EXPSSDA903>`), read instead of or beside CSV.
        public var xml: [String] = []
        /// The other DfE tables and unrecognised files: listed, not used.
        public var unused: [UnusedFile] = []

        public init(header: [String], episodes: [String], uasc: [String], postcodes: String?, xml: [String] = [], unused: [UnusedFile] = []) {
            self.header = header
            self.episodes = episodes
            self.uasc = uasc
            self.postcodes = postcodes
            self.xml = xml
            self.unused = unused
        }

        /// How many files are read for modelling.
        public var modelledCount: Int { header.count + episodes.count + uasc.count + xml.count }
    }

    /// Finds the tables in `directory` and its immediate subdirectories (one per year is fine).
    ///
    /// Each `.csv` file is recognised by the columns of its header row (`SSDA903Table.recognise`),
    /// whatever its name: `header.csv`, `SSDA903_2024_Header.csv`, `2023/Episodes.csv`,
    /// `sw_episodes.csv` and a pipeline's `episodes_merged.csv` all work. A file whose columns
    /// match no table is taken by its name when it names one (so a broken `episodes.csv` is
    /// reported as a broken Episodes table), else listed as not recognised. Previous-year copies
    /// (`header_last.csv`) and the DfE tables Hearth does not model with (reviews, missing,
    /// OC2, OC3, AD1, placed for adoption, previous permanence, social worker episodes, DoLO)
    /// are listed as read, not used. `.xml` files are the DfE XML return; spreadsheets
    /// (`.xlsx`, `.xls`) are listed with a note to save them as CSV. Files of one table are
    /// read in path order; later ones win ties.
    public static func locate(directory: String) throws(InvalidInput) -> Files {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        guard manager.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw InvalidInput([InputProblem(file: directory, line: nil, message: "no such directory: expected a directory holding the SSDA903 tables (header.csv and episodes.csv, or the XML return)")])
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
            let name = (path as NSString).lastPathComponent
            let lower = name.lowercased()
            if lower.hasSuffix(".xml") {
                files.xml.append(path)
                continue
            }
            if lower.hasSuffix(".xlsx") || lower.hasSuffix(".xls") || lower.hasSuffix(".xlsm") {
                files.unused.append(UnusedFile(path: path, kind: "a spreadsheet (save each sheet as CSV to use it)"))
                continue
            }
            guard lower.hasSuffix(".csv") else { continue }
            let columns = SSDA903Table.headerColumns(path: path) ?? []
            guard let table = SSDA903Table.recognise(columns: columns) ?? SSDA903Table.suggested(byName: name) else {
                files.unused.append(UnusedFile(path: path, kind: "columns of no SSDA903 table"))
                continue
            }
            if table.isUsed && table != .postcodeCentroids && SSDA903Table.isPriorYearCopy(name: name) {
                files.unused.append(UnusedFile(path: path, kind: "prior-year copy of \(table.rawValue)"))
                continue
            }
            switch table {
            case .header: files.header.append(path)
            case .episodes: files.episodes.append(path)
            case .uasc: files.uasc.append(path)
            case .postcodeCentroids: files.postcodes = files.postcodes ?? path
            default: files.unused.append(UnusedFile(path: path, kind: table.rawValue))
            }
        }
        var problems: [InputProblem] = []
        let found = files.unused.isEmpty ? "" : " (found \(files.unused.map { "\(($0.path as NSString).lastPathComponent): \($0.kind)" }.joined(separator: "; ")))"
        if files.xml.isEmpty {
            if files.header.isEmpty { problems.append(InputProblem(file: directory, line: nil, message: "no Header table: expected a CSV file with the columns CHILD, SEX, DOB (such as header.csv), or the XML return\(found)")) }
            if files.episodes.isEmpty { problems.append(InputProblem(file: directory, line: nil, message: "no Episodes table: expected a CSV file with the columns CHILD, DECOM, RNE, LS, PLACE, DEC, REC (such as episodes.csv), or the XML return\(found)")) }
        } else if files.header.isEmpty != files.episodes.isEmpty {
            problems.append(InputProblem(file: directory, line: nil, message: "a \(files.header.isEmpty ? "Episodes" : "Header") table without its \(files.header.isEmpty ? "Header" : "Episodes") table beside the XML return: expected the XML return alone, or both CSV tables"))
        }
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
        for path in files.xml {
            let before = (data.headers.count, data.episodes.count, data.uasc.count)
            _ = load(path) { SSDA903XMLReader.parse($0, file: $1, into: &$2) }
            counts.header += data.headers.count - before.0
            counts.episodes += data.episodes.count - before.1
            counts.uasc += data.uasc.count - before.2
        }
        if !problems.isEmpty { throw InvalidInput(grouped(problems)) }
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
    static func date(_ row: some SSDA903Fields, _ column: String) -> (blank: Bool, value: CalendarDay?) {
        guard let text = row.text(column) else { return (true, nil) }
        guard let day = CalendarDay(parsing: text) else {
            row.problem(column, "\(column.uppercased()) \"\(text)\": expected a date DD/MM/YYYY or YYYY-MM-DD")
            return (false, nil)
        }
        guard plausibleYears.contains(day.year) else {
            row.problem(column, "\(column.uppercased()) \"\(text)\": expected a date in the years \(plausibleYears.lowerBound)-\(plausibleYears.upperBound)")
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
    static func sex(_ row: some SSDA903Fields) -> Sex? {
        guard let text = row.text("sex") else { return nil }
        let sex = SSDA903Codes.sex(text)
        if sex == nil { row.problem("sex", "SEX \"\(text)\": expected 1 or 2 (before 2024/25), or M, F or U") }
        return sex
    }

    /// Parses a Header table; returns the number of data rows and the malformations.
    package static func parseHeader(_ bytes: [UInt8], file: String, into data: inout SSDA903Return) -> (rows: Int, problems: [InputProblem]) {
        parseTable(bytes, file: file, required: headerRequired, optional: headerOptional, into: &data) { row, log, index, data in
            readHeader(row, log: log, file: file, index: index, into: &data)
        }
    }

    /// Parses an Episodes table; returns the number of data rows and the malformations.
    package static func parseEpisodes(_ bytes: [UInt8], file: String, into data: inout SSDA903Return) -> (rows: Int, problems: [InputProblem]) {
        parseTable(bytes, file: file, required: episodesRequired, optional: episodesOptional, into: &data, reservingEpisodes: true) { row, log, index, data in
            readEpisode(row, log: log, file: file, index: index, into: &data)
        }
    }

    /// Parses a UASC table; returns the number of data rows and the malformations.
    package static func parseUASC(_ bytes: [UInt8], file: String, into data: inout SSDA903Return) -> (rows: Int, problems: [InputProblem]) {
        parseTable(bytes, file: file, required: uascRequired, optional: uascOptional, into: &data) { row, log, index, data in
            readUASC(row, log: log, file: file, index: index, into: &data)
        }
    }

    /// Reads one CSV table with the given columns, handing each row to `read`; returns the
    /// number of data rows and the malformations (none read when the columns are wrong).
    private static func parseTable(
        _ bytes: [UInt8], file: String, required: [String], optional: [String], into data: inout SSDA903Return,
        reservingEpisodes: Bool = false, read: (TableRow, ProblemLog, Int, inout SSDA903Return) -> Void
    ) -> (rows: Int, problems: [InputProblem]) {
        let log = ProblemLog(file: file, limit: problemLimit)
        let index = fileIndex(file, in: &data)
        guard let table = Table(bytes: bytes, file: file, required: required, optional: optional, log: log) else {
            return (0, log.problems)
        }
        if reservingEpisodes { data.episodes.reserveCapacity(data.episodes.count + table.rows.count) }
        for row in table.rows { read(row, log, index, &data) }
        return (table.rows.count, log.problems)
    }

    /// One Header row (CSV or XML) into `data`; malformations go to `log`.
    static func readHeader(_ row: some SSDA903Fields, log: ProblemLog, file: String, index: Int, into data: inout SSDA903Return) {
        let dob = date(row, "dob")
        let sex = sex(row)
        guard log.isEmpty else { return }
        guard let child = row.text("child") else {
            unusable(&data, file, row.line, "CHILD", "CHILD is blank")
            return
        }
        guard let birth = dob.value else {
            unusable(&data, file, row.line, "DOB", "DOB is blank for child \(child)")
            return
        }
        if sex == nil { noted(&data, file, row.line, "SEX", "SEX is blank for child \(child): read as U") }
        var header = SSDA903Header(child: child, sex: sex ?? .unknown, dob: birth, ethnic: row.text("ethnic")?.uppercased(),
                                   mother: row.text("mother"), source: RowSource(file: index, line: row.line))
        header.council = row.text("la")
        header.collectionYear = collectionYear(row)
        data.headers.append(header)
    }

    /// One Episodes row (CSV or XML) into `data`; malformations go to `log`.
    static func readEpisode(_ row: some SSDA903Fields, log: ProblemLog, file: String, index: Int, into data: inout SSDA903Return) {
        let start = date(row, "decom")
        let end = date(row, "dec")
        var rne: ReasonNewEpisode?
        if let text = row.text("rne") {
            rne = ReasonNewEpisode(rawValue: text.uppercased())
            if rne == nil { row.problem("rne", "RNE \"\(text)\": expected one of S, L, P, T, B, U") }
        }
        guard log.isEmpty else { return }
        guard let child = row.text("child") else {
            unusable(&data, file, row.line, "CHILD", "CHILD is blank")
            return
        }
        guard let decom = start.value else {
            unusable(&data, file, row.line, "DECOM", "DECOM is blank for child \(child)")
            return
        }
        guard let rne else {
            unusable(&data, file, row.line, "RNE", "RNE is blank for child \(child)")
            return
        }
        guard let ls = row.text("ls")?.uppercased() else {
            unusable(&data, file, row.line, "LS", "LS is blank for child \(child)")
            return
        }
        guard let place = row.text("place")?.uppercased() else {
            unusable(&data, file, row.line, "PLACE", "PLACE is blank for child \(child)")
            return
        }
        if !SSDA903Codes.legalStatuses.contains(ls) {
            noted(&data, file, row.line, "LS", "LS \"\(ls)\" is not a DfE legal status code: kept as given")
        }
        if !SSDA903Codes.placeCodes.contains(place) {
            noted(&data, file, row.line, "PLACE", "PLACE \"\(place)\" is not a DfE placement code: read as other")
        } else if (place == "H5" || place == "P2") && decom >= SSDA903Codes.year2025Start {
            noted(&data, file, row.line, "PLACE", "PLACE \(place) was withdrawn in 2025/26: read as supported accommodation")
        }
        let provider = row.text("place_provider")?.uppercased()
        if let provider, !SSDA903Codes.providers.contains(provider) {
            noted(&data, file, row.line, "PLACE_PROVIDER", "PLACE_PROVIDER \"\(provider)\" is not a DfE provider code: foster care with it is read as in-house")
        }
        let need = row.text("cin")?.uppercased()
        if let need, !SSDA903Codes.categoriesOfNeed.contains(need) {
            noted(&data, file, row.line, "CIN", "CIN \"\(need)\" is not a DfE category of need: kept as given")
        }
        var rec = row.text("rec")?.uppercased()
        if let code = rec, !SSDA903Codes.reasonsEnded.contains(code) {
            noted(&data, file, row.line, "REC", "REC \"\(code)\" is not a DfE reason episode ceased: the destination is read as other")
        }
        if end.value == nil && rec != nil {
            noted(&data, file, row.line, "REC", "REC \(rec!) without DEC: the episode is read as open")
            rec = nil
        }
        var episode = SSDA903Episode(
            child: child, start: decom, reasonNew: rne, legalStatus: ls, categoryOfNeed: need,
            place: place, provider: provider, end: end.value, reasonEnded: rec,
            reasonPlaceChange: row.text("reason_place_change")?.uppercased(), homePostcode: row.text("home_post")?.uppercased(),
            placementPostcode: row.text("pl_post")?.uppercased(), urn: row.text("urn"), source: RowSource(file: index, line: row.line))
        episode.council = row.text("la")
        episode.collectionYear = collectionYear(row)
        data.episodes.append(episode)
    }

    /// One UASC row (CSV or XML) into `data`; malformations go to `log`.
    static func readUASC(_ row: some SSDA903Fields, log: ProblemLog, file: String, index: Int, into data: inout SSDA903Return) {
        let dob = date(row, "dob")
        let ceased = date(row, "duc")
        let sex = sex(row)
        guard log.isEmpty else { return }
        guard let child = row.text("child") else {
            unusable(&data, file, row.line, "CHILD", "CHILD is blank")
            return
        }
        var uasc = SSDA903UASC(child: child, sex: sex, dob: dob.value, ceased: ceased.value, source: RowSource(file: index, line: row.line))
        uasc.council = row.text("la")
        data.uasc.append(uasc)
    }

    /// The YEAR column of a pipeline's stacked extract (the collection year by its end, e.g.
    /// 2024 for 2023/24); a value that is not a year 1990-2100 is a malformation.
    static func collectionYear(_ row: some SSDA903Fields) -> Int? {
        guard let text = row.text("year") else { return nil }
        // "2024", or "2023/24" / "2023-24" / "2023/2024" as some tools write it.
        let digits = text.split(whereSeparator: { $0 == "/" || $0 == "-" }).map(String.init)
        var year: Int?
        if digits.count == 1, let y = Int(digits[0]) { year = y }
        if digits.count == 2, let a = Int(digits[0]), let b = Int(digits[1]), digits[0].count == 4 {
            year = digits[1].count == 2 ? a + 1 : b
            if year != a + 1 { year = nil }
        }
        guard let year, (1990...2100).contains(year) else {
            row.problem("year", "YEAR \"\(text)\": expected a collection year such as 2024 (for 2023/24) or 2023/24")
            return nil
        }
        return year
    }

    /// The same problem on many rows listed once: problems with the same file, field and
    /// message once the quoted value is taken out (`DEC "24/04/2017"` and `DEC "3/3/3"` are the
    /// same problem) become the first one, saying on how many more rows it occurs and where.
    /// Groups of up to `keep` rows are listed in full.
    /// - Complexity: O(n) expected.
    package static func grouped(_ problems: [InputProblem], keep: Int = 3) -> [InputProblem] {
        var order: [String] = []
        var groups: [String: [InputProblem]] = [:]
        for problem in problems {
            let key = "\(problem.file)\u{1}\(problem.field ?? "")\u{1}\(Self.shape(of: problem.message))"
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(problem)
        }
        var result: [InputProblem] = []
        for key in order {
            let group = groups[key]!
            if group.count <= keep {
                result += group
                continue
            }
            var first = group[0]
            let lines = group.dropFirst().prefix(keep).compactMap(\.line).map(String.init).joined(separator: ", ")
            first.message += " (and \(group.count - 1) more rows like it: lines \(lines)\(group.count - 1 > keep ? ", ..." : ""))"
            result.append(first)
        }
        return result
    }

    /// A message with identifiers and numbers generalised, so that one kind of problem on
    /// different rows has one shape: outside quotes, every word holding a digit (a number, a
    /// date, a code such as C2, a line) becomes `#` and the word after `child` becomes `…`;
    /// quoted values are dropped unless `keepingQuoted` (which keeps one group per unknown code).
    package static func shape(of message: String, keepingQuoted: Bool = false) -> String {
        var out = ""
        var word = ""
        var inQuotes = false
        var skippingIdentifier = false
        func flush() {
            guard !word.isEmpty else { return }
            out += word.contains(where: \.isNumber) ? "#" : word
            word = ""
        }
        for c in message {
            if skippingIdentifier {
                if c == " " || c == ":" || c == "," || c == ")" { skippingIdentifier = false } else { continue }
            }
            if c == "\"" {
                flush()
                inQuotes.toggle()
                out.append(c)
                continue
            }
            if inQuotes {
                if keepingQuoted { out.append(c) }
                continue
            }
            if c.isLetter || c.isNumber || c == "_" {
                word.append(c)
                continue
            }
            flush()
            out.append(c)
            if out.hasSuffix("child ") || out.hasSuffix("CHILD ") {
                out.append("…")
                skippingIdentifier = true
            }
        }
        flush()
        return out
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

/// One row of an SSDA903 table, from a CSV file or from the XML return: field text by the
/// DfE's column name (lower case) and a way to report a located malformation.
protocol SSDA903Fields {
    var line: Int { get }
    func text(_ column: String) -> String?
    func problem(_ column: String, _ message: String)
}

extension TableRow: SSDA903Fields {}
