import Foundation
import HearthCLI
import Interchange
import Simulation
import Testing

/// The repository root, found from this file's path.
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

func temporaryDirectory(_ name: String) -> String {
    let path = NSTemporaryDirectory() + "hearth-sim-tests-\(name)-\(ProcessInfo.processInfo.processIdentifier)"
    try? FileManager.default.removeItem(atPath: path)
    return path
}

func contents(_ path: String) -> Data? { FileManager.default.contents(atPath: path) }

@Test func simulateWithNoScenarioRunsTheBundledBaselineAndWritesAllFiles() throws {
    let out = temporaryDirectory("default")
    let (console, output) = Console.capturing()
    #expect(Hearth.run(["simulate", "--runs", "3", "--years", "1", "--out", out], console: console) == 0)
    #expect(output.stdout.contains("Scenario: county-baseline"))
    #expect(output.stdout.contains("Children in care"))
    #expect(output.stdout.contains("In-house places"))
    #expect(output.stdout.contains("\(out)/report.html"))
    let summary = try #require(contents(out + "/summary.json"))
    let json = try #require(try JSONSerialization.jsonObject(with: summary) as? [String: Any])
    #expect(json["scenario"] as? String == "county-baseline")
    #expect(json["runs"] as? Int == 3)
    #expect(json["years"] as? Int == 1)
    let kpis = try #require(json["kpis"] as? [String: Any])
    for key in ["children_in_care", "entries", "exits", "in_house_foster", "ifa_foster", "kinship", "residential", "supported",
                "households", "approved_places", "available_places", "vacancies", "utilisation_pct", "in_house_share_pct",
                "over_20_miles_pct", "siblings_together_pct", "waiting", "moves_3plus_pct", "weekly_cost"] {
        let years = try #require(kpis[key] as? [[String: Any]], "missing KPI \(key)")
        #expect(years.count == 2)
        #expect(years[0]["p10"] != nil && years[0]["p50"] != nil && years[0]["p90"] != nil)
    }
    let children = try #require(kpis["children_in_care"] as? [[String: Any]])
    #expect(children[0]["p50"] as? Int == 842)
    let byType = try #require(json["placements_by_type"] as? [String: Any])
    #expect(Set(byType.keys) == ["in_house", "ifa", "kinship", "residential", "supported", "other"])
    let spend = try #require(json["recruitment_spend"] as? [String: Any])
    let spendYears = try #require(spend["years"] as? [[String: Any]])
    #expect(spendYears.count == 1)
    let total = try #require(spendYears[0]["total"] as? [String: Any])
    #expect((total["p50"] as? Double ?? 0) > 0)
    let spendCSV = String(decoding: try #require(contents(out + "/recruitment_spend.csv")), as: UTF8.self)
    #expect(spendCSV.split(separator: "\n").map { $0.split(separator: ",").prefix(2).joined(separator: ",") }
        == ["year,item", "1,marketing", "1,assessment", "1,support", "1,allowances", "1,total"])
    #expect(output.stdout.contains("Recruiting and supporting in-house carers"))
    let csv = String(decoding: try #require(contents(out + "/monthly.csv")), as: UTF8.self)
    let lines = csv.split(separator: "\n")
    #expect(lines.first == "month,date,kpi,p10,p50,p90")
    #expect(lines.count == 1 + 13 * KPI.allCases.count)
    #expect(lines[1].hasPrefix("0,2024-04,children_in_care,842,842,842"))
    #expect(contents(out + "/report.html") != nil)
}

@Test func sameSeedGivesByteIdenticalFilesWithOneOrTwoThreads() throws {
    let a = temporaryDirectory("threads1"), b = temporaryDirectory("threads2"), c = temporaryDirectory("seed2")
    let (console, _) = Console.capturing()
    #expect(Hearth.run(["simulate", "--runs", "4", "--years", "1", "--seed", "7", "--threads", "1", "--out", a], console: console) == 0)
    #expect(Hearth.run(["simulate", "--runs", "4", "--years", "1", "--seed", "7", "--threads", "2", "--out", b], console: console) == 0)
    #expect(Hearth.run(["simulate", "--runs", "4", "--years", "1", "--seed", "8", "--threads", "2", "--out", c], console: console) == 0)
    for file in ["summary.json", "monthly.csv", "unmet_need.csv", "report.html"] {
        let first = try #require(contents(a + "/" + file))
        #expect(first == contents(b + "/" + file), "\(file) differs between 1 and 2 threads")
    }
    #expect(contents(a + "/monthly.csv") != contents(c + "/monthly.csv"))
}

@Test func invalidScenarioIsLocatedAndNothingIsWritten() throws {
    let dir = temporaryDirectory("bad")
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    let path = dir + "/bad.json"
    try """
        {
          "name": "bad",
          "entries": {
            "annual_trend": "fast"
          }
        }
        """.write(toFile: path, atomically: true, encoding: .utf8)
    let out = dir + "/out"
    let (console, output) = Console.capturing()
    #expect(Hearth.run(["simulate", path, "--out", out], console: console) == 2)
    #expect(output.stderr.contains("\(path):4:"))
    #expect(output.stderr.contains("entries.annual_trend"))
    #expect(output.stderr.contains("expected a number"))
    #expect(!FileManager.default.fileExists(atPath: out))
}

/// A timeline event after the end of the projection is named in a warning (it would change
/// nothing), and the run goes ahead; at a horizon that reaches it there is no warning.
@Test func timelineEventsAfterTheEndAreWarnedOf() throws {
    let dir = temporaryDirectory("late-event")
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    let path = dir + "/late.json"
    try #"{"name": "late", "timeline": [{"kind": "new_childrens_home", "at_month": 18, "beds": 2}]}"#
        .write(toFile: path, atomically: true, encoding: .utf8)
    let (console, output) = Console.capturing()
    #expect(Hearth.run(["simulate", path, "--runs", "2", "--years", "1", "--out", dir + "/one"], console: console) == 0)
    #expect(output.stderr.contains(
        "warning: late: timeline[0] (new_childrens_home) at month 18 is after the end of the 1-year projection (month 12): it changes nothing in these runs"),
        "\(output.stderr)")
    let (twoYears, twoOutput) = Console.capturing()
    #expect(Hearth.run(["simulate", path, "--runs", "2", "--years", "2", "--out", dir + "/two"], console: twoYears) == 0)
    #expect(!twoOutput.stderr.contains("warning"), "\(twoOutput.stderr)")
}

