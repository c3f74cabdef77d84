import CareModel

/// A CSV file read as a table with named columns, whose fields are parsed with exact locations.
///
/// Column names are matched case-insensitively after trimming spaces, with inner spaces and
/// hyphens read as underscores, so a header typed in a spreadsheet as `Child ID ` or `home-lat`
/// still works. Unknown columns are ignored (councils add their own).
package struct Table {
    package let file: String
    package let columns: [String: Int]
    package let rows: [TableRow]

    /// Another kind of input file, recognised by its columns, so that a file passed in the
    /// wrong place gets a message saying so rather than a list of missing columns.
    package struct OtherKind {
        /// A column only that kind of file has, e.g. `household_id`.
        var column: String
        /// The kind's name in messages, e.g. `households`.
        var name: String
        /// That kind's required columns: a header with the marker column and at least half of
        /// these is taken to be that kind (so `children_in_care.csv`, which has a
        /// `household_id` column, is not mistaken for a households file).
        var required: [String]

        func matches(_ columns: [String: Int]) -> Bool {
            columns[column] != nil && 2 * required.filter { columns[$0] != nil }.count >= required.count
        }
    }

    /// Parses `bytes` and checks the header: every required column present, none twice.
    ///
    /// Problems go to `log`. Records with quoting problems are reported and left out, and the
    /// other rows are still read so that every problem is listed. Returns nil when the file
    /// cannot be read as a table at all (bad encoding, no header, missing required columns).
    /// - Parameters:
    ///   - kind: the kind of file expected, e.g. `children`, for messages.
    ///   - others: other kinds of file this one might be confused with.
    package init?(
        bytes: [UInt8], file: String, required: [String], optional: [String], log: ProblemLog,
        kind: String = "input", others: [OtherKind] = []
    ) {
        var rows: [TableRow] = []
        guard let columns = Table.read(bytes: bytes, file: file, required: required, optional: optional, log: log, kind: kind,
                                       others: others, eachRow: { rows.append($0) })
        else { return nil }
        self.file = file
        self.columns = columns
        self.rows = rows
    }

    /// Reads `bytes` as a table a row at a time: each data row goes to `eachRow` as soon as it
    /// is read, so that a caller holds its own values, not every row's text. Returns the
    /// columns, or nil when the file cannot be read as a table (see `init`); no row reaches
    /// `eachRow` from a file that is not UTF-8 text or whose header is broken or incomplete.
    /// - Complexity: O(n) in the number of bytes; memory for one row at a time.
    package static func read(
        bytes: [UInt8], file: String, required: [String], optional: [String], log: ProblemLog,
        kind: String = "input", others: [OtherKind] = [], eachRow: (TableRow) -> Void
    ) -> [String: Int]? {
        guard CSV.isText(bytes) else {
            // Only the header is needed, to name the field of the bad byte.
            let (records, issues, _) = CSV.scan(bytes)
            let header = records.first { !$0.fields.allSatisfy { $0.trimmingSpaces.isEmpty } }
            let names = header?.fields.map(Table.columnName) ?? []
            for issue in issues {
                if let header, issue.line > header.line {
                    let name = issue.column.flatMap { $0 < names.count ? names[$0] : nil }
                    log.add(line: issue.line, field: name.flatMap { $0.isEmpty ? nil : $0 }, issue.message(columnName: name))
                } else {
                    log.add(line: issue.line, issue.message())
                }
            }
            return nil
        }
        var header: CSV.Record?
        var names: [String] = []
        var columns: [String: Int]?
        var early: [CSV.Issue] = []
        var broken = false
        let known = Set(required + optional)
        func checkHeader(_ header: CSV.Record) {
            names = header.fields.map(Table.columnName)
            // A problem on or before the header's line means the header row itself is broken.
            guard early.isEmpty else {
                broken = true
                for issue in early { log.add(line: issue.line, issue.message()) }
                return
            }
            var found: [String: Int] = [:]
            for (index, name) in names.enumerated() where !name.isEmpty {
                // A council's own extra columns may repeat; only ours must be unambiguous.
                if found[name] != nil && known.contains(name) {
                    log.add(line: header.line, field: name, "column \"\(name)\" appears twice: expected each column once")
                } else if found[name] == nil {
                    found[name] = index
                }
            }
            let missing = required.filter { found[$0] == nil }
            guard missing.isEmpty else {
                if let other = others.first(where: { $0.matches(found) }) {
                    log.add(line: header.line, "this is a \(other.name) file (it has a \(other.column) column): expected a \(kind) file with the columns \(required.joined(separator: ", "))")
                } else if found.keys.allSatisfy({ !known.contains($0) }) {
                    log.add(line: header.line, "the first row does not look like a header: expected the column names \(required.joined(separator: ", ")) (and optionally \(optional.joined(separator: ", ")))")
                } else {
                    for name in missing {
                        // Worded as before (other readers' tests match it exactly); the header is the expectation.
                        log.add(line: header.line, field: name, "missing required column \"\(name)\"")
                    }
                }
                return
            }
            columns = found
        }
        _ = CSV.scan(bytes, record: { record in
            guard !broken, !record.fields.allSatisfy({ $0.trimmingSpaces.isEmpty }) else { return }
            guard let header else {
                header = record
                checkHeader(record)
                return
            }
            guard let columns else { return }
            if record.fields.count != header.fields.count {
                log.add(line: record.line, "\(record.fields.count) fields: expected \(header.fields.count), as in the header (a missing or extra comma?)")
                return
            }
            eachRow(TableRow(line: record.line, fields: record.fields, columns: columns, log: log))
        }, issue: { issue in
            // With a broken header every problem is listed as found, without column names.
            guard !broken else { log.add(line: issue.line, issue.message()); return }
            guard header != nil else { early.append(issue); return }
            let name = issue.column.flatMap { $0 < names.count ? names[$0] : nil }
            log.add(line: issue.line, field: name.flatMap { $0.isEmpty ? nil : $0 }, issue.message(columnName: name))
        })
        if header == nil {
            if early.isEmpty {
                log.add(line: 1, "the file is empty: expected a header row with the columns \(required.joined(separator: ", "))")
            } else {
                for issue in early { log.add(line: issue.line, issue.message()) }
            }
            return nil
        }
        return broken ? nil : columns
    }

    /// A header cell as a column name: trimmed, lower-case, inner spaces and hyphens as `_`.
    package static func columnName(_ raw: String) -> String {
        var name = ""
        var pendingSeparator = false
        for c in raw.trimmingSpaces.lowercased() {
            if c == " " || c == "-" || c == "\t" {
                pendingSeparator = true
                continue
            }
            if pendingSeparator && !name.isEmpty { name.append("_") }
            pendingSeparator = false
            name.append(c)
        }
        return name
    }
}

