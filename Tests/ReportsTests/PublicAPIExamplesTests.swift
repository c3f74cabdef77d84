import Calibration
import CareModel
import Foundation
import Interchange
import Matching
import Reports
import Simulation
import Testing

/// The examples of docs/api.md, module by module, compiled with plain imports and run, each
/// checked against something worked out independently. Each test repeats the lines of the
/// examples it builds on, in the doc's order (`PublicAPIListTests` checks that every line of
/// the doc's examples is here, in order). Serialized: the examples write to temporary folders.
@Suite(.serialized) struct PublicAPIExamplesTests {
    @Test func careModel() {
        let home = Location(latitude: 51.86, longitude: -2.24)
        let older = Child(id: "C1", groupID: "G1", age: 9, sex: .female, home: home, placement: .longTerm, needs: [.trauma])
        let younger = Child(id: "C2", groupID: "G1", age: 6, sex: .male, home: home, placement: .longTerm)
        let siblings = SiblingGroup(id: "G1", children: [older, younger])
        let carers = Household(id: "H1", provider: .inHouse, location: Location(latitude: 52.06, longitude: -2.24),
                               places: 3, occupied: 1, ageRange: 0...17, approvals: [.longTerm], skills: [.trauma])
        let miles = home.distanceMiles(to: carers.location)   // 0.2 degrees of latitude: about 13.8 miles

        #expect(siblings.size == 2 && siblings.ageRange == 6...9)
        #expect(siblings.needs == [.trauma] && siblings.childIDs == ["C1", "C2"])
        #expect(carers.freePlaces == 2 && carers.hasVacancy)
        // Along a meridian the great circle is the arc: radius x angle (mean Earth radius 3958.76 miles).
        #expect(abs(miles - 3958.76 * 0.2 * Double.pi / 180) < 0.01)
    }

