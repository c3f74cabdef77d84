import Foundation
import Interchange
@testable import Simulation
import Testing

/// docs/scenario-format.md lists every field with the default and range the code declares.
@Suite struct ScenarioFormatDocTests {
    static let doc = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("docs/scenario-format.md").path
    static let begin = "<!-- field tables: made by ScenarioSettings.markdown(); run HEARTH_UPDATE_DOCS=1 swift test --filter ScenarioFormatDocTests after changing a setting -->\n"
    static let end = "<!-- end of field tables -->\n"

    /// The tables between the markers are exactly what the schemas give. With
    /// `HEARTH_UPDATE_DOCS=1` the test rewrites them first.
    @Test func fieldTablesMatchTheDeclarations() throws {
        var text = try String(contentsOfFile: Self.doc, encoding: .utf8)
        let generated = ScenarioSettings.markdown()
        func tables() throws -> Range<String.Index> {
            let start = try #require(text.range(of: Self.begin), "the doc has no field tables marker")
            let stop = try #require(text.range(of: Self.end, range: start.upperBound..<text.endIndex))
            return start.upperBound..<stop.lowerBound
        }
        if ProcessInfo.processInfo.environment["HEARTH_UPDATE_DOCS"] == "1" {
            text.replaceSubrange(try tables(), with: generated)
            try text.write(toFile: Self.doc, atomically: true, encoding: .utf8)
        }
        #expect(String(text[try tables()]) == generated)
    }

    /// Independent of the generator: every key of every section appears in the doc's table for
    /// that section with the range text the table declares.
    @Test func everyKeyIsDocumentedWithItsRange() throws {
        let text = try String(contentsOfFile: Self.doc, encoding: .utf8)
        for (path, table) in ScenarioSettings.sections {
            let heading = "#### " + (path.isEmpty ? "top level" : "`\(path)`") + "\n"
            let at = try #require(text.range(of: heading), "no table for \(path)")
            let section = text[at.upperBound...].prefix { _ in true }.components(separatedBy: "\n\n")[0]
            for setting in table.settings {
                #expect(section.contains("| `\(setting.key)` |") && section.contains("| \(SettingsTable.rangeText(setting.kind)) |"), "\(path).\(setting.key)")
            }
        }
    }
}
