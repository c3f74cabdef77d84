import Interchange
import Foundation

/// Reading scenario JSON files, with `base` files resolved and every problem located.
///
/// A file may name a `base` (another file, relative to it, or a bundled scenario by name such
/// as `county-baseline`): the base is read first and this file's fields are laid over it
/// (objects merge key by key; numbers, strings and arrays replace). Fields left out of both keep
/// the built-in defaults. Problems name the file, the line where the field is, the JSON path,
/// and what was expected; nothing is run when any is found.
public enum ScenarioFile {
    /// Reads the scenario at `path`.
    public static func read(path: String) throws(InvalidInput) -> Scenario {
        let bytes = try InputFile.bytes(at: path)
        let directory = (path as NSString).deletingLastPathComponent
        return try parse(bytes, file: path, directory: directory)
    }

    /// The bundled scenario called `name` (`county-baseline`, the default).
    public static func bundled(_ name: String = BundledScenarios.defaultName) throws(InvalidInput) -> Scenario {
        guard let text = BundledScenarios.json[name] else {
            throw InvalidInput([InputProblem(file: name, line: nil, message: "no bundled scenario \"\(name)\": expected one of \(BundledScenarios.json.keys.sorted().joined(separator: ", "))")])
        }
        return try parse(Array(text.utf8), file: "<bundled \(name)>", directory: nil)
    }

    /// Parses scenario JSON; `file` names it in messages and `directory` resolves a relative `base`.
    public static func parse(_ bytes: [UInt8], file: String, directory: String?) throws(InvalidInput) -> Scenario {
        var seen: Set<String> = []
        let merged = try resolve(bytes, file: file, directory: directory, seen: &seen)
        let data: Data
        do {
            data = try JSONSerialization.data(withJSONObject: merged, options: [.sortedKeys])
        } catch {
            throw InvalidInput([InputProblem(file: file, line: nil, message: "cannot be re-encoded: \(error)")])
        }
        let text = String(decoding: bytes, as: UTF8.self)
        let scenario: Scenario
        do {
            scenario = try JSONDecoder().decode(Scenario.self, from: data)
        } catch let error as DecodingError {
            throw InvalidInput([problem(for: error, file: file, text: text)])
        } catch {
            throw InvalidInput([InputProblem(file: file, line: nil, message: "\(error)")])
        }
        let problems = scenario.validationProblems().map { field, message in
            InputProblem(file: file, line: line(ofPath: field, in: text), field: field, message: message)
        }
        if !problems.isEmpty { throw InvalidInput(problems) }
        return scenario
    }

