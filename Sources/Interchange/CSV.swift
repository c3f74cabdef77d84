import Foundation

/// RFC 4180 comma-separated values: reading with exact line numbers, and writing.
///
/// ## Design note
/// The reader is a single pass over the bytes with a four-state machine (field start,
/// unquoted, quoted, after a closing quote). It accepts LF, CRLF and (old Mac) CR line ends, a UTF-8
/// byte-order mark, quoted fields with embedded commas, doubled quotes and line breaks, and
/// reports each record with the line it starts on. Malformed quoting is reported, not guessed
/// at: a quote inside an unquoted field, text after a closing quote, and a quoted field still
/// open at the end of the file. The record with the problem is dropped and reading goes on at
/// the next line, so that one run reports every problem in the file.
///
/// Text must be UTF-8 (or its ASCII subset). UTF-16 files, NUL bytes and stray bytes from
/// other encodings (Latin-1 `0xE9` for "é") are reported with the line and field of the first
/// bad byte and no records are returned, because silently decoding them would corrupt
/// identifiers.
public enum CSV {
    /// One record: its fields and the 1-based line on which it starts.
    public struct Record: Sendable, Equatable {
        public var line: Int
        public var fields: [String]
        public init(line: Int, fields: [String]) {
            self.line = line
            self.fields = fields
        }
    }

    /// A syntax or encoding problem found while splitting the bytes into records.
    package struct Issue: Sendable, Equatable {
        /// The 1-based line of the problem.
        var line: Int
        /// The 0-based index of the field it is in, when it is in one.
        var column: Int?
        /// What was found and what was expected, without the field's name.
        var detail: String

        /// The message, naming the field as `field 3` or, given the header, `age (field 3)`.
        func message(columnName: String? = nil) -> String {
            guard let column else { return detail }
            if let columnName, !columnName.isEmpty { return "\(columnName) (field \(column + 1)): \(detail)" }
            return "field \(column + 1): \(detail)"
        }
    }

    /// Parses `bytes` into records, reporting every quoting or encoding problem under `file`.
    /// - Complexity: O(n) in the number of bytes.
    public static func parse(_ bytes: [UInt8], file: String) -> (records: [Record], problems: [InputProblem]) {
        let (records, issues, readable) = scan(bytes)
        return (readable ? records : [], issues.map { InputProblem(file: file, line: $0.line, message: $0.message()) })
    }

    /// Splits `bytes` into records; the records with syntax problems are left out.
    ///
    /// `readable` is false when the bytes are not UTF-8 text: the records are then returned
    /// only so that the caller can name the field of the bad byte from the header, and must
    /// not be used as data.
    /// - Complexity: O(n) in the number of bytes.
    package static func scan(_ bytes: [UInt8]) -> (records: [Record], issues: [Issue], readable: Bool) {
        var records: [Record] = []
        var issues: [Issue] = []
        let readable = scan(bytes, record: { records.append($0) }, issue: { issues.append($0) })
        // Unreadable bytes are reported by the one problem that makes them so.
        return (records, readable ? issues : Array(issues.suffix(1)), readable)
    }

    /// Whether `bytes` are UTF-8 text that `scan` reads as records (no UTF-16 byte-order mark,
    /// no NUL byte, no broken UTF-8).
    /// - Complexity: O(n) in the number of bytes.
    package static func isText(_ bytes: [UInt8]) -> Bool {
        if bytes.count >= 2, (bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF) { return false }
        let start = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0
        return firstInvalidUTF8(bytes, from: start) == nil && !bytes[start...].contains(0)
    }

