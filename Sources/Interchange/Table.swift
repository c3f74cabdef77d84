import CareModel

/// A CSV file read as a table with named columns, whose fields are parsed with exact locations.
///
/// Column names are matched case-insensitively after trimming spaces, so a header typed in a
/// spreadsheet as `Child_ID ` still works. Unknown columns are ignored (councils add their own).
struct Table {
    let file: String
    let columns: [String: Int]
    let rows: [TableRow]

    /// Parses `bytes` and checks the header: every required column present, none twice.
    /// Problems go to `log`; returns nil when the file cannot be read as a table at all.
    init?(bytes: [UInt8], file: String, required: [String], optional: [String], log: ProblemLog) {
        self.file = file
        let (records, problems) = CSV.parse(bytes, file: file)
        for p in problems { log.add(line: p.line, p.message) }
        guard problems.isEmpty else { return nil }
        let nonBlank = records.filter { !$0.fields.allSatisfy { $0.trimmingSpaces.isEmpty } }
        guard let header = nonBlank.first else {
            log.add(line: nil, "the file is empty: expected a header row with the columns \(required.joined(separator: ", "))")
            return nil
        }
        var columns: [String: Int] = [:]
        for (index, raw) in header.fields.enumerated() {
            let name = raw.trimmingSpaces.lowercased()
            if name.isEmpty { continue }
            if columns[name] != nil {
                log.add(line: header.line, field: name, "column \"\(name)\" appears twice: expected each column once")
            } else {
                columns[name] = index
            }
        }
        let missing = required.filter { columns[$0] == nil }
        for name in missing {
            log.add(line: header.line, field: name, "missing required column \"\(name)\"")
        }
        if !missing.isEmpty {
            let known = Set(required + optional)
            if columns.keys.allSatisfy({ !known.contains($0) }) {
                log.add(line: header.line, "the first row does not look like a header: expected column names such as \(required.prefix(4).joined(separator: ", "))")
            }
            return nil
        }
        self.columns = columns
        var rows: [TableRow] = []
        for record in nonBlank.dropFirst() {
            if record.fields.count != header.fields.count {
                log.add(line: record.line, "\(record.fields.count) fields: expected \(header.fields.count), as in the header (a missing or extra comma?)")
                continue
            }
            rows.append(TableRow(line: record.line, fields: record.fields, columns: columns, log: log))
        }
        self.rows = rows
    }
}

/// One data row, with typed accessors that log a located problem and return nil on bad values.
struct TableRow {
    let line: Int
    let fields: [String]
    let columns: [String: Int]
    let log: ProblemLog

    /// The trimmed text of `column`; nil when the column is absent or the field is blank.
    func text(_ column: String) -> String? {
        guard let index = columns[column] else { return nil }
        let value = fields[index].trimmingSpaces
        return value.isEmpty ? nil : value
    }

    func problem(_ column: String, _ message: String) {
        log.add(line: line, field: column, message)
    }

    /// The text of a required column; logs "missing" when blank.
    func required(_ column: String, expected: String) -> String? {
        guard let value = text(column) else {
            problem(column, "\(column) is empty: expected \(expected)")
            return nil
        }
        return value
    }

    /// A whole number in `range`; `expected` describes it for the message.
    func integer(_ column: String, in range: ClosedRange<Int>, required isRequired: Bool = true) -> Int? {
        let expected = "a whole number \(range.lowerBound)-\(range.upperBound)"
        guard let value = isRequired ? required(column, expected: expected) : text(column) else { return nil }
        guard let number = Int(value), range.contains(number) else {
            problem(column, "\(column) \"\(value)\": expected \(expected)")
            return nil
        }
        return number
    }

    /// A decimal number in `range`.
    func decimal(_ column: String, in range: ClosedRange<Double>, expected: String, required isRequired: Bool = true) -> Double? {
        guard let value = isRequired ? required(column, expected: expected) : text(column) else { return nil }
        guard let number = Double(value), number.isFinite, range.contains(number) else {
            problem(column, "\(column) \"\(value)\": expected \(expected)")
            return nil
        }
        return number
    }

    /// One of a coded vocabulary (exact tokens, case-insensitive).
    func code<Code: RawRepresentable & CaseIterable>(_ column: String, as type: Code.Type, required isRequired: Bool = true) -> Code?
    where Code.RawValue == String {
        let options = Code.allCases.map(\.rawValue).joined(separator: ", ")
        guard let value = isRequired ? required(column, expected: "one of \(options)") : text(column) else { return nil }
        guard let code = Code(rawValue: value) ?? Code(rawValue: value.lowercased()) ?? Code(rawValue: value.uppercased()) else {
            problem(column, "\(column) \"\(value)\": expected one of \(options)")
            return nil
        }
        return code
    }

    /// A `;`-separated set of tokens; unknown tokens are each reported. Blank means empty.
    func tokens<Set: TokenSet>(_ column: String, as type: Set.Type, required isRequired: Bool = false) -> Set? {
        let options = Set.tokens.map(\.1).joined(separator: ", ")
        guard let value = text(column) else {
            if isRequired { problem(column, "\(column) is empty: expected one or more of \(options), separated by ;") ; return nil }
            return Set()
        }
        var result = Set()
        var ok = true
        for part in value.split(separator: ";") {
            let token = String(part).trimmingSpaces.lowercased()
            if token.isEmpty { continue }
            guard let member = Set(token: token) else {
                problem(column, "\(column) \"\(token)\": expected \(options)")
                ok = false
                continue
            }
            result.formUnion(member)
        }
        if ok && isRequired && result.isEmpty {
            problem(column, "\(column) is empty: expected one or more of \(options), separated by ;")
            return nil
        }
        return ok ? result : nil
    }

    /// A yes/no flag (yes/no, y/n, true/false, 1/0); blank is `defaultValue`.
    func flag(_ column: String, default defaultValue: Bool) -> Bool? {
        guard let value = text(column)?.lowercased() else { return defaultValue }
        switch value {
        case "yes", "y", "true", "1": return true
        case "no", "n", "false", "0": return false
        default:
            problem(column, "\(column) \"\(value)\": expected yes or no")
            return nil
        }
    }

    /// A latitude/longitude pair from two columns; both or neither must be given when optional.
    func location(lat: String, lon: String, required isRequired: Bool) -> (present: Bool, value: Location?) {
        let latText = text(lat)
        let lonText = text(lon)
        if !isRequired && latText == nil && lonText == nil { return (false, nil) }
        let latitude = decimal(lat, in: -90...90, expected: "a latitude in decimal degrees, -90 to 90")
        let longitude = decimal(lon, in: -180...180, expected: "a longitude in decimal degrees, -180 to 180")
        guard let latitude, let longitude else { return (true, nil) }
        return (true, Location(latitude: latitude, longitude: longitude))
    }
}

extension String {
    /// The text without leading and trailing spaces and tabs.
    var trimmingSpaces: String {
        var s = Substring(self)
        while let c = s.first, c == " " || c == "\t" || c == "\r" { s = s.dropFirst() }
        while let c = s.last, c == " " || c == "\t" || c == "\r" { s = s.dropLast() }
        return String(s)
    }
}
