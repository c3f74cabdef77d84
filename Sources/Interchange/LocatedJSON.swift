/// Where a JSON value is written: the file as the user named it, and its 1-based line and column.
package struct JSONLocation: Sendable, Hashable, CustomStringConvertible {
    package var file: String
    package var line: Int
    /// 1-based, counted in characters (Unicode scalars) from the start of the line.
    package var column: Int

    package init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// `file:line:column`, the form compilers use.
    package var description: String { "\(file):\(line):\(column)" }
}

/// A JSON document read with the location of every value, for configuration files whose
/// problems must be reported as `file:line: field ...`.
///
/// ## Design note
/// A single recursive-descent pass over the bytes (RFC 8259 grammar) that records the line and
/// column where each value and each key starts. It guarantees, for any input whatever:
/// - bounded nesting: more than `maximumDepth` levels of `[` or `{` is an error, not a stack
///   overflow;
/// - linear time: duplicate keys are found with one hash set per object;
/// - numbers are kept as the text written, so a value is typed only when its field is known
///   (`"version": 1.5` or a seed of 2^64 is reported against the field's range, not as
///   "not valid JSON"), and a decoder given `text` sees exactly the digits the user wrote.
/// Objects keep their members in the order written.
package struct LocatedJSON: Sendable {
    /// One `"key": value` of an object.
    package struct Member: Sendable {
        package var key: String
        package var keyLocation: JSONLocation
        package var value: LocatedJSON
    }

    package enum Value: Sendable {
        case object([Member])
        case array([LocatedJSON])
        case string(String)
        /// The number as written (already checked against the JSON number grammar).
        case number(String)
        case bool(Bool)
        case null
    }

    package var value: Value
    package var location: JSONLocation

    package init(_ value: Value, at location: JSONLocation) {
        self.value = value
        self.location = location
    }

    /// The deepest nesting of lists and objects accepted (configuration files need a handful).
    package static let maximumDepth = 64

    /// A syntax error, located.
    package struct SyntaxError: Error, Sendable, CustomStringConvertible {
        package var location: JSONLocation
        package var message: String
        package var description: String { "\(location): \(message)" }
        /// The error as an input problem (`file:line: not valid JSON at line L, column C: ...`).
        package var problem: InputProblem {
            InputProblem(file: location.file, line: location.line,
                         message: "not valid JSON at line \(location.line), column \(location.column): \(message)")
        }
    }

    /// Parses a whole document; `file` names it in locations.
    /// - Complexity: O(n) in the number of bytes.
    package static func parse(_ bytes: [UInt8], file: String) throws(SyntaxError) -> LocatedJSON {
        var reader = Reader(bytes: bytes, file: file)
        reader.skipSpace()
        guard reader.index < bytes.count else { throw reader.fail("the file is empty: expected a JSON object { ... }") }
        let value = try reader.value(depth: 0)
        reader.skipSpace()
        if reader.index < bytes.count { throw reader.fail("unexpected text after the end of the JSON value") }
        return value
    }

    // MARK: Access

    /// The members of an object; nil for any other value.
    package var members: [Member]? {
        if case .object(let m) = value { return m }
        return nil
    }

    /// The member `key` of an object.
    /// - Complexity: O(members).
    package subscript(key: String) -> LocatedJSON? {
        members?.first(where: { $0.key == key })?.value
    }

    /// The string value, if this is a string.
    package var string: String? {
        if case .string(let s) = value { return s }
        return nil
    }

    /// The number as a finite `Double`, if this is a number that fits.
    package var double: Double? {
        guard case .number(let text) = value, let x = Double(text), x.isFinite else { return nil }
        return x
    }

    /// The number as an `Int`, if this is a whole number that fits (`3`, `3.0`, `3e2`).
    package var integer: Int? {
        guard case .number(let text) = value else { return nil }
        if let n = Int(text) { return n }
        guard let x = Double(text), x == x.rounded(), abs(x) < 9.0e18 else { return nil }
        return Int(x)
    }

    /// The number as a `UInt64`, if this is a whole number 0...2^64-1 written in digits.
    package var unsigned: UInt64? {
        guard case .number(let text) = value else { return nil }
        return UInt64(text) ?? integer.flatMap { $0 >= 0 ? UInt64($0) : nil }
    }

    /// The value at a dotted path such as `entries.per_year_by_age_band.under_1` or
    /// `timeline[2].kind`; nil when it is not written.
    package func value(atPath path: String) -> LocatedJSON? {
        var node = self
        for component in LocatedJSON.pathComponents(path) {
            switch component {
            case .key(let key):
                guard let next = node[key] else { return nil }
                node = next
            case .index(let i):
                guard case .array(let items) = node.value, items.indices.contains(i) else { return nil }
                node = items[i]
            }
        }
        return node
    }

    /// The nearest written location for `path`: the value itself or, when it is not written, the
    /// deepest enclosing value that is.
    ///
    /// A key holding dots (a district "St. Albans" in `district_weights`) is found too: when no
    /// member is named by one component, the components after it are joined on until one is.
    package func nearestLocation(ofPath path: String) -> JSONLocation {
        var node = self
        let components = LocatedJSON.pathComponents(path)
        var next = 0
        while next < components.count {
            switch components[next] {
            case .key(let key):
                var name = key, used = next
                var member = node.members?.first(where: { $0.key == name })
                while member == nil, used + 1 < components.count, case .key(let more) = components[used + 1] {
                    used += 1
                    name += "." + more
                    member = node.members?.first(where: { $0.key == name })
                }
                guard let member else { return node.location }
                node = member.value
                next = used + 1
            case .index(let i):
                guard case .array(let items) = node.value, items.indices.contains(i) else { return node.location }
                node = items[i]
                next += 1
            }
        }
        return node.location
    }

    package enum PathComponent: Equatable, Sendable {
        case key(String)
        case index(Int)
    }

    /// `a.b[2].c` as keys and indexes.
    package static func pathComponents(_ path: String) -> [PathComponent] {
        var out: [PathComponent] = []
        for part in path.split(separator: ".", omittingEmptySubsequences: true) {
            var rest = Substring(part)
            if let bracket = rest.firstIndex(of: "[") {
                if bracket > rest.startIndex { out.append(.key(String(rest[..<bracket]))) }
                rest = rest[bracket...]
                while rest.hasPrefix("["), let close = rest.firstIndex(of: "]") {
                    if let i = Int(rest[rest.index(after: rest.startIndex)..<close]) { out.append(.index(i)) }
                    rest = rest[rest.index(after: close)...]
                }
            } else {
                out.append(.key(String(rest)))
            }
        }
        return out
    }

    /// A short rendering of the value for messages: the number or text as written, `(a list)`,
    /// `(an object)`; long text is cut.
    package var shown: String {
        switch value {
        case .string(let s): return JSONText.quote(s.count > 40 ? String(s.prefix(40)) + "..." : s)
        case .number(let text): return text.count > 40 ? String(text.prefix(40)) + "..." : text
        case .bool(let b): return b ? "true" : "false"
        case .null: return "null"
        case .array: return "(a list)"
        case .object: return "(an object)"
        }
    }

    // MARK: Merging and writing

    /// `top` laid over `bottom`: objects merge key by key (recursively), everything else replaces.
    /// - Complexity: O(size of both) with hashing by key.
    package static func merge(_ bottom: LocatedJSON, over top: LocatedJSON) -> LocatedJSON {
        guard case .object(let below) = bottom.value, case .object(let above) = top.value else { return top }
        var members = below
        var position: [String: Int] = [:]
        for (i, m) in members.enumerated() { position[m.key] = i }
        for member in above {
            if let i = position[member.key] {
                var merged = member
                merged.value = merge(members[i].value, over: member.value)
                members[i] = merged
            } else {
                position[member.key] = members.count
                members.append(member)
            }
        }
        return LocatedJSON(.object(members), at: top.location)
    }

    /// This value without the member `key` (objects only).
    package func removing(_ key: String) -> LocatedJSON {
        guard case .object(let m) = value else { return self }
        return LocatedJSON(.object(m.filter { $0.key != key }), at: location)
    }

    /// Compact JSON text with numbers exactly as written.
    package var text: String {
        var out = ""
        write(to: &out)
        return out
    }

    private func write(to out: inout String) {
        switch value {
        case .object(let members):
            out += "{"
            for (i, m) in members.enumerated() {
                if i > 0 { out += "," }
                out += JSONText.quote(m.key) + ":"
                m.value.write(to: &out)
            }
            out += "}"
        case .array(let items):
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += "," }
                item.write(to: &out)
            }
            out += "]"
        case .string(let s): out += JSONText.quote(s)
        case .number(let text): out += text
        case .bool(let b): out += b ? "true" : "false"
        case .null: out += "null"
        }
    }

    // MARK: Reading

    struct Reader {
        let bytes: [UInt8]
        let file: String
        var index = 0
        var line = 1
        /// Byte offset where the current line starts.
        var lineStart = 0

        init(bytes: [UInt8], file: String) {
            self.bytes = bytes
            self.file = file
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
                index = 3
                lineStart = 3
            }
        }

        /// Where the column count has reached (counted forward only, so locating every value
        /// of a long line stays linear).
        var countedTo = 0
        var countedColumn = 1

        /// The location of the byte at `index`; the column counts characters, not bytes.
        mutating func here() -> JSONLocation {
            if countedTo < lineStart || countedTo > index {
                countedTo = lineStart
                countedColumn = 1
            }
            while countedTo < index && countedTo < bytes.count {
                if bytes[countedTo] & 0xC0 != 0x80 { countedColumn += 1 }
                countedTo += 1
            }
            return JSONLocation(file: file, line: line, column: countedColumn)
        }

        mutating func fail(_ message: String) -> SyntaxError { SyntaxError(location: here(), message: message) }

        mutating func skipSpace() {
            while index < bytes.count {
                let b = bytes[index]
                if b == 10 {
                    line += 1
                    lineStart = index + 1
                } else if b != 32 && b != 9 && b != 13 {
                    return
                }
                index += 1
            }
        }

        static let expectedValue = "expected a value (a number, \"text\", true, false, null, [ ] or { })"

        mutating func value(depth: Int) throws(SyntaxError) -> LocatedJSON {
            guard index < bytes.count else { throw fail("the file ends where a value was expected") }
            let at = here()
            switch bytes[index] {
            case UInt8(ascii: "{"):
                guard depth < LocatedJSON.maximumDepth else { throw fail("nested more than \(LocatedJSON.maximumDepth) levels deep: expected a flatter document") }
                return LocatedJSON(try object(depth: depth + 1), at: at)
            case UInt8(ascii: "["):
                guard depth < LocatedJSON.maximumDepth else { throw fail("nested more than \(LocatedJSON.maximumDepth) levels deep: expected a flatter document") }
                return LocatedJSON(try array(depth: depth + 1), at: at)
            case UInt8(ascii: "\""): return LocatedJSON(.string(try string()), at: at)
            case UInt8(ascii: "t"): try literal("true"); return LocatedJSON(.bool(true), at: at)
            case UInt8(ascii: "f"): try literal("false"); return LocatedJSON(.bool(false), at: at)
            case UInt8(ascii: "n"): try literal("null"); return LocatedJSON(.null, at: at)
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return LocatedJSON(.number(try number()), at: at)
            default: throw fail("unexpected character: \(Reader.expectedValue)")
            }
        }

        mutating func literal(_ word: StaticString) throws(SyntaxError) {
            let count = word.utf8CodeUnitCount
            let matches = word.withUTF8Buffer { w in
                index + count <= bytes.count && (0..<count).allSatisfy { bytes[index + $0] == w[$0] }
            }
            guard matches else { throw fail("unexpected character: \(Reader.expectedValue)") }
            index += count
        }

        func isDigit(_ i: Int) -> Bool { i < bytes.count && bytes[i] >= 0x30 && bytes[i] <= 0x39 }

        /// A number by the JSON grammar: -? (0 | [1-9][0-9]*) (.[0-9]+)? ([eE][+-]?[0-9]+)?
        mutating func number() throws(SyntaxError) -> String {
            let start = index
            if bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard isDigit(index) else { throw fail("a number needs digits after the minus sign") }
            if bytes[index] == UInt8(ascii: "0") {
                index += 1
                if isDigit(index) { throw fail("a number cannot start with 0 followed by more digits") }
            } else {
                while isDigit(index) { index += 1 }
            }
            if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
                index += 1
                guard isDigit(index) else { throw fail("a number needs digits after the decimal point") }
                while isDigit(index) { index += 1 }
            }
            if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
                index += 1
                if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
                guard isDigit(index) else { throw fail("a number needs digits in its exponent") }
                while isDigit(index) { index += 1 }
            }
            return String(decoding: bytes[start..<index], as: UTF8.self)
        }

        mutating func hex4() throws(SyntaxError) -> UInt32 {
            guard index + 4 <= bytes.count else { throw fail("a \\u escape needs four hex digits") }
            var code: UInt32 = 0
            for _ in 0..<4 {
                let b = bytes[index]
                let digit: UInt32
                switch b {
                case 0x30...0x39: digit = UInt32(b - 0x30)
                case 0x41...0x46: digit = UInt32(b - 0x41 + 10)
                case 0x61...0x66: digit = UInt32(b - 0x61 + 10)
                default: throw fail("a \\u escape needs four hex digits")
                }
                code = code * 16 + digit
                index += 1
            }
            return code
        }

        mutating func string() throws(SyntaxError) -> String {
            index += 1
            var out: [UInt8] = []
            while index < bytes.count {
                let b = bytes[index]
                if b == UInt8(ascii: "\"") {
                    index += 1
                    guard let text = String(validating: out, as: UTF8.self) else {
                        throw fail("the text before here is not UTF-8: expected UTF-8 text")
                    }
                    return text
                }
                if b == 10 || b == 13 { throw fail("a string runs past the end of the line: expected a closing \"") }
                if b < 0x20 { throw fail("a control character inside a string: expected it written as an escape such as \\t") }
                index += 1
                guard b == UInt8(ascii: "\\") else {
                    out.append(b)
                    continue
                }
                guard index < bytes.count else { break }
                let e = bytes[index]
                index += 1
                switch e {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
                case UInt8(ascii: "b"): out.append(8)
                case UInt8(ascii: "f"): out.append(12)
                case UInt8(ascii: "n"): out.append(10)
                case UInt8(ascii: "r"): out.append(13)
                case UInt8(ascii: "t"): out.append(9)
                case UInt8(ascii: "u"):
                    var code = try hex4()
                    if (0xD800...0xDBFF).contains(code) {
                        guard index + 2 <= bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else {
                            throw fail("a \\u escape of a high surrogate must be followed by its low surrogate")
                        }
                        index += 2
                        let low = try hex4()
                        guard (0xDC00...0xDFFF).contains(low) else { throw fail("a \\u escape of a high surrogate must be followed by its low surrogate") }
                        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                    }
                    guard let scalar = Unicode.Scalar(code) else { throw fail("a \\u escape names no character") }
                    out += Array(String(Character(scalar)).utf8)
                default:
                    throw fail("unknown escape \\\(String(decoding: [e], as: UTF8.self)): expected one of \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX")
                }
            }
            throw fail("the file ends inside a string: expected a closing \"")
        }

        mutating func array(depth: Int) throws(SyntaxError) -> Value {
            index += 1
            var items: [LocatedJSON] = []
            skipSpace()
            if index < bytes.count && bytes[index] == UInt8(ascii: "]") {
                index += 1
                return .array(items)
            }
            while true {
                skipSpace()
                items.append(try value(depth: depth))
                skipSpace()
                guard index < bytes.count else { throw fail("the file ends inside a list: expected , or ]") }
                if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
                if bytes[index] == UInt8(ascii: "]") { index += 1; return .array(items) }
                throw fail("unexpected character in a list: expected , or ]")
            }
        }

        mutating func object(depth: Int) throws(SyntaxError) -> Value {
            index += 1
            var members: [Member] = []
            var seen: [String: JSONLocation] = [:]
            skipSpace()
            if index < bytes.count && bytes[index] == UInt8(ascii: "}") {
                index += 1
                return .object(members)
            }
            while true {
                skipSpace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else {
                    throw fail("expected a \"field\" name in double quotes")
                }
                let keyAt = here()
                let key = try string()
                if let first = seen[key] {
                    throw SyntaxError(location: keyAt, message: "field \"\(key)\" appears twice (first at line \(first.line)): expected each field once")
                }
                seen[key] = keyAt
                skipSpace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw fail("expected : after \"\(key)\"") }
                index += 1
                skipSpace()
                let v = try value(depth: depth)
                members.append(Member(key: key, keyLocation: keyAt, value: v))
                skipSpace()
                guard index < bytes.count else { throw fail("the file ends inside an object: expected , or }") }
                if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
                if bytes[index] == UInt8(ascii: "}") { index += 1; return .object(members) }
                throw fail("unexpected character after the value of \"\(key)\": expected , or }")
            }
        }
    }
}
