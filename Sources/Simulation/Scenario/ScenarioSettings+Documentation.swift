import Foundation
import Interchange

extension ScenarioSettings {
    /// The field tables of `docs/scenario-format.md`, made from the schemas: one table per
    /// section with each field's key, default (from the sections' own initialisers), range and
    /// meaning. The documentation holds this text between its two marker lines; a test fails
    /// when they differ.
    package static func markdown() -> String {
        let defaults = documentDefaults()
        var text = ""
        for (path, table) in sections {
            text += "#### " + (path.isEmpty ? "top level" : "`\(path)`") + "\n"
            text += "| field | default | range | meaning |\n|---|---|---|---|\n"
            for setting in table.settings {
                let fieldPath = path.isEmpty ? setting.key : "\(path).\(setting.key)"
                text += "| `\(setting.key)` | \(defaultText(fieldPath, setting.kind, defaults)) | \(SettingsTable.rangeText(setting.kind)) | \(setting.help) |\n"
            }
            if !table.requiredKeys.isEmpty {
                text += "\nRequired: " + table.requiredKeys.map { "`\($0.replacingOccurrences(of: "|", with: "` or `"))`" }.joined(separator: ", ") + ".\n"
            }
            text += "\n"
        }
        return text
    }

    /// The default scenario with the county profile filled in, as located JSON.
    static func documentDefaults() -> LocatedJSON {
        var scenario = Scenario()
        scenario.start.county = .default
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = (try? encoder.encode(scenario)) ?? Data("{}".utf8)
        return (try? LocatedJSON.parse(Array(data), file: "defaults")) ?? LocatedJSON(.object([]), at: JSONLocation(file: "", line: 0, column: 0))
    }

    /// The default as written in a file, short; "see below" for sections, "-" where none applies.
    static func defaultText(_ path: String, _ kind: Setting.Kind, _ defaults: LocatedJSON) -> String {
        switch kind {
        case .section, .keyedSections: return "see below"
        default: break
        }
        if path == "start.county" { return "the preset's" }
        guard !path.contains("[]"), !path.contains("<"), let value = defaults.value(atPath: path) else { return "-" }
        let text: String
        switch value.value {
        case .object(let members): text = members.isEmpty ? "{}" : "by key"
        case .array(let items): text = "[" + items.map(\.text).joined(separator: ", ") + "]"
        default: text = value.text
        }
        if text == "by key" || text.count > 48 { return "see `--print-scenario`" }
        return "`\(text)`"
    }
}
