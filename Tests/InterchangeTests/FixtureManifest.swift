import Foundation

/// One expected problem from `Fixtures/malformed/EXPECTED.tsv`.
struct ExpectedProblem: Sendable, CustomStringConvertible {
    var file: String
    var line: Int
    /// The field named in the problem; nil for `-`.
    var field: String?
    /// A distinctive part of the message.
    var text: String

    var description: String { "\(file):\(line) [\(field ?? "-")] \(text)" }
}

/// The fixture corpus shipped with the tests.
enum Fixtures {
    /// The copied `Fixtures` directory inside the test bundle.
    static var root: URL { Bundle.module.resourceURL!.appendingPathComponent("Fixtures") }
    static var malformed: URL { root.appendingPathComponent("malformed") }
    static var valid: URL { root.appendingPathComponent("valid") }

    /// The manifest rows, grouped by file name.
    static func manifest() throws -> [String: [ExpectedProblem]] {
        let text = try String(contentsOf: malformed.appendingPathComponent("EXPECTED.tsv"), encoding: .utf8)
        var byFile: [String: [ExpectedProblem]] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") && !line.hasPrefix("file\t") {
            let cells = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            precondition(cells.count == 4, "bad manifest row: \(line)")
            let expected = ExpectedProblem(file: cells[0], line: Int(cells[1])!, field: cells[2] == "-" ? nil : cells[2], text: cells[3])
            byFile[expected.file, default: []].append(expected)
        }
        return byFile
    }

    /// The `.csv` files in a fixture directory, sorted.
    static func csvFiles(in directory: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".csv") }.sorted()
    }
}