    @Test func interchange() throws {
        let home = Location(latitude: 51.86, longitude: -2.24)
        let older = Child(id: "C1", groupID: "G1", age: 9, sex: .female, home: home, placement: .longTerm, needs: [.trauma])
        let younger = Child(id: "C2", groupID: "G1", age: 6, sex: .male, home: home, placement: .longTerm)

        let text = ChildrenFile.render([older, younger])
        let readBack = try ChildrenFile.parse(Array(text.utf8), file: "children.csv")   // the same two children
        var problems: [InputProblem] = []
        do throws(InvalidInput) {
            _ = try ChildrenFile.parse(Array("child_id,age\nC1,9\n".utf8), file: "bad.csv")
        } catch {
            problems = error.problems   // each with its file, line, field and what was expected
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hearth-api-\(getpid())").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try AtomicFile.write(text, to: folder + "/children.csv")   // whole or not at all
        let records = CSV.parse(Array("id,note\n1,\"a, b\"\n".utf8), file: "notes.csv").records

        #expect(readBack == [older, younger])
        // The header lacks sex, home_lat, home_lon and placement: one problem each, on line 1.
        #expect(problems.count >= 4 && problems.allSatisfy { $0.file == "bad.csv" && $0.line == 1 })
        #expect(["sex", "home_lat", "home_lon", "placement"].allSatisfy { column in problems.contains { $0.description.contains(column) } })
        #expect(try String(contentsOfFile: folder + "/children.csv", encoding: .utf8) == text)
        #expect(records.last == CSV.Record(line: 2, fields: ["1", "a, b"]))
    }

    @Test func matching() {
        let home = Location(latitude: 51.86, longitude: -2.24)
        let older = Child(id: "C1", groupID: "G1", age: 9, sex: .female, home: home, placement: .longTerm, needs: [.trauma])
        let younger = Child(id: "C2", groupID: "G1", age: 6, sex: .male, home: home, placement: .longTerm)
        let siblings = SiblingGroup(id: "G1", children: [older, younger])
        let carers = Household(id: "H1", provider: .inHouse, location: Location(latitude: 52.06, longitude: -2.24),
                               places: 3, occupied: 1, ageRange: 0...17, approvals: [.longTerm], skills: [.trauma])

        let notApproved = Household(id: "H2", provider: .inHouse, location: home, places: 2, ageRange: 0...17, approvals: [.shortTerm])
        let households = [carers, notApproved]
        let shortlists = Matcher.shortlists(groups: [siblings], households: households, policy: .default, top: 3)
        let plan = Matcher.plan(groups: [siblings], households: households, policy: .default)
        let explained = Matcher.evaluate(siblings, notApproved, policy: .default)   // fails the approval rule

        // H2 is nearer but not approved for long-term care, so H1 is the only home for the pair.
        let feasible = Matcher.evaluate(siblings, carers, policy: .default)
        #expect(feasible.feasible)
        #expect(shortlists.count == 1 && shortlists[0].candidates.map(\.household) == ["H1"])
        #expect(shortlists[0].nearMisses.isEmpty)   // near misses are listed only when nothing fits
        #expect(plan.placements.map(\.household) == ["H1"] && plan.placements[0].children == ["C1", "C2"])
        #expect(plan.statistics.childrenPlaced == 2 && plan.statistics.siblingGroupsTogether == 1)
        #expect(abs(plan.placements[0].score - feasible.score) < 1e-9)
        #expect(!explained.feasible && explained.failedRules == [.approval])
    }

    @Test func simulation() throws {
        let scenario = try ScenarioFile.bundled()   // the county baseline
        let results = MonteCarlo.run(scenario: scenario, start: scenario.startingPopulation(), runs: 4, years: 1, seed: 7, threads: 2)
        let inCare = results.atYear(.childrenInCare, year: 1)   // P10, P50 and P90 after a year

        #expect(scenario.name == "county-baseline")
        #expect(results.runs == 4 && results.runValues.count == 4)
        // The band lies within the four runs' own values at month 12.
        let values = results.runValues.map { $0[12 * KPI.allCases.count + KPI.childrenInCare.rawValue] }
        #expect(values.min()! <= inCare.p10 && inCare.p10 <= inCare.p50 && inCare.p50 <= inCare.p90 && inCare.p90 <= values.max()!)
        #expect(inCare.p50 > 0)
        // One thread or two: the same results.
        let again = MonteCarlo.run(scenario: scenario, start: scenario.startingPopulation(), runs: 4, years: 1, seed: 7, threads: 1)
        #expect(again.bands == results.bands)
    }

    @Test func calibration() throws {
        let from = CalendarDay(year: 2021, month: 4, day: 1)!
        let to = CalendarDay(year: 2024, month: 3, day: 31)!
        let synthetic = SyntheticReturnGenerator.generate(SyntheticReturnSpec(from: from, to: to), seed: 3)
        let returnFolder = FileManager.default.temporaryDirectory.appendingPathComponent("ssda903-\(getpid())").path
        defer { try? FileManager.default.removeItem(atPath: returnFolder) }
        try SSDA903Writer.write(synthetic.data, centroids: synthetic.centroids, to: returnFolder)
        let imported = try SSDA903Import.load(directory: returnFolder)   // read and cleaned
        let rates = Calibration.calibrate(imported.histories, window: .init(from: from, to: to), centroids: imported.centroids)
        let calibrated = Scenario(calibration: rates, name: "my-council")
        let backtest = Backtest.run(imported.histories, from: from, asOf: CalendarDay(year: 2023, month: 3, day: 31)!, years: 1, runs: 20, seed: 1)

        // The census is the number of periods of care open on `to`, counted here by hand.
        let open = imported.histories.reduce(0) { $0 + $1.periods.filter { $0.contains(to) }.count }
        #expect(open > 0 && rates.census.total == open)
        #expect(calibrated.validationProblems().isEmpty, "\(calibrated.validationProblems())")
        #expect(calibrated.name == "my-council" && calibrated.start.profile.childrenInCare == open)
        #expect(!backtest.rows.isEmpty && backtest.rows.allSatisfy { $0.p10 <= $0.p50 && $0.p50 <= $0.p90 })
    }

    @Test func reports() throws {
        let home = Location(latitude: 51.86, longitude: -2.24)
        let older = Child(id: "C1", groupID: "G1", age: 9, sex: .female, home: home, placement: .longTerm, needs: [.trauma])
        let younger = Child(id: "C2", groupID: "G1", age: 6, sex: .male, home: home, placement: .longTerm)
        let siblings = SiblingGroup(id: "G1", children: [older, younger])
        let carers = Household(id: "H1", provider: .inHouse, location: Location(latitude: 52.06, longitude: -2.24),
                               places: 3, occupied: 1, ageRange: 0...17, approvals: [.longTerm], skills: [.trauma])
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hearth-api-\(getpid())").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let notApproved = Household(id: "H2", provider: .inHouse, location: home, places: 2, ageRange: 0...17, approvals: [.shortTerm])
        let households = [carers, notApproved]
        let shortlists = Matcher.shortlists(groups: [siblings], households: households, policy: .default, top: 3)
        let plan = Matcher.plan(groups: [siblings], households: households, policy: .default)
        let scenario = try ScenarioFile.bundled()   // the county baseline
        let results = MonteCarlo.run(scenario: scenario, start: scenario.startingPopulation(), runs: 4, years: 1, seed: 7, threads: 2)

        let summary = SimulationResultWriters.summaryJSON(results)
        let monthly = SimulationResultWriters.monthlyCSV(results)
        let report = HTMLReport.render(results)
        try AtomicFile.writeAll([(folder + "/summary.json", Data(summary.utf8)), (folder + "/report.html", Data(report.utf8))])
        let matchCSV = MatchResultWriters.csv(plan: plan, shortlists: shortlists)

        // monthly.csv: a header, then one row per KPI for each of months 0...12.
        #expect(monthly.split(separator: "\n").count == 1 + 13 * KPI.allCases.count)
        let json = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder + "/summary.json"))) as? [String: Any])
        #expect(json["scenario"] as? String == "county-baseline" && json["runs"] as? Int == 4 && json["years"] as? Int == 1)
        #expect(try String(contentsOfFile: folder + "/report.html", encoding: .utf8) == report && report.hasPrefix("<!DOCTYPE html>"))
        #expect(matchCSV.split(separator: "\n").contains { $0.hasPrefix("placement,C1;C2,H1,") })
    }
}
