import Foundation

/// RFC 4180 comma-separated values: reading with exact line numbers, and writing.
///
/// ## Design note
/// The reader is a single pass over the bytes with a three-state machine (field start,
/// unquoted, quoted). It accepts LF and CRLF line ends, a UTF-8 byte-order mark, quoted
/// fields with embedded commas, doubled quotes and line breaks, and reports each record with
/// the line it starts on. Malformed quoting is reported, not guessed at: a quote inside an
/// unquoted field, text after a closing quote, and a quoted field still open at the end of the
/// file. Text must be UTF-8 (or its ASCII subset); UTF-16 files and stray bytes from other
/// encodings are reported with the line of the first bad byte, because silently decoding them
/// would corrupt identifiers.
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

    /// Parses `bytes` into records, reporting every quoting or encoding problem under `file`.
    /// - Complexity: O(n) in the number of bytes.
    public static func parse(_ bytes: [UInt8], file: String) -> (records: [Record], problems: [InputProblem]) {
        let log = ProblemLog(file: file)
        var start = 0
        if bytes.count >= 2, (bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF) {
            log.add(line: 1, "the file is UTF-16 encoded: expected UTF-8 (save it as \"CSV UTF-8\")")
            return ([], log.problems)
        }
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { start = 3 }
        if let bad = firstInvalidUTF8(bytes, from: start) {
            let line = 1 + bytes[..<bad].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
            log.add(line: line, "byte 0x\(String(bytes[bad], radix: 16, uppercase: true)) is not valid UTF-8: expected UTF-8 text (save the file as \"CSV UTF-8\")")
            return ([], log.problems)
        }
        if bytes[start...].contains(0) {
            let index = bytes[start...].firstIndex(of: 0)!
            let line = 1 + bytes[..<index].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
            log.add(line: line, "the file contains a NUL byte: expected text (is it a spreadsheet saved in another format?)")
            return ([], log.problems)
        }

        enum State { case fieldStart, unquoted, quoted, afterQuote }
        var records: [Record] = []
        var fields: [String] = []
        var field: [UInt8] = []
        var state = State.fieldStart
        var line = 1
        var recordLine = 1
        var quoteLine = 1
        var skipToEndOfLine = false

        func endField() {
            fields.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
        }
        func endRecord() {
            endField()
            records.append(Record(line: recordLine, fields: fields))
            fields.removeAll(keepingCapacity: true)
        }

        var i = start
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if skipToEndOfLine {
                if b == 0x0A {
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
                    if b == 0x0A { line += 1 }
                    field.append(b)
                }
            case .fieldStart, .unquoted, .afterQuote:
                switch b {
                case 0x2C:  // comma
                    endField()
                    state = .fieldStart
                case 0x0A:
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
                        log.add(line: line, "text after the closing quote of field \(fields.count + 1): expected a comma or the end of the line")
                        skipToEndOfLine = true
                    } else if b == 0x22 {
                        log.add(line: line, "a quote inside unquoted field \(fields.count + 1): expected the whole field in quotes with inner quotes doubled (\"\")")
                        skipToEndOfLine = true
                    } else {
                        field.append(b)
                        state = .unquoted
                    }
                }
            }
            i += 1
        }
        if state == .quoted {
            log.add(line: quoteLine, "a quoted field opened here is never closed: expected a closing quote")
        } else if !skipToEndOfLine && (state != .fieldStart || !fields.isEmpty) {
            endRecord()
        }
        return (records, log.problems)
    }

    /// The index of the first byte that breaks UTF-8, or nil if the bytes are valid UTF-8.
    static func firstInvalidUTF8(_ bytes: [UInt8], from start: Int) -> Int? {
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
    public static func escape(_ field: String) -> String {
        if field.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) {
            return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return field
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
