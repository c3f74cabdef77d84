import Foundation
import HearthCLI
import Interchange
import Testing

/// `hearth compare --out`: what its files hold, and what a rerun leaves behind.
@Suite struct CompareCommandTests {
    /// Writes a variant of the county baseline named `name` and returns its path.
    static func variant(_ directory: String, file: String, name: String, recruitment: Double) throws -> String {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let path = directory + "/" + file
        let object: [String: Any] = [
            "base": "county-baseline", "name": name,
            "carers": ["recruitment": ["enquiries_per_month": recruitment]],
        ]
        try JSONSerialization.data(withJSONObject: object).write(to: URL(fileURLWithPath: path))
        return path
    }

    static func compare(_ arguments: [String]) -> (code: Int32, stdout: String, stderr: String) {
        let (console, output) = Console.capturing()
        let code = Hearth.run(["compare"] + arguments + ["--runs", "4", "--years", "1", "--seed", "3"], console: console)
        return (code, output.stdout, output.stderr)
    }

    /// Names with a tab, a new line, quotes and commas give valid JSON and CSV that read back to
    /// the same names.
    @Test func anyScenarioNameGivesValidJSONAndCSV() throws {
        let dir = temporaryDirectory("compare-names")
        let awkward = "plan\tB, \"new\"\nline"
        let a = try Self.variant(dir, file: "a.json", name: "plan A", recruitment: 30)
        let b = try Self.variant(dir, file: "b.json", name: awkward, recruitment: 45)
        let run = Self.compare([a, b, "--out", dir + "/out"])
        #expect(run.code == 0, "\(run.stderr)")
        let json = try #require(FileManager.default.contents(atPath: dir + "/out/comparison.json"))
        let object = try #require(try JSONSerialization.jsonObject(with: json) as? [String: Any])
        #expect(object["scenarios"] as? [String] == ["plan A", awkward])
        let csv = try #require(FileManager.default.contents(atPath: dir + "/out/comparison.csv"))
        let parsed = CSV.parse(Array(csv), file: "comparison.csv")
        #expect(parsed.problems.isEmpty)
        let names = Set(parsed.records.dropFirst().map { $0.fields[0] })
        #expect(names == ["plan A", awkward])
        // Invest to save: the second scenario against the first, year by year and its payback.
        let invest = try #require(object["invest_to_save"] as? [[String: Any]])
        #expect(invest.count == 1 && invest[0]["scenario"] as? String == awkward && invest[0]["baseline"] as? String == "plan A")
        #expect((invest[0]["years"] as? [[String: Any]])?.count == 1)
        let investCSV = CSV.parse(Array(try #require(FileManager.default.contents(atPath: dir + "/out/invest_to_save.csv"))), file: "invest_to_save.csv")
        #expect(investCSV.problems.isEmpty)
        #expect(investCSV.records.first?.fields == ["scenario", "baseline", "year", "measure", "p10", "p50", "p90"])
        #expect(investCSV.records.dropFirst().map { $0.fields[3] } == ["extra_spend", "savings", "net", "cumulative_net", "payback_year"])
        #expect(investCSV.records.dropFirst().allSatisfy { $0.fields[0] == awkward && $0.fields[1] == "plan A" })
        #expect(run.stdout.contains("Invest to save"))
    }

    /// A paired difference is worked out within each run: swapping the two scenarios negates it
    /// (P50 to -P50, P10 to -P90), and a scenario against a copy of itself differs by exactly 0.
    @Test func pairedDifferencesAreAntisymmetricAndZeroAgainstItself() throws {
        let dir = temporaryDirectory("compare-pairs")
        let a = try Self.variant(dir, file: "a.json", name: "few", recruitment: 20)
        let b = try Self.variant(dir, file: "b.json", name: "many", recruitment: 60)
        let same = try Self.variant(dir, file: "c.json", name: "few again", recruitment: 20)
        #expect(Self.compare([a, b, same, "--out", dir + "/ab"]).code == 0)
        #expect(Self.compare([b, a, "--out", dir + "/ba"]).code == 0)
        func differences(_ folder: String, scenario: String) throws -> [String: [String: Double]] {
            let data = try #require(FileManager.default.contents(atPath: dir + "/" + folder + "/comparison.json"))
            let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            let kpis = try #require(object["kpis"] as? [String: [[String: Any]]])
            var out: [String: [String: Double]] = [:]
            for (kpi, entries) in kpis {
                for entry in entries where entry["scenario"] as? String == scenario {
                    if let d = entry["difference"] as? [String: Double] { out[kpi] = d }
                }
            }
            return out
        }
        let ab = try differences("ab", scenario: "many"), ba = try differences("ba", scenario: "few")
        #expect(ab.count > 10 && ab.count == ba.count)
        var nonZero = 0
        for (kpi, d) in ab {
            let e = try #require(ba[kpi])
            #expect(abs(d["p50"]! + e["p50"]!) < 1e-9, "\(kpi): \(d) vs \(e)")
            #expect(abs(d["p10"]! + e["p90"]!) < 1e-9 && abs(d["p90"]! + e["p10"]!) < 1e-9, "\(kpi): \(d) vs \(e)")
            if d["p50"]! != 0 { nonZero += 1 }
        }
        #expect(nonZero > 0, "tripling recruitment changes something within a year")
        for (kpi, d) in try differences("ab", scenario: "few again") {
            #expect(d["p10"] == 0 && d["p50"] == 0 && d["p90"] == 0, "\(kpi): \(d)")
        }
    }

    /// A rerun into the same folder with other scenarios removes the previous comparison's
    /// scenario folders, but never a file it did not write.
    @Test func rerunRemovesThePreviousComparisonsFolders() throws {
        let dir = temporaryDirectory("compare-rerun")
        let a = try Self.variant(dir, file: "a.json", name: "first", recruitment: 30)
        let b = try Self.variant(dir, file: "b.json", name: "second", recruitment: 40)
        let c = try Self.variant(dir, file: "c.json", name: "third", recruitment: 50)
        let d = try Self.variant(dir, file: "d.json", name: "fourth", recruitment: 60)
        let out = dir + "/out"
        #expect(Self.compare([a, b, "--out", out]).code == 0)
        #expect(FileManager.default.fileExists(atPath: out + "/second/summary.json"))
        try "mine".write(toFile: out + "/first/notes.txt", atomically: true, encoding: .utf8)
        #expect(Self.compare([c, d, "--out", out]).code == 0)
        #expect(!FileManager.default.fileExists(atPath: out + "/second"))
        #expect(!FileManager.default.fileExists(atPath: out + "/first/summary.json"))
        #expect(FileManager.default.fileExists(atPath: out + "/first/notes.txt"), "a user's file is kept")
        #expect(FileManager.default.fileExists(atPath: out + "/third/summary.json"))
    }

    /// The terminal table says "paired difference" and reads as English when places do not run out.
    @Test func terminalTableNamesPairedDifferences() throws {
        let dir = temporaryDirectory("compare-terminal")
        let a = try Self.variant(dir, file: "a.json", name: "low", recruitment: 30)
        let b = try Self.variant(dir, file: "b.json", name: "high", recruitment: 40)
        let run = Self.compare([a, b])
        #expect(run.code == 0)
        #expect(run.stdout.contains("Paired difference from low, run by run") && run.stdout.contains("high - low"))
        for line in run.stdout.split(separator: "\n") { #expect(line.count <= 120, "\(line.count) characters: \(line)") }
        #expect(!run.stdout.contains("run out not within"))
        #expect(run.stdout.contains("in-house places run out in month") || run.stdout.contains("in-house places do not run out within 1 year (P50)"))
    }
}
