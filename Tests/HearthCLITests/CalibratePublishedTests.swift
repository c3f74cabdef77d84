import CareModel
import Foundation
import HearthCLI
import Interchange
import Simulation
import Testing

/// `hearth calibrate --published`: a starting scenario from published tables alone.
@Suite struct CalibratePublishedTests {
    func temporaryDirectory() -> String {
        let path = NSTemporaryDirectory() + "hearth-published-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// The county's files: the start is the published 31 March 2024 position, entries the
    /// 2023/24 starters, and the exit rate the mean of the last four years' ceased over the mean
    /// of the counts either side, computed here by hand; every section cites its source lines.
    @Test func countyFilesGiveItsPublishedStartAndRates() throws {
        let dir = temporaryDirectory()
        let dfe = repositoryRoot.appendingPathComponent("Scenarios/published/gloucestershire-dfe.csv").path
        let ofsted = repositoryRoot.appendingPathComponent("Scenarios/published/gloucestershire-ofsted.csv").path
        let out = dir + "/published.json"
        let (console, output) = Console.capturing()
        #expect(Hearth.run(["calibrate", "--published", dfe, "--published", ofsted, "--la", "Gloucestershire", "-o", out], console: console) == 0, "\(output.stderr)")
        let scenario = try ScenarioFile.read(path: out)
        #expect(scenario.startDate == "2024-04-01")
        #expect(scenario.start.county?.childrenInCare == 840)
        #expect(abs(scenario.entries.perYearByAgeBand.values.reduce(0, +) - 292) < 1e-9)
        // 2021-2024 started 333, 366, 323, 292: -5% a year with s.e. 3.5%, so no trend.
        #expect(scenario.entries.annualTrend == 0)
        let rate = (290 / ((730 + 784) / 2.0) + 315 / ((784 + 836) / 2.0) + 301 / ((836 + 865) / 2.0) + 320 / ((865 + 840) / 2.0)) / 4
        let baseline = Scenario()
        for band in AgeBand.allCases {
            #expect(abs(scenario.exits.meanYearsByAgeBand[band] - baseline.exits.meanYearsByAgeBand[band] * (1226.0 / 3270.0) / rate) < 1e-9)
        }
        #expect(scenario.start.county?.placementWeights["residential"].map { abs($0 - 92 * 840 / 836.0) < 1e-9 } == true)
        #expect(scenario.start.county?.inHouseHouseholds == 215)
        let text = try String(contentsOfFile: out, encoding: .utf8)
        #expect(text.contains("gloucestershire-dfe.csv:20"), "the 840 cites its line")
        #expect(text.contains("gloucestershire-ofsted.csv:4"))
        #expect(output.stdout.contains("exit rate 0.38 a year"))
    }

    /// Writes the county's DfE file with `row` added at its end to `path`; the rows before it.
    func countyDfE(adding row: String, to path: String) throws -> Int {
        let dfe = repositoryRoot.appendingPathComponent("Scenarios/published/gloucestershire-dfe.csv").path
        let text = try String(contentsOfFile: dfe, encoding: .utf8)
        try (text + row + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        return text.split(separator: "\n").count
    }

    /// A row typed for 2099 among 2018-2024 rows is named in a warning (its file and line), as
    /// the start is read from the latest year; the county's own files give none.
    @Test func aYearFarAfterTheRestIsWarnedOf() throws {
        let dir = temporaryDirectory()
        let rows = try countyDfE(adding: "2099,Reporting year,Local authority,E92000001,England,E12000009,South West,916,Gloucestershire,E10000013,CLA on 31 March,Total,840,100", to: dir + "/typo.csv")
        let dfe = repositoryRoot.appendingPathComponent("Scenarios/published/gloucestershire-dfe.csv").path
        let (console, output) = Console.capturing()
        #expect(Hearth.run(["calibrate", "--published", dir + "/typo.csv", "-o", dir + "/typo.json"], console: console) == 0, "\(output.stderr)")
        #expect(output.stderr.contains("warning: \(dir)/typo.csv:\(rows + 1): 2099 stands 75 years after the year before it with figures (2024)"), "\(output.stderr)")
        let (plainConsole, plain) = Console.capturing()
        #expect(Hearth.run(["calibrate", "--published", dfe, "-o", dir + "/plain.json"], console: plainConsole) == 0)
        #expect(!plain.stderr.contains("warning"), "\(plain.stderr)")
    }

    /// A council's name is printed and written into the scenario: one holding a terminal
    /// escape, or beginning like a spreadsheet formula, is refused at its line (exit code 2).
    @Test(arguments: ["Glou\u{1B}]0;owned\u{07}cestershire", "=HYPERLINK(\"x\")"])
    func councilNamesThatActAreRefused(name: String) throws {
        let dir = temporaryDirectory()
        let rows = try countyDfE(adding: "2024,Reporting year,Local authority,E92000001,England,E12000009,South West,917,\(CSV.escape(name)),E10000014,CLA on 31 March,Total,840,100", to: dir + "/named.csv")
        let (console, output) = Console.capturing()
        #expect(Hearth.run(["calibrate", "--published", dir + "/named.csv", "--la", "Gloucestershire", "-o", dir + "/named.json"], console: console) == 2)
        #expect(output.stderr.contains("named.csv:\(rows + 1): la_name"), "\(output.stderr)")
        #expect(!output.stderr.unicodeScalars.contains("\u{1B}") && !output.stdout.unicodeScalars.contains("\u{1B}"))
        #expect(!FileManager.default.fileExists(atPath: dir + "/named.json"))
    }

    /// An Ofsted file's council columns are names too: one holding a terminal escape or
    /// beginning like a formula is refused at the header's line.
    @Test(arguments: ["Glos\u{1B}[2J", "@Gloucestershire"])
    func ofstedCouncilColumnsThatActAreRefused(name: String) throws {
        let dir = temporaryDirectory()
        let ofsted = repositoryRoot.appendingPathComponent("Scenarios/published/gloucestershire-ofsted.csv").path
        let text = try String(contentsOfFile: ofsted, encoding: .utf8)
        let first = try #require(text.split(separator: "\n").first)
        try text.replacingOccurrences(of: first, with: first.replacingOccurrences(of: "Gloucestershire", with: name))
            .write(toFile: dir + "/ofsted.csv", atomically: true, encoding: .utf8)
        let (console, output) = Console.capturing()
        #expect(Hearth.run(["calibrate", "--published", dir + "/ofsted.csv", "-o", dir + "/o.json"], console: console) == 2)
        #expect(output.stderr.contains("ofsted.csv:1: council column \""), "\(output.stderr)")
        #expect(!output.stderr.unicodeScalars.contains("\u{1B}") && !output.stdout.unicodeScalars.contains("\u{1B}"))
    }

    /// A council whose starters grow 10% a year exactly gets that trend; one with a single
    /// council's file needs no --la; a file with none of the figures is an error, exit code 2.
    @Test func aClearTrendIsKeptAndMissingFiguresAreNamed() throws {
        let dir = temporaryDirectory()
        var rows = ["time_period,geographic_level,old_la_code,la_name,new_la_code,cla_group,characteristic,number"]
        for (i, year) in (2021...2024).enumerated() {
            rows.append("\(year),Local authority,999,Testshire,E99999999,CLA on 31 March,Total,\(500 + 20 * i)")
            rows.append("\(year),Local authority,999,Testshire,E99999999,Started during the year,Total,\(200.0 * pow(1.1, Double(i)))")
        }
        try (rows.joined(separator: "\n") + "\n").write(toFile: dir + "/t.csv", atomically: true, encoding: .utf8)
        let (console, output) = Console.capturing()
        #expect(Hearth.run(["calibrate", "--published", dir + "/t.csv", "-o", dir + "/t.json"], console: console) == 0, "\(output.stderr)")
        let scenario = try ScenarioFile.read(path: dir + "/t.json")
        #expect(abs(scenario.entries.annualTrend - 0.1) < 1e-6)
        #expect(scenario.start.county?.childrenInCare == 560)
        #expect(scenario.exits == Scenario().exits, "no ceased figures: the baseline's stays")

        try "time_period,geographic_level,la_name,cla_group,characteristic,number\n2024,Local authority,Testshire,Gender,Male,10\n"
            .write(toFile: dir + "/none.csv", atomically: true, encoding: .utf8)
        let (console2, output2) = Console.capturing()
        #expect(Hearth.run(["calibrate", "--published", dir + "/none.csv", "-o", dir + "/none.json"], console: console2) == 2)
        #expect(output2.stderr.contains("no local-authority figures Hearth uses"), "\(output2.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir + "/none.json"))
    }
}