    /// The scenario as JSON with every field written (two-space indent, ending in a newline).
    public static func encode(_ scenario: Scenario) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let text = String(decoding: try encoder.encode(scenario), as: UTF8.self)
        return text + "\n"
    }

    /// The JSON object of a file with its `base` chain laid underneath.
    static func resolve(_ bytes: [UInt8], file: String, directory: String?, seen: inout Set<String>) throws(InvalidInput) -> [String: Any] {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: Data(bytes), options: [])
        } catch {
            let detail = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? "\(error)"
            throw InvalidInput([InputProblem(file: file, line: syntaxLine(detail), message: "not valid JSON: \(detail)")])
        }
        guard let dictionary = object as? [String: Any] else {
            throw InvalidInput([InputProblem(file: file, line: 1, message: "expected a JSON object { ... } at the top level")])
        }
        guard let baseValue = dictionary["base"] else { return dictionary }
        guard let base = baseValue as? String else {
            throw InvalidInput([InputProblem(file: file, line: line(ofPath: "base", in: String(decoding: bytes, as: UTF8.self)), field: "base",
                                             message: "base: expected the name or path of a scenario file")])
        }
        guard seen.insert(base).inserted else {
            throw InvalidInput([InputProblem(file: file, line: nil, field: "base", message: "base \"\(base)\": the chain of bases loops")])
        }
        var baseObject: [String: Any]
        let candidate = directory.map { ($0 as NSString).appendingPathComponent(base) } ?? base
        if FileManager.default.fileExists(atPath: candidate) {
            let baseBytes = try InputFile.bytes(at: candidate)
            baseObject = try resolve(baseBytes, file: candidate, directory: (candidate as NSString).deletingLastPathComponent, seen: &seen)
        } else if let text = BundledScenarios.json[(base as NSString).deletingPathExtension] {
            baseObject = try resolve(Array(text.utf8), file: "<bundled \(base)>", directory: nil, seen: &seen)
        } else {
            throw InvalidInput([InputProblem(file: file, line: line(ofPath: "base", in: String(decoding: bytes, as: UTF8.self)), field: "base",
                                             message: "base \"\(base)\": no such file next to \(file) and no bundled scenario of that name (bundled: \(BundledScenarios.json.keys.sorted().joined(separator: ", ")))")])
        }
        // The base's own description and timeline describe the base, not this file.
        baseObject.removeValue(forKey: "comment")
        return merge(baseObject, over: dictionary)
    }

    /// `top` laid over `bottom`: objects merge recursively, everything else replaces.
    static func merge(_ bottom: [String: Any], over top: [String: Any]) -> [String: Any] {
        var result = bottom
        for (key, value) in top {
            if let inner = value as? [String: Any], let below = result[key] as? [String: Any] {
                result[key] = merge(below, over: inner)
            } else {
                result[key] = value
            }
        }
        return result
    }

    /// A located problem for a decoding error.
    static func problem(for error: DecodingError, file: String, text: String) -> InputProblem {
        let (path, message): ([any CodingKey], String)
        switch error {
        case .typeMismatch(let type, let context):
            (path, message) = (context.codingPath, "expected \(describe(type))")
        case .valueNotFound(let type, let context):
            (path, message) = (context.codingPath, "expected \(describe(type)), found null")
        case .keyNotFound(let key, let context):
            (path, message) = (context.codingPath + [key], "missing: expected a value here")
        case .dataCorrupted(let context):
            (path, message) = (context.codingPath, context.debugDescription)
        @unknown default:
            (path, message) = ([], "\(error)")
        }
        let field = jsonPath(path)
        return InputProblem(file: file, line: line(ofPath: field, in: text), field: field,
                            message: field.isEmpty ? message : "\(field): \(message)")
    }

    /// `entries.per_year_by_age_band.under_1`, `timeline[2].kind`.
    static func jsonPath(_ path: [any CodingKey]) -> String {
        var text = ""
        for key in path {
            if let index = key.intValue {
                text += "[\(index)]"
            } else {
                text += (text.isEmpty ? "" : ".") + key.stringValue
            }
        }
        return text
    }

    static func describe(_ type: Any.Type) -> String {
        switch type {
        case is Double.Type, is Float.Type: return "a number"
        case is Int.Type, is UInt64.Type: return "a whole number"
        case is String.Type: return "text in quotes"
        case is Bool.Type: return "true or false"
        default:
            let name = "\(type)"
            if name.hasPrefix("Array") { return "a list [ ... ]" }
            if name.hasPrefix("Dictionary") { return "an object { ... }" }
            if name.contains("PlacementRequest") { return "one of short_term, long_term, emergency, respite, parent_and_child" }
            if name.contains("Kind") { return "one of " + TimelineEvent.Kind.allCases.map(\.rawValue).joined(separator: ", ") }
            return "an object { ... }"
        }
    }

    /// The 1-based line where the field at `path` is written, found by looking for each key of
    /// the path in turn after the previous one; nil when it is not written (a default, or a base).
    static func line(ofPath path: String, in text: String) -> Int? {
        let keys = path.replacingOccurrences(of: "[", with: ".[").split(separator: ".").filter { !$0.hasPrefix("[") }
        guard !keys.isEmpty else { return nil }
        let utf8 = Array(text.utf8)
        var from = 0
        var found = -1
        for key in keys {
            let needle = Array("\"\(key)\"".utf8)
            guard let at = firstIndex(of: needle, in: utf8, from: from) else { return found >= 0 ? lineNumber(at: found, in: utf8) : nil }
            found = at
            from = at + needle.count
        }
        return lineNumber(at: found, in: utf8)
    }

    static func firstIndex(of needle: [UInt8], in haystack: [UInt8], from: Int) -> Int? {
        guard needle.count <= haystack.count else { return nil }
        var i = from
        while i + needle.count <= haystack.count {
            if haystack[i] == needle[0], Array(haystack[i..<(i + needle.count)]) == needle { return i }
            i += 1
        }
        return nil
    }

    static func lineNumber(at offset: Int, in utf8: [UInt8]) -> Int {
        1 + utf8[..<offset].reduce(0) { $0 + ($1 == 10 ? 1 : 0) }
    }

    /// The line number in a JSON syntax message ("... line 3, column 5"), if any.
    static func syntaxLine(_ message: String) -> Int? {
        guard let range = message.range(of: "line ") else { return nil }
        return Int(message[range.upperBound...].prefix { $0.isNumber })
    }
}