@Test func misspeltFieldAndOutOfRangeValueAreReported() throws {
    let dir = temporaryDirectory("typo")
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    let typo = dir + "/typo.json"
    try "{\n  \"carers\": {\n    \"resignation_rate\": 0.1\n  }\n}\n".write(toFile: typo, atomically: true, encoding: .utf8)
    let range = dir + "/range.json"
    try "{\n  \"ifa\": {\n    \"over_20_miles_probability\": 1.5\n  }\n}\n".write(toFile: range, atomically: true, encoding: .utf8)
    let (console, output) = Console.capturing()
    #expect(Hearth.run(["simulate", typo], console: console) == 2)
    #expect(output.stderr.contains("\(typo):3:"))
    #expect(output.stderr.contains("unknown field \"resignation_rate\""))
    #expect(Hearth.run(["simulate", range], console: console) == 2)
    #expect(output.stderr.contains("\(range):3: ifa.over_20_miles_probability 1.5: expected a probability 0-1"))
}

@Test func variantOverridesOnlyWhatItNamesOverItsBase() throws {
    let dir = temporaryDirectory("variant")
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    let path = dir + "/grow.json"
    try #"{"base": "county-baseline", "name": "grow", "entries": {"annual_trend": 0.05, "per_year_by_age_band": {"16_plus": 100}}}"#
        .write(toFile: path, atomically: true, encoding: .utf8)
    let variant = try ScenarioFile.read(path: path)
    let baseline = try ScenarioFile.bundled()
    #expect(variant.name == "grow")
    #expect(variant.entries.annualTrend == 0.05)
    #expect(variant.entries.perYearByAgeBand[.sixteenPlus] == 100)
    #expect(variant.entries.perYearByAgeBand[.tenToFifteen] == baseline.entries.perYearByAgeBand[.tenToFifteen])
    var expected = baseline
    expected.name = "grow"
    expected.base = "county-baseline"
    expected.entries.annualTrend = 0.05
    expected.entries.perYearByAgeBand[.sixteenPlus] = 100
    #expect(variant == expected)
}

@Test func shippedScenariosAreValidDescribedAndTheBaselineIsBundled() throws {
    let folder = repositoryRoot.appendingPathComponent("Scenarios").path
    let files = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".json") }.sorted()
    #expect(files.count >= 7)
    for file in files {
        let scenario = try ScenarioFile.read(path: folder + "/" + file)
        #expect(scenario.description.count > 40, "\(file) needs a description")
        #expect(scenario.name + ".json" == file)
        // Each file is also bundled, identically.
        let text = try String(contentsOfFile: folder + "/" + file, encoding: .utf8)
        #expect(BundledScenarios.json[scenario.name].map { $0 + "\n" } == text, "\(file) differs from the bundled copy: run `hearth-bench simulation embed`")
    }
}

