import CareModel
import Foundation
import Interchange
@testable import Simulation
import Testing

/// Scenario files built to trap, hang or exhaust memory are refused with located messages, and
/// valid files read exactly as before.
@Suite struct ScenarioHostileTests {
    func read(_ text: String) throws(InvalidInput) -> Scenario {
        try ScenarioFile.parse(Array(text.utf8), file: "s.json", directory: nil)
    }

    func problems(_ text: String) -> [String] {
        do {
            _ = try read(text)
            return []
        } catch {
            return error.problems.map(\.description)
        }
    }

    /// Each of these trapped (illegal instruction), allocated without bound or hung before.
    @Test(arguments: [
        (#"{"entries": {"per_year_by_age_band": {"under_1": 1e12}}}"#, "s.json:1: entries.per_year_by_age_band.under_1 1e12: expected a number 0-100,000"),
        (#"{"entries": {"annual_trend": 9.9}}"#, "s.json:1: entries.annual_trend 9.9: expected a number -0.9 to 1"),
        (#"{"entries": {"sibling_age_gap_years": 9223372036854775807}}"#, "s.json:1: entries.sibling_age_gap_years 9223372036854775807: expected a whole number 1-17"),
        (#"{"carers": {"recruitment": {"assessment_months_max": 9223372036854775807}}}"#, "s.json:1: carers.recruitment.assessment_months_max 9223372036854775807: expected a number 0-120"),
        (#"{"carers": {"recruitment": {"enquiries_per_month": 1e300}}}"#, "s.json:1: carers.recruitment.enquiries_per_month 1e300: expected a number 0-100,000"),
        (#"{"moves": {"breakdowns_per_year": {"in_house": 1e6}}}"#, "s.json:1: moves.breakdowns_per_year.in_house 1e6: expected a number 0-12"),
        (#"{"moves": {"early_factor": 9e18}}"#, "s.json:1: moves.early_factor 9e18: expected a number 1-20"),
        (#"{"finding_homes": {"meetings_per_week": 1e300}}"#, "s.json:1: finding_homes.meetings_per_week 1e300: expected a number 0-7"),
        (#"{"costs": {"weekly": {"ifa": 1e308}}}"#, "s.json:1: costs.weekly.ifa 1e308: expected a number 0-1,000,000"),
        (#"{"start": {"county": {"mean_days_waiting": 1e308}}}"#, "s.json:1: start.county.mean_days_waiting 1e308: expected a number 0-3650"),
        (#"{"start": {"county": {"in_house_households": 100000000}}}"#, "s.json:1: start.county.in_house_households 100000000: expected a whole number 0-100,000"),
        (#"{"start": {"county": {"ifa_households": 9223372036854775807}}}"#, "s.json:1: start.county.ifa_households 9223372036854775807: expected a whole number 0-100,000"),
        (#"{"start": {"county": {"children_in_care": 1000000000}}}"#, "s.json:1: start.county.children_in_care 1000000000: expected a whole number 0-200,000"),
        (#"{"ifa": {"capacity": 9223372036854775807}}"#, "s.json:1: ifa.capacity 9223372036854775807: expected a whole number 0-1,000,000"),
        (#"{"version": 1.5}"#, "s.json:1: version 1.5: expected a whole number 1"),
        (#"{"seed": 18446744073709551616}"#, "s.json:1: seed 18446744073709551616: expected a whole number 0-18446744073709551615"),
        (#"{"start_date": "2024-02-30"}"#, "s.json:1: start_date \"2024-02-30\": expected a real date YYYY-MM-DD in 1900-2200"),
        (#"{"timeline": [{"kind": "retention", "at_month": 12, "factor": 1e300}]}"#, "s.json:1: timeline[0].factor 1e300: expected a number 0-100"),
    ])
    func outOfRangeValuesAreRefusedWithFieldAndRange(text: String, message: String) {
        #expect(problems(text) == [message])
    }

    /// Names written into the CSV outputs (comparison.csv, invest_to_save.csv, unmet_need.csv)
    /// may not begin like a spreadsheet formula (`SpreadsheetFormula`).
    @Test(arguments: [
        (#"{"name": "=HYPERLINK(\"http://example.invalid\")"}"#, #"name "=HYPERLINK(\"http://example.invalid\")""#),
        (#"{"start": {"county": {"name": "@SUM(1+1)"}}}"#, #"start.county.name "@SUM(1+1)""#),
        (#"{"start": {"county": {"districts": [{"name": "-2+3", "latitude": 51.8, "longitude": -2.2, "radius_miles": 3, "child_share": 1, "carer_share": 1}]}}}"#,
         #"start.county.districts[0].name "-2+3""#),
    ])
    func namesWrittenToCSVRefuseFormulas(text: String, shown: String) {
        #expect(problems(text) == ["s.json:1: \(shown): expected \(SpreadsheetFormula.expectation)"])
    }

    @Test func syntaxErrorsSayLineAndColumn() {
        #expect(problems("{\n  \"name\": \"x\",\n  \"years\": 3,,\n}") == ["s.json:3: not valid JSON at line 3, column 14: expected a \"field\" name in double quotes"])
        #expect(problems(String(repeating: "[", count: 200_000)).first?.contains("nested more than 64 levels deep") == true)
    }

    @Test func manyUnknownKeysAreQuickAndListedUpToTheLimit() {
        let text = "{" + (0..<100_000).map { "\"k\($0)\": 1" }.joined(separator: ",") + "}"
        let began = Date()
        let found = problems(text)
        #expect(Date().timeIntervalSince(began) < 20)
        #expect(found.count == 501)
        #expect(found.first?.hasPrefix("s.json:1: k0: unknown field \"k0\"") == true)
    }

    /// The county format's snake_case district keys are read (only camelCase used to be), and
    /// the older camelCase still is.
    @Test func districtsReadSnakeCaseAndCamelCase() throws {
        let snake = try read(#"{"start": {"county": {"districts": [{"name": "A", "latitude": 51.8, "longitude": -2.2, "radius_miles": 3, "child_share": 2, "carer_share": 1}]}}}"#)
        let camel = try read(#"{"start": {"county": {"districts": [{"name": "A", "latitude": 51.8, "longitude": -2.2, "radiusMiles": 3, "childShare": 2, "carerShare": 1}]}}}"#)
        let district = try #require(snake.start.county?.districts.first)
        #expect(district == CountyProfile.District(name: "A", latitude: 51.8, longitude: -2.2, radiusMiles: 3, childShare: 2, carerShare: 1))
        #expect(camel == snake)
        let written = try ScenarioFile.encode(snake)
        #expect(written.contains("\"radius_miles\"") && !written.contains("radiusMiles"))
        #expect(try read(written) == snake)
    }

    /// Every bundled scenario decodes to the same value through the located reader as through
    /// the old path (Foundation's JSONSerialization, re-encoded, then JSONDecoder).
    @Test func bundledScenariosReadAsBefore() throws {
        for (name, text) in BundledScenarios.json {
            guard text.contains("\"base\"") == false else { continue }
            let object = try JSONSerialization.jsonObject(with: Data(text.utf8))
            let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
            let before = try JSONDecoder().decode(Scenario.self, from: data)
            let after = try read(text)
            #expect(after == before, "\(name)")
        }
        for name in BundledScenarios.json.keys {
            let scenario = try ScenarioFile.bundled(name)
            // A scenario written out reads back the same, and passes its own tables.
            let written = try ScenarioFile.encode(scenario)
            #expect(try read(written) == scenario, "\(name)")
        }
    }

    /// The work estimate is the closed form runs x sum over years of (N + E(y+1)) when nothing
    /// grows, and grows with trend; the bundled scenarios are inside the default limit.
    @Test func workEstimateHasItsClosedFormAndBundledScenariosFit() throws {
        var s = Scenario()
        s.entries.annualTrend = 0
        s.carers.recruitment.enabled = false
        s.timeline = []
        let profile = s.start.profile
        let n = Double(profile.childrenInCare + profile.inHouseHouseholds + profile.ifaHouseholds)
        let e = s.entries.perYearByAgeBand.values.reduce(0, +)
        for (runs, years) in [(1, 1), (200, 10), (7, 33)] {
            let y = Double(years)
            let closed = Double(runs) * (y * n + e * y * (y + 1) / 2)
            #expect(abs(s.workEstimate(runs: runs, years: years) - closed) < 1e-6 * closed)
        }
        var growing = s
        growing.entries.annualTrend = 0.5
        #expect(growing.workEstimate(runs: 10, years: 30) > s.workEstimate(runs: 10, years: 30) * 100)
        for name in BundledScenarios.json.keys {
            let b = try ScenarioFile.bundled(name)
            #expect(b.workEstimate(runs: b.runs, years: b.years) <= Scenario.defaultWorkLimit, "\(name)")
        }
        #expect(Scenario().workEstimate(runs: 1_000_000, years: 100) > Scenario.defaultWorkLimit)
    }

    /// Hostile values dropped into every field of every bundled scenario: nothing traps, every
    /// refusal is located in the file, and every scenario accepted is inside every range (its
    /// own written form passes the tables) with a finite work estimate.
    @Test func fuzzedScenariosAreRefusedOrSane() throws {
        let hostile = ["1e300", "-1e300", "9223372036854775807", "-9223372036854775808", "18446744073709551616", "9e18", "1.5", "-1", "0",
                       "1e-300", "100000", "\"x\"", "[]", "{}", "null", "true", "[1e300]", "{\"zz\": 1}", "\"2024-02-30\"", "\"9999999999999999999-01-01\""]
        var paths: [String] = []
        func collect(_ table: SettingsTable, _ prefix: String) {
            for s in table.settings {
                let path = prefix.isEmpty ? s.key : "\(prefix).\(s.key)"
                switch s.kind {
                case .section(let inner): collect(inner, path)
                case .keyedNumbers(let keys, _): paths += keys.map { "\(path).\($0)" }
                default: paths.append(path)
                }
            }
        }
        collect(ScenarioSettings.scenario.table, "")
        var rng = Xoshiro256StarStar(seed: 2026)
        let began = Date()
        var accepted = 0
        var refused = 0
        let names = BundledScenarios.json.keys.sorted()
        for i in 0..<1_500 {
            let path = paths[Draw.integer(in: 0...paths.count - 1, using: &rng)]
            let value = hostile[Draw.integer(in: 0...hostile.count - 1, using: &rng)]
            var json = value
            for key in path.split(separator: ".").reversed() { json = "{\"\(key)\": \(json)}" }
            let base = names[i % names.count]
            let text = "{\n\"base\": \"\(base)\",\n\"patch\": 0\n}".replacingOccurrences(of: "\"patch\": 0", with: String(json.dropFirst().dropLast()))
            let scenario: Scenario
            do {
                scenario = try read(text)
            } catch {
                refused += 1
                for problem in error.problems { #expect(problem.line != nil || problem.file == "s.json", "\(problem)") }
                continue
            }
            accepted += 1
            let written = try LocatedJSON.parse(Array(try ScenarioFile.encode(scenario).utf8), file: "w")
            #expect(ScenarioSettings.scenario.table.problems(in: written).map(\.description) == [], "\(path) = \(value)")
            #expect(scenario.workEstimate(runs: scenario.runs, years: scenario.years).isFinite)
        }
        #expect(accepted + refused == 1_500 && refused > 0 && accepted > 0)
        #expect(Date().timeIntervalSince(began) < 120)
    }

    /// Every rate at the top of its range, on a small county: one year of one run finishes.
    @Test func ratesAtTheirMaximaFinish() throws {
        let s = try read(#"""
            {"runs": 1, "years": 1,
             "start": {"county": {"children_in_care": 120, "in_house_households": 30, "in_house_places": 45, "ifa_households": 30, "ifa_vacancies": 10, "referrals": 20}},
             "entries": {"per_year_by_age_band": {"under_1": 10, "1_4": 10, "5_9": 10, "10_15": 10, "16_plus": 10}},
             "finding_homes": {"meetings_per_week": 7},
             "moves": {"breakdowns_per_year": {"in_house": 12, "ifa": 12, "kinship": 12, "residential": 12, "supported": 12, "with_parents": 12, "adoption": 12, "other": 12},
                       "early_factor": 20, "early_months": 120, "frailty_shape": 1000},
             "exits": {"move_to_supported_per_year": 12},
             "carers": {"on_hold": {"per_household_per_year": 12}, "resignations_per_household_per_year": 12}}
            """#)
        let began = Date()
        let results = MonteCarlo.run(scenario: s, start: s.startingPopulation(), runs: 1, years: 1, seed: 1, threads: 1)
        #expect(results.runValues.count == 1)
        #expect(Date().timeIntervalSince(began) < 60)
    }

    /// Every map of the county profile keyed by a name refuses a key it does not know (a
    /// misspelt key would otherwise be read as no entry), naming the same key however the
    /// dictionary happens to be ordered.
    @Test(arguments: [
        ("age_band_weights", "unknown age band"), ("entry_age_band_weights", "unknown age band"),
        ("placement_weights", "unknown placement type"), ("over_20_miles_share", "unknown placement type"),
        ("request_weights", "unknown request"), ("need_shares", "unknown need"),
        ("skill_shares", "unknown skill"), ("approval_shares", "unknown approval"),
    ])
    func countyMapsRefuseKeysTheyDoNotKnow(field: String, message: String) {
        let text = """
            {"start": {"county": {
              "\(field)": {"zz_unknown": 0.5, "aa_unknown": 0.5}}}}
            """
        let first = problems(text)
        #expect(first.count == 1, "\(first)")
        #expect(first.first?.hasPrefix("s.json:2: start.county.\(field): \(message) \"aa_unknown\"") == true, "\(first)")
        for _ in 0 ..< 5 { #expect(problems(text) == first) }
    }
}
