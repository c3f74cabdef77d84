import Foundation
import Testing
@testable import HearthCLI

/// The guides' terminal examples are real: every fenced block in docs/guide-*.md that follows a
/// `<!-- checked example -->` line is run, command by command, and each line it shows must appear
/// in that command's output, in order. A line `...` stands for lines left out; a line ending in
/// `...` matches any output line that starts with the text before it.
@Suite struct GuideExampleTests {
    struct Step {
        var command: [String]
        var expected: [String]
    }

    struct Example {
        var file: String
        var line: Int
        var steps: [Step]
    }

    /// Every checked example of every guide.
    static func examples() throws -> [Example] {
        let docs = repositoryRoot.appendingPathComponent("docs")
        let names = try FileManager.default.contentsOfDirectory(atPath: docs.path).filter { $0.hasPrefix("guide-") && $0.hasSuffix(".md") }.sorted()
        var found: [Example] = []
        for name in names {
            let lines = try String(contentsOf: docs.appendingPathComponent(name), encoding: .utf8).components(separatedBy: "\n")
            var i = 0
            while i < lines.count {
                guard lines[i].trimmingCharacters(in: .whitespaces) == "<!-- checked example -->", i + 1 < lines.count,
                      lines[i + 1].hasPrefix("```") else { i += 1; continue }
                var example = Example(file: "docs/" + name, line: i + 2, steps: [])
                var j = i + 2
                while j < lines.count, !lines[j].hasPrefix("```") {
                    let line = lines[j]
                    if line.hasPrefix("$ ") {
                        example.steps.append(Step(command: Array(line.dropFirst(2).split(separator: " ").map(String.init)), expected: []))
                    } else if !line.trimmingCharacters(in: .whitespaces).isEmpty, !example.steps.isEmpty {
                        example.steps[example.steps.count - 1].expected.append(line)
                    }
                    j += 1
                }
                found.append(example)
                i = j
            }
        }
        return found
    }

    /// `arguments` with every file or folder made absolute: repository files (`Scenarios/...`)
    /// from the repository root, anything else inside `workspace`.
    static func resolve(_ arguments: [String], workspace: String) -> [String] {
        guard let name = arguments.first, let command = Hearth.commands.first(where: { $0.name == name }) else { return arguments }
        let pathValues: Set<String> = ["DIR", "FILE", "SCENARIO.json", "POLICY.json"]
        var out = [name]
        var i = 1
        func path(_ text: String) -> String {
            if FileManager.default.fileExists(atPath: repositoryRoot.appendingPathComponent(text).path) {
                return repositoryRoot.appendingPathComponent(text).path
            }
            return workspace + "/" + text
        }
        while i < arguments.count {
            let argument = arguments[i]
            if let option = command.spec.options.first(where: { $0.names.contains(argument) }), let value = option.value {
                out.append(argument)
                if i + 1 < arguments.count { out.append(pathValues.contains(value) ? path(arguments[i + 1]) : arguments[i + 1]) }
                i += 2
                continue
            }
            out.append(!argument.hasPrefix("-") && (argument.contains("/") || argument.contains(".")) ? path(argument) : argument)
            i += 1
        }
        return out
    }

    /// Whether `expected` appears in `actual` in order (see the suite's note for `...`).
    static func firstMissing(_ expected: [String], in actual: [String]) -> String? {
        var position = 0
        for line in expected.map({ $0.replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression) }) where line != "..." {
            let prefix = line.hasSuffix("...") ? String(line.dropLast(3)).replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression) : nil
            guard let found = actual[position...].firstIndex(where: { prefix.map($0.hasPrefix) ?? ($0 == line) }) else { return line }
            position = found + 1
        }
        return nil
    }

    @Test func everyCheckedExampleMatchesTheProgram() throws {
        let examples = try Self.examples()
        #expect(!examples.isEmpty, "the guides have checked examples")
        for example in examples {
            let workspace = NSTemporaryDirectory() + "hearth-guide-\(ProcessInfo.processInfo.processIdentifier)-\(example.line)"
            try? FileManager.default.removeItem(atPath: workspace)
            try FileManager.default.createDirectory(atPath: workspace, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(atPath: workspace) }
            for step in example.steps {
                guard step.command.first == "hearth" else { continue }
                let (console, output) = Console.capturing()
                _ = Hearth.run(Self.resolve(Array(step.command.dropFirst()), workspace: workspace), console: console)
                let text = (output.stdout + output.stderr)
                    .replacingOccurrences(of: workspace + "/", with: "")
                    .replacingOccurrences(of: repositoryRoot.path + "/", with: "")
                let actual = text.components(separatedBy: "\n").map { $0.replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression) }
                if let missing = Self.firstMissing(step.expected, in: actual) {
                    Issue.record("\(example.file):\(example.line): `\(step.command.joined(separator: " "))` did not print\n  \(missing)\nit printed:\n\(text.prefix(4000))")
                }
            }
        }
    }

    /// The matcher of expected lines fails on a line that is not there, or out of order.
    @Test func missingOrReorderedLinesAreFound() {
        let actual = ["a", "b  long line", "c"]
        #expect(Self.firstMissing(["a", "...", "c"], in: actual) == nil)
        #expect(Self.firstMissing(["b  long...", "c"], in: actual) == nil)
        #expect(Self.firstMissing(["c", "a"], in: actual) == "a")
        #expect(Self.firstMissing(["d"], in: actual) == "d")
    }
}
