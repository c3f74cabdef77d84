import Foundation
import HearthCLI
import Testing

/// `hearth validate` over the fixture corpus in `Tests/InterchangeTests/Fixtures`: exit code 2
/// and one `file:LINE: field ...` line per expected problem for every malformed file, exit 0
/// for every valid one.
///
/// The corpus is found beside this source file (it is the Interchange tests' resource), so the
/// test needs no copy of it in this target's bundle.
@Suite struct ValidateCorpusTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("InterchangeTests/Fixtures")

    struct Expected {
        var line: Int
        var field: String?
        var text: String
    }

    /// `EXPECTED.tsv` rows grouped by file name.
    static func manifest() throws -> [String: [Expected]] {
        let url = fixtures.appendingPathComponent("malformed/EXPECTED.tsv")
        var rows: [String: [Expected]] = [:]
        for line in try String(contentsOf: url, encoding: .utf8).split(separator: "\n")
        where !line.hasPrefix("#") && !line.hasPrefix("file\t") {
            let cells = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            try #require(cells.count == 4, "bad manifest row \(line)")
            rows[cells[0], default: []].append(Expected(line: try #require(Int(cells[1])), field: cells[2] == "-" ? nil : cells[2], text: cells[3]))
        }
        return rows
    }

    @Test func everyMalformedFileFailsWithLocatedMessages() throws {
        let manifest = try Self.manifest()
        #expect(manifest.count >= 40)
        for (name, expected) in manifest.sorted(by: { $0.key < $1.key }) {
            let path = Self.fixtures.appendingPathComponent("malformed/\(name)").path
            let (console, output) = Console.capturing()
            let code = Hearth.run(["validate", path], console: console)
            #expect(code == 2, "\(name)")
            #expect(output.stdout.isEmpty, "\(name)")
            let lines = output.stderr.split(separator: "\n").map(String.init)
            let located = lines.filter { $0.hasPrefix(path + ":") }
            #expect(located.count == expected.count, "\(name): \(lines)")
            for want in expected {
                let prefix = "\(path):\(want.line): "
                let match = located.contains { line in
                    line.hasPrefix(prefix) && line.contains(want.text) && (want.field.map { line.dropFirst(prefix.count).contains($0) } ?? true)
                }
                #expect(match, "\(name): expected \(prefix)\(want.field ?? "")... \(want.text); got \(lines)")
            }
            #expect(lines.last?.hasPrefix("hearth validate: \(expected.count) problem") == true, "\(name): \(lines)")
        }
    }

    @Test func everyValidFilePasses() throws {
        let directory = Self.fixtures.appendingPathComponent("valid")
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".csv") }.sorted()
        #expect(files.count >= 8)
        let paths = files.map { directory.appendingPathComponent($0).path }
        let (console, output) = Console.capturing()
        #expect(Hearth.run(["validate"] + paths, console: console) == 0, "\(output.stderr)")
        for path in paths { #expect(output.stderr.contains("\(path): ok (")) }
    }

    @Test func severalFilesAreAllCheckedAndAllProblemsListed() throws {
        let malformed = Self.fixtures.appendingPathComponent("malformed")
        let paths = ["children_several_problems.csv", "households_several_problems.csv"].map { malformed.appendingPathComponent($0).path }
        let valid = Self.fixtures.appendingPathComponent("valid/children_crlf_with_bom.csv").path
        let (console, output) = Console.capturing()
        #expect(Hearth.run(["validate", paths[0], valid, paths[1]], console: console) == 2)
        #expect(output.stderr.contains("\(valid): ok (4 children, 1 sibling groups)"))
        #expect(output.stderr.contains("hearth validate: 12 problems found"))
    }

    @Test func validateNeedsAFileAndHasHelp() {
        let (console, output) = Console.capturing()
        #expect(Hearth.run(["validate"], console: console) == 2)
        #expect(output.stderr.contains("usage: hearth validate FILE..."))
        let (helpConsole, help) = Console.capturing()
        #expect(Hearth.run(["validate", "--help"], console: helpConsole) == 0)
        #expect(help.stdout.contains("hearth validate"))
    }
}
