import Calibration
import Foundation
import Interchange
import Reports
import Simulation

/// `hearth compare`: run several scenarios on the same seeds and compare KPIs.
enum CompareCommand: HearthCommand {
    static let name = "compare"
    static let summary = "run several scenarios on the same seeds and compare KPIs"
    static let synopsis = "hearth compare A.json B.json [...] [--runs N] [--years Y] [--seed S] [--out DIR] [--threads T] [--max-work W]"
    static let help = """
        usage: \(synopsis)

        Runs every scenario with the same runs, years and seed. Run k of every scenario uses the
        same random streams (common random numbers), so the differences shown are paired: each is
        the P50 [P10 to P90] over runs of (scenario - first scenario) in the same run.

          A.json B.json  scenario files, or names of bundled scenarios (e.g. county-baseline)
          --runs N       Monte Carlo runs (default: the first scenario's)
          --years Y      horizon in years (default: the first scenario's)
          --seed S       random seed (default: the first scenario's)
          --out DIR      also write comparison.json, comparison.csv, report.html and each
                         scenario's summary.json and monthly.csv (in DIR/<name>/)
          --threads T    worker threads (default: all cores)
          --max-work W   refuse a scenario larger than W population-years (see hearth simulate --help)

        example:
          hearth compare Scenarios/county-baseline.json Scenarios/recruit-40-a-year.json --runs 500 --out out/compare
        """

    static func run(_ arguments: [String], console: Console) throws {
        let args = try Arguments(arguments, valued: RunSettings.options.union(["--out"]), flags: [])
        guard args.positionals.count >= 2 else { throw UsageError("name two or more scenarios to compare") }
        var scenarios: [Scenario] = []
        var problems: [InputProblem] = []
        for path in args.positionals {
            do {
                scenarios.append(try ScenarioSource.load(path))
            } catch {
                problems += error.problems
            }
        }
        if !problems.isEmpty { throw InvalidInput(problems) }
        var names = Set<String>()
        for (i, s) in scenarios.enumerated() where !names.insert(s.name).inserted {
            scenarios[i].name = "\(s.name)-\(i + 1)"
            names.insert(scenarios[i].name)
        }
        let settings = try RunSettings(args, scenario: scenarios[0])
        for scenario in scenarios { try settings.checkWork(scenario) }
        var results: [SimulationResults] = []
        for (i, scenario) in scenarios.enumerated() {
            results.append(settings.run(scenario, label: "\(scenario.name) (\(i + 1)/\(scenarios.count))", console: console))
        }
        console.print("Comparison: \(settings.years) years x \(settings.runs) runs, seed \(settings.seed), same random streams for every scenario.\n")
        console.print("Cells: P50 [P10-P90]; differences are paired run by run.\n\n")
        console.print(ComparisonTable.render(results, year: settings.years))
        guard let directory = args.value("--out") else { return }
        var files: [(path: String, data: Data)] = []
        func path(_ parts: String...) -> String { parts.reduce(directory) { ($0 as NSString).appendingPathComponent($1) } }
        files.append((path("comparison.json"), Data(comparisonJSON(results).utf8)))
        files.append((path("comparison.csv"), Data(comparisonCSV(results).utf8)))
        files.append((path("report.html"), Data(HTMLReport.renderComparison(results).utf8)))
        for r in results {
            let folder = SimulateCommand.safeName(r.scenario.name)
            files.append((path(folder, "summary.json"), Data(SimulationResultWriters.summaryJSON(r).utf8)))
            files.append((path(folder, "monthly.csv"), Data(SimulationResultWriters.monthlyCSV(r).utf8)))
        }
        try OutputSafety.check(outputs: files.map { ("--out", $0.path) }, inputs: args.positionals)
        try AtomicFile.writeAll(files)
        console.line("Report: \(path("report.html"))")
        console.message("hearth compare: wrote comparison.json, comparison.csv, report.html and \(results.count) scenario folders to \(directory)")
    }

    /// Every scenario's P10/P50/P90 and its paired difference from the first, per KPI and year.
    static func comparisonJSON(_ all: [SimulationResults]) -> String {
        let n = SimulationResultWriters.number
        var out = "{\n  \"runs\": \(all[0].runs),\n  \"years\": \(all[0].years),\n  \"seed\": \(all[0].seed),\n"
        out += "  \"scenarios\": [" + all.map { "\"\(jsonEscape($0.scenario.name))\"" }.joined(separator: ", ") + "],\n"
        out += "  \"kpis\": {\n"
        for (i, kpi) in KPI.allCases.enumerated() {
            out += "    \"\(kpi.key)\": ["
            var entries: [String] = []
            for year in 1...all[0].years {
                for (j, r) in all.enumerated() {
                    let p = kpi.isFlow ? Percentiles(of: ComparisonTable.runValues(r, kpi, year: year)) : r.value(kpi, month: year * 12)
                    var entry = "{\"year\": \(year), \"scenario\": \"\(jsonEscape(r.scenario.name))\", \"p10\": \(n(p.p10)), \"p50\": \(n(p.p50)), \"p90\": \(n(p.p90))"
                    if j > 0 {
                        let d = ComparisonTable.difference(all[0], r, kpi, year: year)
                        entry += ", \"difference\": {\"p10\": \(n(d.p10)), \"p50\": \(n(d.p50)), \"p90\": \(n(d.p90))}"
                    }
                    entries.append(entry + "}")
                }
            }
            out += "\n      " + entries.joined(separator: ",\n      ") + "\n    ]" + (i == KPI.allCases.count - 1 ? "\n" : ",\n")
        }
        out += "  }\n}\n"
        return out
    }

    /// One row per scenario, KPI and year: scenario, year, kpi, p10, p50, p90, diff_p10, diff_p50, diff_p90.
    static func comparisonCSV(_ all: [SimulationResults]) -> String {
        let n = SimulationResultWriters.number
        var out = "scenario,year,kpi,p10,p50,p90,diff_p10,diff_p50,diff_p90\n"
        for (j, r) in all.enumerated() {
            for year in 1...r.years {
                for kpi in KPI.allCases {
                    let p = kpi.isFlow ? Percentiles(of: ComparisonTable.runValues(r, kpi, year: year)) : r.value(kpi, month: year * 12)
                    let d = ComparisonTable.difference(all[0], r, kpi, year: year)
                    let diff = j == 0 ? ",," : "\(n(d.p10)),\(n(d.p50)),\(n(d.p90))"
                    out += "\(csvField(r.scenario.name)),\(year),\(kpi.key),\(n(p.p10)),\(n(p.p50)),\(n(p.p90)),\(diff)\n"
                }
            }
        }
        return out
    }

    static func jsonEscape(_ s: String) -> String {
        s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
    }

    static func csvField(_ s: String) -> String {
        s.contains(",") || s.contains("\"") ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
    }
}

/// Where a scenario comes from: a file, or a bundled scenario by name.
enum ScenarioSource {
    static func load(_ argument: String) throws(InvalidInput) -> Scenario {
        if !FileManager.default.fileExists(atPath: argument), BundledScenarios.json[argument] != nil {
            return try ScenarioFile.bundled(argument)
        }
        return try ScenarioFile.read(path: argument)
    }
}