    /// `scan`, handing each record and each problem over as it is found (in file order), so
    /// that a caller can turn records into values without holding them all.
    /// - Complexity: O(n) in the number of bytes.
    package static func scan(_ bytes: [UInt8], record emitRecord: (Record) -> Void, issue emitIssue: (Issue) -> Void) -> Bool {
        if bytes.count >= 2, (bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF) {
            emitIssue(Issue(line: 1, column: nil, detail: "the file is UTF-16 encoded: expected UTF-8 (save it as \"CSV UTF-8\")"))
            return false
        }
        let start = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0
        // The first byte that is not UTF-8 text (a broken sequence or a NUL), located below.
        let badUTF8 = firstInvalidUTF8(bytes, from: start)
        let nul = bytes[start...].firstIndex(of: 0)
        let firstBad: Int? = [badUTF8, nul].compactMap { $0 }.min()

        enum State { case fieldStart, unquoted, quoted, afterQuote }
        var fields: [String] = []
        var field: [UInt8] = []
        var state = State.fieldStart
        var line = 1
        var recordLine = 1
        var quoteLine = 1
        var skipToEndOfLine = false
        var badLocation: (line: Int, column: Int)?

        func endField() {
            fields.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
        }
        func endRecord() {
            endField()
            emitRecord(Record(line: recordLine, fields: fields))
            // A fresh array: keeping the capacity would copy it into every record, so one very
            // wide row (20,000 columns) would reserve that width for each of the rows after it.
            fields = []
        }

        var i = start
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if i == firstBad { badLocation = (line, fields.count) }
            // A line ends at LF, or at a CR not followed by LF (old Mac files).
            let isLineEnd = b == 0x0A || (b == 0x0D && (i + 1 == n || bytes[i + 1] != 0x0A))
            if skipToEndOfLine {
                if isLineEnd {
                    line += 1
                    recordLine = line
                    skipToEndOfLine = false
                    fields.removeAll(keepingCapacity: true)
                    field.removeAll(keepingCapacity: true)
                    state = .fieldStart
                }
                i += 1
                continue
            }
            switch state {
            case .quoted:
                if b == 0x22 {
                    if i + 1 < n, bytes[i + 1] == 0x22 {
                        field.append(0x22)
                        i += 1
                    } else {
                        state = .afterQuote
                    }
                } else {
                    if isLineEnd { line += 1 }
                    field.append(b)
                }
            case .fieldStart, .unquoted, .afterQuote:
                switch b {
                case 0x2C:  // comma
                    endField()
                    state = .fieldStart
                case 0x0A, 0x0D where isLineEnd:
                    endRecord()
                    line += 1
                    recordLine = line
                    state = .fieldStart
                case 0x0D where i + 1 < n && bytes[i + 1] == 0x0A:
                    break  // the LF that follows ends the record
                case 0x22 where state == .fieldStart:
                    state = .quoted
                    quoteLine = line
                default:
                    if state == .afterQuote {
                        emitIssue(Issue(line: line, column: fields.count, detail: "text after the closing quote: expected a comma or the end of the line"))
                        skipToEndOfLine = true
                    } else if b == 0x22 {
                        emitIssue(Issue(line: line, column: fields.count, detail: "a quote inside an unquoted field: expected the whole field in quotes with inner quotes doubled (\"\")"))
                        skipToEndOfLine = true
                    } else {
                        field.append(b)
                        state = .unquoted
                    }
                }
            }
            i += 1
        }
        if let firstBad {
            let location = badLocation ?? (line, fields.count)
            let detail = firstBad == nul
                ? "the file contains a NUL byte: expected text (is it UTF-16 without a byte-order mark, or a spreadsheet saved in another format?)"
                : "byte 0x\(String(bytes[firstBad], radix: 16, uppercase: true)) is not valid UTF-8: expected UTF-8 text (save the file as \"CSV UTF-8\")"
            if state != .quoted && !skipToEndOfLine && (state != .fieldStart || !fields.isEmpty) { endRecord() }
            emitIssue(Issue(line: location.line, column: location.column, detail: detail))
            return false
        }
        if state == .quoted {
            emitIssue(Issue(line: quoteLine, column: fields.count, detail: "a quoted field opened here is never closed: expected a closing quote"))
        } else if !skipToEndOfLine && (state != .fieldStart || !fields.isEmpty) {
            endRecord()
        }
        return true
    }

    /// The index of the first byte that breaks UTF-8, or nil if the bytes are valid UTF-8.
    package static func firstInvalidUTF8(_ bytes: [UInt8], from start: Int) -> Int? {
        var i = start
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b < 0x80 { i += 1; continue }
            let length: Int
            var minimum: UInt32
            var scalar: UInt32
            switch b {
            case 0xC2...0xDF: length = 2; scalar = UInt32(b & 0x1F); minimum = 0x80
            case 0xE0...0xEF: length = 3; scalar = UInt32(b & 0x0F); minimum = 0x800
            case 0xF0...0xF4: length = 4; scalar = UInt32(b & 0x07); minimum = 0x10000
            default: return i
            }
            guard i + length <= n else { return i }
            for k in 1..<length {
                let c = bytes[i + k]
                guard c & 0xC0 == 0x80 else { return i }
                scalar = (scalar << 6) | UInt32(c & 0x3F)
            }
            if scalar < minimum || scalar > 0x10FFFF || (0xD800...0xDFFF).contains(scalar) { return i }
            i += length
        }
        return nil
    }

    /// Quotes a field when it holds a comma, quote, CR or LF (RFC 4180), doubling inner quotes.
    ///
    /// Works on UTF-8 bytes, not characters: a quote followed by a combining mark is one
    /// `Character` in Swift, and a character-level search would miss it.
    public static func escape(_ field: String) -> String {
        guard field.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else { return field }
        var bytes: [UInt8] = [0x22]
        bytes.reserveCapacity(field.utf8.count + 4)
        for b in field.utf8 {
            bytes.append(b)
            if b == 0x22 { bytes.append(0x22) }
        }
        bytes.append(0x22)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Renders rows as CSV text with LF line ends.
    public static func render(header: [String], rows: [[String]]) -> String {
        var out = header.map(escape).joined(separator: ",") + "\n"
        for row in rows {
            out += row.map(escape).joined(separator: ",")
            out += "\n"
        }
        return out
    }
}
