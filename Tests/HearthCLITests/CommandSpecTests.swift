import Foundation
import Testing
@testable import HearthCLI

/// Each command's options are declared once (its `CommandSpec`); these tests hold the README,
/// `--help` and the parser to that declaration.
@Suite struct CommandSpecTests {
    /// README's command table gives, for every command, exactly the synopsis `--help` prints.
    @Test func readmeCommandTableMatchesEverySpec() throws {
        let readme = try String(contentsOf: repositoryRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let rows = readme.split(separator: "\n").filter { $0.hasPrefix("| `hearth ") }
        #expect(rows.count == Hearth.commands.count, "one README row per command")
        for command in Hearth.commands {
            let cell = "| `" + command.synopsis.replacingOccurrences(of: "|", with: "\\|") + "` |"
            #expect(rows.contains { $0.hasPrefix(cell) }, "README row for \(command.name) should start \(cell)")
        }
    }

    /// Every declared option is accepted by the parser under every spelling, appears in `--help`,
    /// and an undeclared option is refused with exit code 2.
    @Test func everyDeclaredOptionParsesAndIsDocumented() throws {
        for command in Hearth.commands {
            let help = command.help
            for option in command.spec.options {
                for name in option.names {
                    #expect(help.contains(name), "\(command.name) --help should mention \(name)")
                    let arguments = option.value == nil ? [name] : [name, "x"]
                    let parsed = try command.spec.parse(arguments)
                    if option.value == nil {
                        #expect(parsed.has(option.name))
                    } else {
                        #expect(parsed.value(option.name) == "x", "\(command.name) \(name) should be read as \(option.name)")
                    }
                }
            }
            #expect(throws: UsageError.self) { try command.spec.parse(["--no-such-option"]) }
            let (console, output) = Console.capturing()
            #expect(Hearth.run([command.name, "--no-such-option"], console: console) == 2)
            #expect(output.stderr.contains("unknown option --no-such-option"))
        }
    }

    /// `hearth --help` lists the commands with their summaries in one aligned column.
    @Test func topLevelHelpAligns() {
        let lines = Hearth.usage.split(separator: "\n").filter { $0.hasPrefix("  ") }
        #expect(lines.count == Hearth.commands.count)
        let columns = Set(lines.compactMap { line -> Int? in
            guard let summary = Hearth.commands.first(where: { line.hasPrefix("  " + $0.name + " ") })?.summary,
                  let range = line.range(of: summary) else { return nil }
            return line.distance(from: line.startIndex, to: range.lowerBound)
        })
        #expect(columns.count == 1, "summaries start in one column: \(columns)")
    }
}
