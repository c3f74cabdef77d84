/// A minimal JSON reader for policy files that remembers the line of every value, so each
/// problem can be reported as `file:line: field ...`.
enum PolicyJSON: Equatable {
    case object([(key: String, value: PolicyJSON, line: Int)])
    case array([PolicyJSON])
    case string(String)
    case number(Double)
    case bool(Bool)
    case null

    static func == (a: PolicyJSON, b: PolicyJSON) -> Bool {
        switch (a, b) {
        case (.string(let x), .string(let y)): x == y
        case (.number(let x), .number(let y)): x == y
        case (.bool(let x), .bool(let y)): x == y
        case (.null, .null): true
        default: false
        }
    }

    struct SyntaxError: Error {
        var line: Int
        var message: String
    }

    /// Parses a whole document.
    static func parse(_ bytes: [UInt8]) throws(SyntaxError) -> PolicyJSON {
        var reader = Reader(bytes: bytes)
        reader.skipSpace()
        let value = try reader.value()
        reader.skipSpace()
        if reader.index < bytes.count { throw SyntaxError(line: reader.line, message: "unexpected text after the JSON value") }
        return value
    }

    struct Reader {
        let bytes: [UInt8]
        var index = 0
        var line = 1

        init(bytes: [UInt8]) {
            self.bytes = bytes
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
        }

        mutating func skipSpace() {
            while index < bytes.count {
                let b = bytes[index]
                if b == 10 { line += 1 } else if b != 32 && b != 9 && b != 13 { return }
                index += 1
            }
        }

        func fail(_ message: String) -> SyntaxError { SyntaxError(line: line, message: message) }

        mutating func value() throws(SyntaxError) -> PolicyJSON {
            guard index < bytes.count else { throw fail("the file ends where a value was expected") }
            switch bytes[index] {
            case UInt8(ascii: "{"): return try object()
            case UInt8(ascii: "["): return try array()
            case UInt8(ascii: "\""): return .string(try string())
            case UInt8(ascii: "t"): try literal("true"); return .bool(true)
            case UInt8(ascii: "f"): try literal("false"); return .bool(false)
            case UInt8(ascii: "n"): try literal("null"); return .null
            default: return .number(try number())
            }
        }

        mutating func literal(_ word: String) throws(SyntaxError) {
            let w = Array(word.utf8)
            guard index + w.count <= bytes.count, Array(bytes[index..<(index + w.count)]) == w else {
                throw fail("unexpected character: expected a value (number, \"text\", true, false, null, [ ] or { })")
            }
            index += w.count
        }

        mutating func number() throws(SyntaxError) -> Double {
            let start = index
            while index < bytes.count, "+-0123456789.eE".utf8.contains(bytes[index]) { index += 1 }
            guard index > start, let x = Double(String(decoding: bytes[start..<index], as: UTF8.self)), x.isFinite else {
                throw fail("unexpected character: expected a value (number, \"text\", true, false, null, [ ] or { })")
            }
            return x
        }

        mutating func string() throws(SyntaxError) -> String {
            index += 1
            var out: [UInt8] = []
            while index < bytes.count {
                let b = bytes[index]
                index += 1
                if b == UInt8(ascii: "\"") { return String(decoding: out, as: UTF8.self) }
                if b == 10 { throw fail("a string runs past the end of the line: expected a closing \"") }
                if b == UInt8(ascii: "\\"), index < bytes.count {
                    let e = bytes[index]
                    index += 1
                    switch e {
                    case UInt8(ascii: "n"): out.append(10)
                    case UInt8(ascii: "t"): out.append(9)
                    case UInt8(ascii: "u"):
                        guard index + 4 <= bytes.count, let code = UInt32(String(decoding: bytes[index..<(index + 4)], as: UTF8.self), radix: 16),
                            let scalar = Unicode.Scalar(code) else { throw fail("bad \\u escape") }
                        out += Array(String(Character(scalar)).utf8)
                        index += 4
                    default: out.append(e)
                    }
                } else {
                    out.append(b)
                }
            }
            throw fail("the file ends inside a string: expected a closing \"")
        }

        mutating func array() throws(SyntaxError) -> PolicyJSON {
            index += 1
            var items: [PolicyJSON] = []
            skipSpace()
            if index < bytes.count && bytes[index] == UInt8(ascii: "]") { index += 1; return .array(items) }
            while true {
                skipSpace()
                items.append(try value())
                skipSpace()
                guard index < bytes.count else { throw fail("the file ends inside a list: expected ]") }
                if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
                if bytes[index] == UInt8(ascii: "]") { index += 1; return .array(items) }
                throw fail("unexpected character in a list: expected , or ]")
            }
        }

        mutating func object() throws(SyntaxError) -> PolicyJSON {
            index += 1
            var members: [(key: String, value: PolicyJSON, line: Int)] = []
            skipSpace()
            if index < bytes.count && bytes[index] == UInt8(ascii: "}") { index += 1; return .object(members) }
            while true {
                skipSpace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw fail("expected a \"field\" name in quotes") }
                let keyLine = line
                let key = try string()
                skipSpace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw fail("expected : after \"\(key)\"") }
                index += 1
                skipSpace()
                let v = try value()
                if members.contains(where: { $0.key == key }) { throw SyntaxError(line: keyLine, message: "field \"\(key)\" appears twice: expected each field once") }
                members.append((key, v, keyLine))
                skipSpace()
                guard index < bytes.count else { throw fail("the file ends inside an object: expected }") }
                if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
                if bytes[index] == UInt8(ascii: "}") { index += 1; return .object(members) }
                throw fail("unexpected character after \"\(key)\": expected , or }")
            }
        }
    }
}