@Test func compareRunsScenariosOnTheSameSeedAndWritesFiles() throws {
    let out = temporaryDirectory("compare")
    let folder = repositoryRoot.appendingPathComponent("Scenarios").path
    let (console, output) = Console.capturing()
    let code = Hearth.run(["compare", "county-baseline", folder + "/recruit-40-a-year.json", "--runs", "3", "--years", "1", "--out", out], console: console)
    #expect(code == 0)
    #expect(output.stdout.contains("recruit-40-a-year - county-baseline"))
    // Entries do not depend on recruitment: with common random numbers the paired difference is exactly 0.
    let entriesRow = output.stdout.split(separator: "\n").last { $0.hasPrefix("Entries (year)") }
    #expect(entriesRow?.hasSuffix("0 [0 to 0]") == true)
    for file in ["comparison.json", "comparison.csv", "report.html", "county-baseline/summary.json", "recruit-40-a-year/monthly.csv"] {
        #expect(FileManager.default.fileExists(atPath: out + "/" + file), "missing \(file)")
    }
    #expect(Hearth.run(["compare", "county-baseline"], console: console) == 2)
}

@Test func simulateHelpListsItsOptions() {
    let (console, output) = Console.capturing()
    #expect(Hearth.run(["simulate", "--help"], console: console) == 0)
    for option in ["--runs", "--years", "--seed", "--out", "--threads"] { #expect(output.stdout.contains(option)) }
}

/// The built-in defaults are the county baseline: a file that names nothing is the baseline.
@Test func builtInDefaultsAreTheBundledBaseline() throws {
    var defaults = Scenario()
    let baseline = try ScenarioFile.bundled()
    defaults.description = baseline.description
    #expect(defaults == baseline)
}

/// `--history` reads the published files (located errors, exit code 2, nothing written on a
/// bad one) and the report draws them with a "model vs published" table.
@Test func simulateWithHistoryDrawsThePublishedSeries() throws {
    let out = temporaryDirectory("history")
    let file = repositoryRoot.appendingPathComponent("Scenarios/published/gloucestershire-dfe.csv").path
    let (console, output) = Console.capturing()
    let code = Hearth.run(["simulate", "county-from-2022", "--runs", "3", "--history", file, "--la", "E10000013", "--out", out], console: console)
    #expect(code == 0, "\(output.stderr)")
    let html = try String(contentsOfFile: out + "/report.html", encoding: .utf8)
    #expect(html.contains("Model vs published (Gloucestershire)"))
    #expect(html.contains("class=\"history\""))

    let bad = temporaryDirectory("history-bad")
    let badFile = bad + "/published.csv"
    try FileManager.default.createDirectory(atPath: bad, withIntermediateDirectories: true)
    try "time_period,geographic_level,la_name,cla_group,characteristic,number\n2024,Local authority,Testshire,CLA on 31 March,Total,lots\n"
        .write(toFile: badFile, atomically: true, encoding: .utf8)
    let (console2, output2) = Console.capturing()
    let code2 = Hearth.run(["simulate", "--runs", "2", "--years", "1", "--history", badFile, "--out", bad + "/run"], console: console2)
    #expect(code2 == 2)
    #expect(output2.stderr.contains("published.csv:2: number \"lots\": expected a count"), "\(output2.stderr)")
    #expect(!FileManager.default.fileExists(atPath: bad + "/run/report.html"))
}

/// A scenario's own `history` field names published files relative to the scenario file.
@Test func scenarioHistoryFieldIsReadRelativeToTheScenario() throws {
    let dir = temporaryDirectory("history-field")
    try FileManager.default.createDirectory(atPath: dir + "/published", withIntermediateDirectories: true)
    let source = repositoryRoot.appendingPathComponent("Scenarios/published/gloucestershire-dfe.csv").path
    try FileManager.default.copyItem(atPath: source, toPath: dir + "/published/dfe.csv")
    try #"{"version": 1, "base": "county-baseline", "name": "with-history", "history": ["published/dfe.csv"]}"#
        .write(toFile: dir + "/scenario.json", atomically: true, encoding: .utf8)
    let (console, output) = Console.capturing()
    let code = Hearth.run(["simulate", dir + "/scenario.json", "--runs", "2", "--years", "1", "--out", dir + "/out"], console: console)
    #expect(code == 0, "\(output.stderr)")
    let html = try String(contentsOfFile: dir + "/out/report.html", encoding: .utf8)
    #expect(html.contains("Model vs published (Gloucestershire)"))
    #expect(html.contains("published/dfe.csv:20"), "the 31 March 2024 count is month 0 and cites its line")
}
