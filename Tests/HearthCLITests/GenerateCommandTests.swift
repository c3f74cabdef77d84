import Foundation
import HearthCLI
import Interchange
import Simulation
import Testing

@Suite struct GenerateCommandTests {
    func temporaryDirectory() -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("hearth-gen-\(UUID().uuidString)").path
        return path
    }

    @Test func generateThenValidateExitsZero() throws {
        let dir = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let (console, output) = Console.capturing()
        #expect(Hearth.run(["generate", "--out", dir, "--seed", "11"], console: console) == 0, "\(output.stderr)")
        let (console2, output2) = Console.capturing()
        #expect(Hearth.run(["validate", dir + "/children.csv", dir + "/households.csv"], console: console2) == 0, "\(output2.stderr)")
    }

    @Test func sameSeedGivesByteIdenticalFiles() throws {
        let a = temporaryDirectory(), b = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: a); try? FileManager.default.removeItem(atPath: b) }
        let (console, _) = Console.capturing()
        #expect(Hearth.run(["generate", "--out", a, "--seed", "5"], console: console) == 0)
        #expect(Hearth.run(["generate", "--out", b, "--seed", "5"], console: console) == 0)
        for name in ["children.csv", "households.csv", "children_in_care.csv"] {
            let x = try Data(contentsOf: URL(fileURLWithPath: a + "/" + name))
            let y = try Data(contentsOf: URL(fileURLWithPath: b + "/" + name))
            #expect(x == y && !x.isEmpty, "\(name)")
        }
    }

    @Test func badProfileIsExitTwoAndWritesNothing() throws {
        let dir = temporaryDirectory()
        let scenario = dir + "-bad.json"
        try Data(#"{"start": {"county": {"in_house_places": "lots"}}}"#.utf8).write(to: URL(fileURLWithPath: scenario))
        defer { try? FileManager.default.removeItem(atPath: scenario) }
        let (console, output) = Console.capturing()
        #expect(Hearth.run(["generate", scenario, "--out", dir], console: console) == 2)
        #expect(output.stderr.contains("start.county.in_house_places"), "\(output.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir))
    }

    @Test func missingOutIsUsageError() {
        let (console, output) = Console.capturing()
        #expect(Hearth.run(["generate"], console: console) == 2)
        #expect(output.stderr.contains("--out"))
    }

    @Test func impossibleProfileIsReportedWithItsField() throws {
        let dir = temporaryDirectory()
        let scenario = dir + "-impossible.json"
        try Data(#"{"start": {"county": {"in_house_households": 100, "in_house_places": 20}}}"#.utf8).write(to: URL(fileURLWithPath: scenario))
        defer { try? FileManager.default.removeItem(atPath: scenario) }
        let (console, output) = Console.capturing()
        #expect(Hearth.run(["generate", scenario, "--out", dir], console: console) == 2)
        #expect(output.stderr.contains("start.county.in_house_places"), "\(output.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir))
    }

    @Test func generatesTheScenarioStartCounty() throws {
        let dir = temporaryDirectory()
        let scenario = dir + "-small.json"
        try Data(#"{"start": {"county": {"referrals": 12, "in_house_households": 40, "in_house_places": 60}}}"#.utf8).write(to: URL(fileURLWithPath: scenario))
        defer { try? FileManager.default.removeItem(atPath: scenario); try? FileManager.default.removeItem(atPath: dir) }
        let (console, output) = Console.capturing()
        #expect(Hearth.run(["generate", scenario, "--out", dir], console: console) == 0, "\(output.stderr)")
        let households = try String(contentsOfFile: dir + "/households.csv", encoding: .utf8)
        #expect(households.split(separator: "\n").filter { $0.contains(",in_house,") }.count == 40)
        let children = try String(contentsOfFile: dir + "/children.csv", encoding: .utf8)
        #expect(children.split(separator: "\n").count == 13)
    }

    /// With a scenario, the children in care are the ones its simulation starts from: ages and
    /// months in care shaped by the scenario's own rates (here teenagers entering for long stays),
    /// not the baseline's.
    @Test func generatesTheChildrenTheScenarioSimulationStartsFrom() throws {
        let dir = temporaryDirectory()
        let path = dir + "-teen.json"
        let json = #"{"entries": {"per_year_by_age_band": {"under_1": 5, "1_4": 5, "5_9": 5, "10_15": 260, "16_plus": 20}}}"#
        try Data(json.utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path); try? FileManager.default.removeItem(atPath: dir) }
        let (console, output) = Console.capturing()
        #expect(Hearth.run(["generate", path, "--out", dir], console: console) == 0, "\(output.stderr)")
        let written = try String(contentsOfFile: dir + "/children_in_care.csv", encoding: .utf8)
        let scenario = try ScenarioFile.read(path: path)
        let start = CountyGenerator.generate(profile: scenario.start.profile, seed: scenario.start.countySeed, shape: scenario.steadyStateShape())
        #expect(written == ChildrenInCareFile.render(start.childrenInCare))
        let baselineShaped = CountyGenerator.generate(profile: scenario.start.profile, seed: scenario.start.countySeed)
        #expect(written != ChildrenInCareFile.render(baselineShaped.childrenInCare))
    }
}
