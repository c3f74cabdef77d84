import Foundation
import Testing

/// docs/api.md stays true: it names every public type of each library module and nothing
/// more, and every line of its examples is compiled and run by `PublicAPIExamplesTests`.
@Suite struct PublicAPIListTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let modules = ["CareModel", "Interchange", "Matching", "Simulation", "Calibration", "Reports"]
    static let declarationKinds: Set<String> = ["struct", "enum", "class", "protocol", "typealias", "actor", "func", "let", "var"]

    /// The names a module makes public at the top level: its public declarations, and the
    /// types of other modules it extends with public members.
    static func publicNames(module: String) throws -> Set<String> {
        let folder = root.appendingPathComponent("Sources/\(module)")
        let files = (FileManager.default.enumerator(atPath: folder.path)?.allObjects as? [String] ?? []).filter { $0.hasSuffix(".swift") }
        var declared: Set<String> = []
        var extended: Set<String> = []
        for file in files {
            let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            var extending: String?
            for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
                // Words of the line with attributes (`@inlinable`) dropped; `indent` is its leading spaces.
                let indent = line.prefix { $0 == " " }.count
                var words = line.split(separator: " ").map(String.init)
                while let first = words.first, first.hasPrefix("@") { words.removeFirst() }
                if indent == 0, line.hasPrefix("extension ") {
                    extending = String(words[1].prefix { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." })
                } else if indent == 0, line.hasPrefix("}") {
                    extending = nil
                } else if indent == 0, words.first == "public" {
                    while words.count > 1, ["final", "indirect"].contains(words[1]) { words.remove(at: 1) }
                    if words.count > 2, declarationKinds.contains(words[1]) {
                        declared.insert(String(words[2].prefix { $0.isLetter || $0.isNumber || $0 == "_" }))
                    }
                } else if let type = extending, indent == 4, words.first == "public" {
                    extended.insert(type)
                }
            }
        }
        // Extensions of this module's own public types (or of their nested types) add nothing to list.
        let foreign = extended.filter { !declared.contains(String($0.split(separator: ".")[0])) }
        return declared.union(foreign)
    }

    /// docs/api.md's sections, by module heading: each bullet's names (the backticked words
    /// before its first ": "), and the lines of its Swift examples.
    static func documented() throws -> (names: [String: Set<String>], examples: [String]) {
        let text = try String(contentsOf: root.appendingPathComponent("docs/api.md"), encoding: .utf8)
        var names: [String: Set<String>] = [:]
        var examples: [String] = []
        var module: String?
        var inExample = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if line.hasPrefix("```") {
                inExample = line == "```swift"
                continue
            }
            if inExample {
                let trimmed = line.trimmingCharacters(in: .whitespaces)
                if !trimmed.isEmpty { examples.append(trimmed) }
            } else if line.hasPrefix("## ") {
                module = String(line.dropFirst(3))
                names[module!, default: []] = []
            } else if let module, line.hasPrefix("- "), let colon = line.range(of: ": ") {
                let parts = line[..<colon.lowerBound].split(separator: "`", omittingEmptySubsequences: false)
                for (i, part) in parts.enumerated() where i % 2 == 1 && part.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) {
                    names[module, default: []].insert(String(part))
                }
            }
        }
        return (names, examples)
    }

    @Test func everyPublicTypeIsListedUnderItsModuleAndNothingElse() throws {
        let doc = try Self.documented()
        #expect(Set(doc.names.keys) == Set(Self.modules), "docs/api.md has a section per library module")
        for module in Self.modules {
            let actual = try Self.publicNames(module: module)
            let listed = doc.names[module] ?? []
            #expect(!actual.isEmpty)
            #expect(actual.subtracting(listed).isEmpty, "public in Sources/\(module) but not in docs/api.md: \(actual.subtracting(listed).sorted())")
            #expect(listed.subtracting(actual).isEmpty, "in docs/api.md under \(module) but not public there: \(listed.subtracting(actual).sorted())")
        }
    }

    @Test func everyExampleLineIsCompiledByTheExamplesTests() throws {
        let doc = try Self.documented()
        let tests = try String(contentsOf: Self.root.appendingPathComponent("Tests/ReportsTests/PublicAPIExamplesTests.swift"), encoding: .utf8)
            .split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(doc.examples.count > 30)
        // Every example line, in the doc's order, is a line of the tests.
        var next = 0
        for line in doc.examples {
            guard let found = tests[next...].firstIndex(of: line) else {
                Issue.record("docs/api.md example line not in PublicAPIExamplesTests (in this order): \(line)")
                return
            }
            next = found + 1
        }
    }
}
