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
        let document: LocatedJSON
        do {
            document = try LocatedJSON.parse(bytes, file: file)
        } catch {
            throw InvalidInput([error.problem])
        }
        guard let members = document.members else {
            throw InvalidInput([InputProblem(file: file, line: document.location.line, message: "expected a JSON object { ... } of policy fields")])
        }
        var policy = MatchPolicy.default
        let known = numberFields.map(\.key) + integerFields.map(\.key) + ["skill_required_needs", "weights"]
        var weightsLine = 1
        var lines: [String: Int] = [:]
        for member in members where !member.key.hasPrefix("_") {
            let (key, value, line) = (member.key, member.value, member.keyLocation.line)
            lines[key] = line
            if let field = numberFields.first(where: { $0.key == key }) {
                if let x = value.double, field.range.contains(x) {
                    policy[keyPath: field.path] = x
                } else {
                    log.add(line: line, field: key, "field \"\(key)\" \(show(value)): expected a number \(plain(field.range.lowerBound))-\(plain(field.range.upperBound))")
                }
            } else if let field = integerFields.first(where: { $0.key == key }) {
                if let n = value.integer, field.range.contains(n) {
                    policy[keyPath: field.path] = n
                } else {
                    log.add(line: line, field: key, "field \"\(key)\" \(show(value)): expected a whole number \(field.range.lowerBound)-\(field.range.upperBound)")
                }
            } else if key == "skill_required_needs" {
                var needs = Needs()
                var ok = true
                if case .array(let items) = value.value {
                    for item in items {
                        if let s = item.string, skillNeeds.contains(s), let n = Needs(token: s) { needs.insert(n) } else { ok = false }
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
                guard let weights = value.members else {
                    log.add(line: line, field: key, "field \"weights\" \(show(value)): expected an object of criterion weights")
                    continue
                }
                for weight in weights where !weight.key.hasPrefix("_") {
                    let (name, w, wLine) = (weight.key, weight.value, weight.keyLocation.line)
                    guard let criterion = Criterion(rawValue: name) else {
                        log.add(line: wLine, field: "weights.\(name)", "unknown field \"weights.\(name)\": expected one of \(Criterion.allCases.map(\.rawValue).joined(separator: ", "))")
                        continue
                    }
                    if let x = w.double, (0...100).contains(x) {
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
                log.add(line: lines["near_distance_miles"] ?? lines["max_distance_miles"], field: "near_distance_miles", "near_distance_miles \(plain(policy.nearDistanceMiles)) is more than max_distance_miles \(plain(policy.maxDistanceMiles)): expected at most the limit")
            }
            if policy.schoolFarMiles <= policy.schoolNearMiles {
                log.add(line: lines["school_far_miles"] ?? lines["school_near_miles"], field: "school_far_miles", "school_far_miles \(plain(policy.schoolFarMiles)) is not above school_near_miles \(plain(policy.schoolNearMiles)): expected far > near")
            }
        }
        guard log.isEmpty else { throw InvalidInput(log.problems) }
        return policy
    }

    static func show(_ value: LocatedJSON) -> String { value.shown }

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
