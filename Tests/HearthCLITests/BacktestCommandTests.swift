import Foundation
import HearthCLI
import Testing

@Suite struct BacktestCommandTests {
    static let directory: String = {
        let path = NSTemporaryDirectory() + "hearth-backtest-\(UUID().uuidString)"
        let (console, _) = Console.capturing()
        _ = Hearth.run(["calibrate", "--make-synthetic", path, "--seed", "7", "--from", "2016-04-01", "--to", "2024-03-31"], console: console)
        return path
    }()

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
        #expect(Hearth.run(["backtest", Self.directory, "--as-of", "2022-03-31", "--years", "1", "--engine", "magic"], console: console) == 2)
    }

    @Test func aReturnTooShortForTheYearsAskedIsAUsageError() {
        let (console, output) = Console.capturing()
        #expect(Hearth.run(["backtest", Self.directory, "--as-of", "2023-03-31", "--years", "3"], console: console) == 2)
        #expect(output.stderr.contains("the return observes the collection years 2016/17 to 2023/24 (2016-04-01 to 2024-03-31) in full: it cannot show 3 years after 2023-03-31"))
        #expect(Hearth.run(["backtest", Self.directory, "--years", "3"], console: console) == 2)
        #expect(Hearth.run(["backtest", Self.directory, "--as-of", "yesterday", "--years", "3"], console: console) == 2)
    }
}
