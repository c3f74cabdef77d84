import Foundation
import HearthCLI
import Testing

/// Exit codes as `hearth --help` states them: 0 success, 2 bad usage or invalid input, 1
/// anything else — here, output that cannot be written (a file under a path that cannot be a
/// folder, or standard output that fails, as on a full disk).
@Suite struct ExitCodeTests {
    struct DiskFull: Error, CustomStringConvertible { var description: String { "No space left on device" } }

    /// A console whose stdout fails on every write; stderr is kept.
    static func failingConsole() -> (Console, CapturedOutput) {
        let (capture, captured) = Console.capturing()
        let console = Console(out: { _ in throw DiskFull() }, err: { capture.message(String($0.dropLast())) })
        return (console, captured)
    }

    static func run(_ arguments: [String]) -> (code: Int32, stdout: String, stderr: String) {
        let (console, output) = Console.capturing()
        let code = Hearth.run(arguments, console: console)
        return (code, output.stdout, output.stderr)
    }

    static let commands = ["simulate", "compare", "match", "explain", "generate", "validate", "calibrate", "backtest"]
    /// A path whose parent is a file, so nothing can be written there.
    static let unwritable = "/dev/null/hearth-cannot-write"

    @Test func noArgumentsIsAUsageErrorThatListsTheCommands() {
        let (code, stdout, _) = Self.run([])
        #expect(code == 2)
        for command in Self.commands { #expect(stdout.contains("\n  \(command) "), "\(command)") }
        #expect(stdout.contains("Exit codes: 0 success, 2 bad usage or invalid input, 1 anything else."))
    }

    @Test func helpAndVersion() {
        for flag in ["--help", "-h", "help"] {
            let (code, stdout, stderr) = Self.run([flag])
            #expect(code == 0 && stderr.isEmpty, "\(flag)")
            #expect(stdout.hasPrefix("hearth ") && stdout.contains("usage: hearth COMMAND"), "\(flag)")
            for command in Self.commands { #expect(stdout.contains("\n  \(command) "), "\(flag) \(command)") }
        }
        let (code, stdout, _) = Self.run(["--version"])
        #expect(code == 0)
        let parts = stdout.dropFirst("hearth ".count).dropLast().split(separator: ".")
        #expect(stdout.hasPrefix("hearth ") && stdout.hasSuffix("\n") && parts.count == 3 && parts.allSatisfy { Int($0) != nil }, "\(stdout)")
        for command in Self.commands {
            let help = Self.run([command, "--help"])
            #expect(help.code == 0 && help.stdout.contains("usage: hearth \(command)"), "\(command) --help")
        }
        let unknown = Self.run(["simulat"])
        #expect(unknown.code == 2 && unknown.stderr.contains("unknown command \"simulat\""))
    }

    /// Standard output that cannot be written is exit code 1 with the reason, for the commands
    /// that print their results there.
    @Test func standardOutputThatFailsIsExitCodeOne() throws {
        let f = try MatchFixture.county()
        let cases: [[String]] = [
            ["--help"], ["--version"], ["simulate", "--help"],
            ["match", f.childrenPath, f.householdsPath],
            ["match", f.childrenPath, f.householdsPath, "--format", "json"],
            ["explain", f.childrenPath, f.householdsPath, "--child", "C3", "--household", "H2"],
            ["simulate", "--runs", "1", "--years", "1", "--out", temporaryDirectory("stdout-fails")],
            ["compare", "county-baseline", "recruit-40-a-year", "--runs", "1", "--years", "1"],
            ["backtest", BacktestCommandTests.directory, "--as-of", "2022-03-31", "--years", "1", "--runs", "3", "--engine", "flows"],
        ]
        for arguments in cases {
            let (console, output) = Self.failingConsole()
            #expect(Hearth.run(arguments, console: console) == 1, "\(arguments)")
            #expect(output.stderr.contains("cannot write to standard output: No space left on device"), "\(arguments): \(output.stderr)")
        }
        // The same commands succeed when stdout works.
        #expect(Self.run(["match", f.childrenPath, f.householdsPath]).code == 0)
    }

    /// Output files that cannot be written are exit code 1, naming the path, for every command
    /// that writes files; and nothing is left half-written.
    @Test func outputFilesThatCannotBeWrittenAreExitCodeOne() throws {
        let ssda903 = BacktestCommandTests.directory
        #expect(BacktestCommandTests.fixture.code == 0)
        let cases: [[String]] = [
            ["simulate", "--runs", "1", "--years", "1", "--out", Self.unwritable],
            ["compare", "county-baseline", "recruit-40-a-year", "--runs", "1", "--years", "1", "--out", Self.unwritable],
            ["generate", "--out", Self.unwritable],
            ["calibrate", ssda903, "-o", Self.unwritable + "/scenario.json"],
            ["calibrate", "--make-synthetic", Self.unwritable, "--seed", "3", "--from", "2020-04-01", "--to", "2022-03-31"],
            ["backtest", ssda903, "--as-of", "2022-03-31", "--years", "1", "--runs", "3", "--engine", "flows", "--csv", Self.unwritable + "/b.csv"],
        ]
        for arguments in cases {
            let (code, _, stderr) = Self.run(arguments)
            #expect(code == 1, "\(arguments): \(stderr)")
            #expect(stderr.contains("cannot write") && stderr.contains("/dev/null/hearth-cannot-write"), "\(arguments): \(stderr)")
        }
        // A trace that cannot be written stops the other files too (all or nothing).
        let out = temporaryDirectory("trace-unwritable")
        let (code, _, stderr) = Self.run(["simulate", "--runs", "1", "--years", "1", "--out", out, "--trace", Self.unwritable + "/t.csv"])
        #expect(code == 1, "\(stderr)")
        #expect(!FileManager.default.fileExists(atPath: out + "/summary.json") && !FileManager.default.fileExists(atPath: out))
    }
}