/// One data row, with typed accessors that log a located problem and return nil on bad values.
///
/// Every message starts with the column name and the value as found, then says what was
/// expected: `age "17y": expected a whole number 0-17`.
package struct TableRow {
    package let line: Int
    package let fields: [String]
    package let columns: [String: Int]
    package let log: ProblemLog

    /// The trimmed text of `column`; nil when the column is absent or the field is blank.
    package func text(_ column: String) -> String? {
        guard let index = columns[column] else { return nil }
        let value = fields[index].trimmingSpaces
        return value.isEmpty ? nil : value
    }

    package func problem(_ column: String, _ message: String) {
        log.add(line: line, field: column, message)
    }

    /// The text of a required column; logs "is empty" when blank.
    package func required(_ column: String, expected: String) -> String? {
        guard let value = text(column) else {
            problem(column, "\(column) is empty: expected \(expected)")
            return nil
        }
        return value
    }

    /// The trimmed text of a column Hearth shows and writes back into its outputs (an
    /// identifier, a district, a language), nil when absent or blank; a problem is logged, and
    /// nil returned, when it is blank and `expected` is given, or when it fails `LabelCheck`
    /// (a character that would act on a terminal, a beginning a spreadsheet would run).
    package func label(_ column: String, expected: String? = nil) -> String? {
        guard let value = text(column) else {
            if let expected { problem(column, "\(column) is empty: expected \(expected)") }
            return nil
        }
        if let failure = LabelCheck.failure(value) {
            problem(column, "\(column) \"\(ControlCharacters.visible(value))\" \(failure.found): expected \(failure.expected)")
            return nil
        }
        return value
    }

    /// A whole number in `range`, written as plain decimal digits with an optional sign.
    package func integer(_ column: String, in range: ClosedRange<Int>, required isRequired: Bool = true) -> Int? {
        guard let value = text(column) else {
            if isRequired { problem(column, "\(column) is empty: expected a whole number \(range.lowerBound)-\(range.upperBound)") }
            return nil
        }
        guard let number = Int(value), range.contains(number) else {
            problem(column, "\(column) \"\(value)\": expected a whole number \(range.lowerBound)-\(range.upperBound)")
            return nil
        }
        return number
    }

    /// A decimal number in `range`, written as plain digits with an optional sign and point
    /// (`51.8642`, `-2.24`, `.5`); no exponents, hexadecimal, `nan` or `inf`.
    package func decimal(_ column: String, in range: ClosedRange<Double>, expected: String, required isRequired: Bool = true) -> Double? {
        guard let value = isRequired ? required(column, expected: expected) : text(column) else { return nil }
        guard TableRow.isPlainDecimal(value), let number = Double(value), number.isFinite, range.contains(number) else {
            problem(column, "\(column) \"\(value)\": expected \(expected)")
            return nil
        }
        return number
    }

    /// Whether `text` is `[+-]?digits[.digits]` or `[+-]?.digits`.
    package static func isPlainDecimal(_ text: String) -> Bool {
        var digits = 0
        var points = 0
        for (offset, byte) in text.utf8.enumerated() {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digits += 1
            case UInt8(ascii: "."): points += 1
            case UInt8(ascii: "+"), UInt8(ascii: "-"): if offset != 0 { return false }
            default: return false
            }
        }
        return digits > 0 && points <= 1
    }

    /// One of a coded vocabulary (exact tokens, case-insensitive).
    package func code<Code: RawRepresentable & CaseIterable>(_ column: String, as type: Code.Type, required isRequired: Bool = true) -> Code?
    where Code.RawValue == String {
        // Messages are built only when needed: this runs for every row.
        func options() -> String { Code.allCases.map(\.rawValue).joined(separator: ", ") }
        guard let value = text(column) else {
            if isRequired { problem(column, "\(column) is empty: expected one of \(options())") }
            return nil
        }
        guard let code = Code(rawValue: value) ?? Code(rawValue: value.lowercased()) ?? Code(rawValue: value.uppercased()) else {
            problem(column, "\(column) \"\(value)\": expected one of \(options())")
            return nil
        }
        return code
    }

    /// A `;`-separated set of tokens (case-insensitive); unknown tokens are each reported.
    /// Blank means the empty set, unless `required`.
    package func tokens<Tokens: TokenSet>(_ column: String, as type: Tokens.Type, required isRequired: Bool = false) -> Tokens? {
        func expected() -> String { "one or more of \(Tokens.tokens.map(\.1).joined(separator: ", ")), separated by ;" }
        guard let value = text(column) else {
            if isRequired {
                problem(column, "\(column) is empty: expected \(expected())")
                return nil
            }
            return Tokens()
        }
        var result = Tokens()
        var ok = true
        for part in value.split(separator: ";") {
            let token = String(part).trimmingSpaces
            if token.isEmpty { continue }
            guard let member = Tokens(token: token.lowercased()) else {
                problem(column, "\(column) \"\(token)\": expected \(expected())")
                ok = false
                continue
            }
            result.formUnion(member)
        }
        if ok && isRequired && result.isEmpty {
            problem(column, "\(column) \"\(value)\": expected \(expected())")
            return nil
        }
        return ok ? result : nil
    }

    /// A yes/no flag (yes/no, y/n, true/false, 1/0, any case); blank is `defaultValue`.
    package func flag(_ column: String, default defaultValue: Bool) -> Bool? {
        guard let value = text(column) else { return defaultValue }
        switch value.lowercased() {
        case "yes", "y", "true", "1": return true
        case "no", "n", "false", "0": return false
        default:
            problem(column, "\(column) \"\(value)\": expected yes or no")
            return nil
        }
    }

    /// A latitude/longitude pair from two columns; both or neither must be given when optional.
    package func location(lat: String, lon: String, required isRequired: Bool) -> (present: Bool, value: Location?) {
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
    /// The text without leading and trailing spaces, tabs and line ends.
    package var trimmingSpaces: String {
        // Fast path: most fields have nothing to trim.
        func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0D || b == 0x0A }
        guard let first = utf8.first, let last = utf8.last, isSpace(first) || isSpace(last) else { return self }
        var s = Substring(self)
        while let c = s.first, c == " " || c == "\t" || c == "\r" || c == "\r\n" || c == "\n" { s = s.dropFirst() }
        while let c = s.last, c == " " || c == "\t" || c == "\r" || c == "\r\n" || c == "\n" { s = s.dropLast() }
        return String(s)
    }
}
