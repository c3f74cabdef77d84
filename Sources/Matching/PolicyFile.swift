import Interchange
import CareModel

/// A matching policy JSON file: every field optional (defaults from `MatchPolicy.default`),
/// snake_case keys, weights adding up to 100. Keys starting with `_` are comments.
///
/// ```json
/// { "max_distance_miles": 40, "exploitation_age_gap": 3,
///   "weights": { "distance_from_home": 35, "same_school": 10, ... } }
/// ```
/// Problems are reported as `policy.json:LINE: field "NAME" VALUE: expected ...`.
public enum PolicyFile {
    nonisolated(unsafe) static let numberFields: [(key: String, range: ClosedRange<Double>, path: WritableKeyPath<MatchPolicy, Double>)] = [
        ("max_distance_miles", 0.1...1000, \.maxDistanceMiles),
        ("near_distance_miles", 0.1...1000, \.nearDistanceMiles),
        ("school_near_miles", 0...1000, \.schoolNearMiles),
        ("school_far_miles", 0.1...1000, \.schoolFarMiles),
        ("age_fit_span_years", 0.1...100, \.ageFitSpanYears),
        ("urgent_days", 1...36_500, \.urgentDays),
        ("long_term_carer_for_short_request_fit", 0...1, \.longTermCarerForShortRequestFit),
        ("split_penalty", 0...100, \.splitPenalty),
    ]
    nonisolated(unsafe) static let integerFields: [(key: String, range: ClosedRange<Int>, path: WritableKeyPath<MatchPolicy, Int>)] = [
        ("exploitation_age_gap", 0...17, \.exploitationAgeGap),
        ("teenage_from", 0...17, \.teenageFrom),
        ("candidate_limit", 1...100_000, \.candidateLimit),
    ]
    static let skillNeeds = ["disability", "complex", "trauma", "uasc"]

    /// Reads and checks a policy file, reporting every problem found.
    public static func read(path: String) throws(InvalidInput) -> MatchPolicy {
        try parse(InputFile.bytes(at: path), file: path)
    }

    /// Parses a policy from JSON bytes; `file` names them in messages.
    public static func parse(_ bytes: [UInt8], file: String) throws(InvalidInput) -> MatchPolicy {
        let log = ProblemLog(file: file)
        let document: PolicyJSON
        do {
            document = try PolicyJSON.parse(bytes)
        } catch {
            throw InvalidInput([InputProblem(file: file, line: error.line, message: "not valid JSON: \(error.message)")])
        }
        guard case .object(let members) = document else {
            throw InvalidInput([InputProblem(file: file, line: 1, message: "expected a JSON object { ... } of policy fields")])
        }
        var policy = MatchPolicy.default
        let known = numberFields.map(\.key) + integerFields.map(\.key) + ["skill_required_needs", "weights"]
        var weightsLine = 1
        for (key, value, line) in members where !key.hasPrefix("_") {
            if let field = numberFields.first(where: { $0.key == key }) {
                if case .number(let x) = value, field.range.contains(x) {
                    policy[keyPath: field.path] = x
                } else {
                    log.add(line: line, field: key, "field \"\(key)\" \(show(value)): expected a number \(plain(field.range.lowerBound))-\(plain(field.range.upperBound))")
                }
            } else if let field = integerFields.first(where: { $0.key == key }) {
                if case .number(let x) = value, x == x.rounded(), field.range.contains(Int(x)) {
                    policy[keyPath: field.path] = Int(x)
                } else {
                    log.add(line: line, field: key, "field \"\(key)\" \(show(value)): expected a whole number \(field.range.lowerBound)-\(field.range.upperBound)")
                }
            } else if key == "skill_required_needs" {
                var needs = Needs()
                var ok = true
                if case .array(let items) = value {
                    for item in items {
                        if case .string(let s) = item, skillNeeds.contains(s), let n = Needs(token: s) { needs.insert(n) } else { ok = false }
                    }
                } else {
                    ok = false
                }
                if ok {
                    policy.skillRequiredNeeds = needs
                } else {
                    log.add(line: line, field: key, "field \"\(key)\" \(show(value)): expected a list drawn from \"\(skillNeeds.joined(separator: "\", \""))\"")
                }
            } else if key == "weights" {
                weightsLine = line
                guard case .object(let weights) = value else {
                    log.add(line: line, field: key, "field \"weights\" \(show(value)): expected an object of criterion weights")
                    continue
                }
                for (name, w, wLine) in weights where !name.hasPrefix("_") {
                    guard let criterion = Criterion(rawValue: name) else {
                        log.add(line: wLine, field: "weights.\(name)", "unknown field \"weights.\(name)\": expected one of \(Criterion.allCases.map(\.rawValue).joined(separator: ", "))")
                        continue
                    }
                    if case .number(let x) = w, (0...100).contains(x) {
                        policy.weights[criterion] = x
                    } else {
                        log.add(line: wLine, field: "weights.\(name)", "field \"weights.\(name)\" \(show(w)): expected a number 0-100")
                    }
                }
            } else {
                log.add(line: line, field: key, "unknown field \"\(key)\": expected one of \(known.joined(separator: ", "))")
            }
        }
        if log.isEmpty {
            let total = policy.weights.total
            if abs(total - 100) > 1e-6 {
                log.add(line: weightsLine, field: "weights", "weights add up to \(plain(total)): expected 100 (weights not listed keep their defaults)")
            }
            if policy.nearDistanceMiles > policy.maxDistanceMiles {
                log.add(line: nil, field: "near_distance_miles", "near_distance_miles \(plain(policy.nearDistanceMiles)) is more than max_distance_miles \(plain(policy.maxDistanceMiles)): expected at most the limit")
            }
            if policy.schoolFarMiles <= policy.schoolNearMiles {
                log.add(line: nil, field: "school_far_miles", "school_far_miles \(plain(policy.schoolFarMiles)) is not above school_near_miles \(plain(policy.schoolNearMiles)): expected far > near")
            }
        }
        guard log.isEmpty else { throw InvalidInput(log.problems) }
        return policy
    }

    static func show(_ value: PolicyJSON) -> String {
        switch value {
        case .string(let s): "\"\(s)\""
        case .number(let x): plain(x)
        case .bool(let b): b ? "true" : "false"
        case .null: "null"
        case .array: "(a list)"
        case .object: "(an object)"
        }
    }

    static func plain(_ x: Double) -> String {
        x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : String(x)
    }

    /// The policy as JSON text with every field (a starting point for a council's own file).
    public static func render(_ p: MatchPolicy) -> String {
        var lines: [String] = []
        for f in numberFields { lines.append("  \"\(f.key)\": \(plain(p[keyPath: f.path]))") }
        for f in integerFields { lines.append("  \"\(f.key)\": \(p[keyPath: f.path])") }
        lines.append("  \"skill_required_needs\": [\(p.skillRequiredNeeds.tokenList.map { "\"\($0)\"" }.joined(separator: ", "))]")
        let w = Criterion.allCases.map { "    \"\($0.rawValue)\": \(plain(p.weights[$0]))" }.joined(separator: ",\n")
        lines.append("  \"weights\": {\n\(w)\n  }")
        return "{\n" + lines.joined(separator: ",\n") + "\n}\n"
    }
}

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
