import Foundation
import HearthCLI
import Testing

@Suite struct BacktestCommandTests {
    /// A synthetic SSDA903 return, and the exit code of the command that made it.
    static let fixture: (path: String, code: Int32) = {
        let path = NSTemporaryDirectory() + "hearth-backtest-\(UUID().uuidString)"
        let (console, _) = Console.capturing()
        let code = Hearth.run(["calibrate", "--make-synthetic", path, "--seed", "7", "--from", "2016-04-01", "--to", "2024-03-31"], console: console)
        return (path, code)
    }()
    static var directory: String { fixture.path }

    /// Exit code and stderr of one command.
    static func run(_ arguments: [String]) -> (code: Int32, stderr: String) {
        let (console, output) = Console.capturing()
        let code = Hearth.run(arguments, console: console)
        return (code, output.stderr)
    }

    @Test func theFixtureIsAReadableReturn() {
        #expect(Self.fixture.code == 0)
        for file in ["header.csv", "episodes.csv"] {
            #expect(FileManager.default.fileExists(atPath: Self.directory + "/" + file), "\(file)")
        }
    }

    /// A missing folder is exit code 2 too, with its own message: the tests below check the
    /// message, not only the code.
    @Test func aMissingFolderIsReportedAsSuch() {
        let (code, stderr) = Self.run(["backtest", Self.directory + "-missing", "--as-of", "2022-03-31", "--years", "1"])
        #expect(code == 2)
        #expect(stderr.contains("-missing"), "\(stderr)")
    }

    @Test func backtestComparesEveryMeasureWithTheReturn() throws {
        let (console, output) = Console.capturing()
        let csv = Self.directory + "/backtest.csv"
        #expect(Hearth.run(["backtest", Self.directory, "--as-of", "2022-03-31", "--years", "2", "--runs", "30", "--csv", csv, "--engine", "flows"], console: console) == 0)
        #expect(output.stdout.contains("Backtest (flows): calibrated on 2016-04-01 to 2022-03-31, projected 2 years (30 runs)"))
        let rows = try String(contentsOfFile: csv, encoding: .utf8).split(separator: "\n")
        #expect(rows.first == "measure,year,year_end,truth,p10,p50,p90,error,error_pct,covered")
        #expect(rows.count == 1 + 2 * 16)
        // Each row's covered flag agrees with its own band, and p10 <= p50 <= p90.
        for row in rows.dropFirst() {
            let f = row.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            let truth = Int(f[3])!, p10 = Int(f[4])!, p50 = Int(f[5])!, p90 = Int(f[6])!
            #expect(p10 <= p50 && p50 <= p90)
            #expect((f[9] == "yes") == (p10 <= truth && truth <= p90))
            #expect(Int(f[7])! == p50 - truth)
        }
    }

    @Test func simulatorBacktestRunsTheCalibratedScenario() {
        let (console, output) = Console.capturing()
        #expect(Hearth.run(["backtest", Self.directory, "--as-of", "2022-03-31", "--years", "1", "--runs", "4", "--threads", "1"], console: console) == 0, "\(output.stderr)")
        #expect(output.stdout.contains("Backtest (simulator): calibrated on 2016-04-01 to 2022-03-31, projected 1 year (4 runs)"))
        #expect(output.stdout.contains("P10-P90 band covers the truth in"))
        let magic = Self.run(["backtest", Self.directory, "--as-of", "2022-03-31", "--years", "1", "--engine", "magic"])
        #expect(magic.code == 2 && magic.stderr.contains("--engine \"magic\": expected simulator or flows"), "\(magic.stderr)")
    }

    @Test func aReturnTooShortForTheYearsAskedIsAUsageError() {
        let short = Self.run(["backtest", Self.directory, "--as-of", "2023-03-31", "--years", "3"])
        #expect(short.code == 2 && short.stderr.contains("the return observes the collection years 2016/17 to 2023/24 (2016-04-01 to 2024-03-31) in full: it cannot show 3 years after 2023-03-31"), "\(short.stderr)")
        let noDate = Self.run(["backtest", Self.directory, "--years", "3"])
        #expect(noDate.code == 2 && noDate.stderr.contains("give --as-of DATE"), "\(noDate.stderr)")
        let badDate = Self.run(["backtest", Self.directory, "--as-of", "yesterday", "--years", "3"])
        #expect(badDate.code == 2 && badDate.stderr.contains("--as-of \"yesterday\": expected a date"), "\(badDate.stderr)")
    }
}
