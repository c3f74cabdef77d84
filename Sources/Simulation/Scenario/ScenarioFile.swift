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
    ///
    /// The file (with its bases) is read by `LocatedJSON`, checked against `ScenarioSettings`
    /// (every value of the wrong kind or out of range reported where it is written), decoded by
    /// the same declarations, then checked across fields (`validationProblems`). Nothing is
    /// returned unless every check passes.
    public static func parse(_ bytes: [UInt8], file: String, directory: String?) throws(InvalidInput) -> Scenario {
        var seen: Set<String> = []
        let merged = try resolve(bytes, file: file, directory: directory, seen: &seen)
        let rangeProblems = ScenarioSettings.scenario.table.problems(in: merged)
        if !rangeProblems.isEmpty { throw InvalidInput(sorted(rangeProblems)) }
        let scenario = ScenarioSettings.scenario.decode(merged)
        let problems = scenario.validationProblems().map { field, message in
            located(field: field, message: message, file: file, document: merged)
        }
        if !problems.isEmpty { throw InvalidInput(problems) }
        return scenario
    }

    /// Problems in file order, then line order (a base's problems before its variant's).
    /// A "too many problems" note stays last.
    static func sorted(_ problems: [InputProblem]) -> [InputProblem] {
        let notes = problems.filter { $0.line == nil && $0.message.hasPrefix(ProblemLog.truncationNotePrefix) }
        let found = problems.filter { !($0.line == nil && $0.message.hasPrefix(ProblemLog.truncationNotePrefix)) }
        var order: [String: Int] = [:]
        for p in found where order[p.file] == nil { order[p.file] = order.count }
        return found.enumerated().sorted { a, b in
            (order[a.element.file]!, a.element.line ?? 0, a.offset) < (order[b.element.file]!, b.element.line ?? 0, b.offset)
        }.map(\.element) + notes
    }

    /// A problem at the JSON path `field`, located where that value (or the nearest enclosing
    /// one) is written; a field not written anywhere (a default) is reported against `file`.
    static func located(field: String, message: String, file: String, document: LocatedJSON) -> InputProblem {
        if document.value(atPath: field) == nil && field.contains(".") == false && field.contains("[") == false {
            return InputProblem(file: file, line: nil, field: field, message: message)
        }
        let at = document.nearestLocation(ofPath: field)
        return InputProblem(file: at.file, line: at.line, field: field, message: message)
    }

    /// The scenario as JSON with every field written (two-space indent, ending in a newline).
    public static func encode(_ scenario: Scenario) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let text = String(decoding: try encoder.encode(scenario), as: UTF8.self)
        return text + "\n"
    }

    /// The JSON of a file with its `base` chain laid underneath.
    static func resolve(_ bytes: [UInt8], file: String, directory: String?, seen: inout Set<String>) throws(InvalidInput) -> LocatedJSON {
        let document: LocatedJSON
        do {
            document = try LocatedJSON.parse(bytes, file: file)
        } catch {
            throw InvalidInput([error.problem])
        }
        guard document.members != nil else {
            throw InvalidInput([InputProblem(file: file, line: document.location.line, message: "expected a JSON object { ... } at the top level")])
        }
        guard let baseValue = document["base"] else { return document }
        guard let base = baseValue.string, !base.isEmpty else {
            throw InvalidInput([InputProblem(file: file, line: baseValue.location.line, field: "base",
                                             message: "base \(baseValue.shown): expected the name or path of a scenario file")])
        }
        guard seen.insert(base).inserted, seen.count <= 32 else {
            throw InvalidInput([InputProblem(file: file, line: baseValue.location.line, field: "base", message: "base \"\(base)\": the chain of bases loops")])
        }
        var baseDocument: LocatedJSON
        let candidate = directory.map { ($0 as NSString).appendingPathComponent(base) } ?? base
        if FileManager.default.fileExists(atPath: candidate) {
            let baseBytes = try InputFile.bytes(at: candidate)
            baseDocument = try resolve(baseBytes, file: candidate, directory: (candidate as NSString).deletingLastPathComponent, seen: &seen)
        } else if let text = BundledScenarios.json[(base as NSString).deletingPathExtension] {
            baseDocument = try resolve(Array(text.utf8), file: "<bundled \(base)>", directory: nil, seen: &seen)
        } else {
            throw InvalidInput([InputProblem(file: file, line: baseValue.location.line, field: "base",
                                             message: "base \"\(base)\": no such file next to \(file) and no bundled scenario of that name (bundled: \(BundledScenarios.json.keys.sorted().joined(separator: ", ")))")])
        }
        // The base's own description and timeline describe the base, not this file.
        baseDocument = baseDocument.removing("comment")
        return LocatedJSON.merge(baseDocument, over: document)
    }
}
