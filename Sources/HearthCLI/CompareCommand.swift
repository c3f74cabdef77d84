import Calibration
import Foundation
import Interchange
import Reports
import Simulation

/// `hearth compare`: run several scenarios on the same seeds and compare KPIs.
enum CompareCommand: HearthCommand {
    static let spec = CommandSpec(
        name: "compare", summary: "run several scenarios on the same seeds and compare KPIs",
        positionals: "A.json B.json [...]",
        description: """
            Runs every scenario with the same runs, years and seed. Run k of every scenario draws the
            same random numbers for the same child, household and placement (common random numbers),
            so the differences shown are paired: each is the P50 [P10 to P90] over runs of
            (scenario - first scenario) in the same run, and reflects the scenario, not luck.
            """,
        arguments: [("A.json B.json", "scenario files, or names of bundled scenarios (e.g. county-baseline)")],
        options: [
            .valued("--runs", value: "N", "Monte Carlo runs, 1-1000000 (default: the first scenario's)"),
            .valued("--years", value: "Y", "horizon in years, 1-100 (default: the first scenario's)"),
            .valued("--seed", value: "S", "random seed (default: the first scenario's)"),
            .valued("--out", value: "DIR", "also write comparison.json, comparison.csv, invest_to_save.csv, report.html\nand each scenario's summary.json and monthly.csv (in DIR/<name>/)"),
            .valued("--threads", value: "T", "worker threads (default: all cores)"),
            .valued("--max-work", value: "W", "refuse a scenario larger than W population-years (see hearth simulate --help)"),
        ],
        examples: ["hearth compare Scenarios/county-baseline.json Scenarios/recruit-40-a-year.json --runs 500 --out out/compare"])

    static func run(_ arguments: [String], console: Console) throws {
        let args = try spec.parse(arguments)
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
        console.print("Comparison: \(settings.years) year\(settings.years == 1 ? "" : "s") x \(settings.runs) runs, seed \(settings.seed), same random numbers for every scenario.\n")
        console.print("Cells: P50 [P10-P90] over runs; a paired difference is (scenario - first scenario) within each run, as P50 [P10 to P90].\n\n")
        console.print(ComparisonTable.render(results, year: settings.years))
        console.print(InvestToSaveWriters.terminal(results))
        guard let directory = args.value("--out") else { return }
        var files: [(path: String, data: Data)] = []
        func path(_ parts: String...) -> String { parts.reduce(directory) { ($0 as NSString).appendingPathComponent($1) } }
        let folders = scenarioFolders(results.map(\.scenario.name))
        let stale = previousFolders(in: directory).filter { !folders.contains($0) }
        files.append((path("comparison.json"), Data(ComparisonWriters.json(results, folders: folders).utf8)))
        files.append((path("comparison.csv"), Data(ComparisonWriters.csv(results).utf8)))
        files.append((path("invest_to_save.csv"), Data(InvestToSaveWriters.csv(results).utf8)))
        files.append((path("report.html"), Data(HTMLReport.renderComparison(results).utf8)))
        for (r, folder) in zip(results, folders) {
            files.append((path(folder, "summary.json"), Data(SimulationResultWriters.summaryJSON(r).utf8)))
            files.append((path(folder, "monthly.csv"), Data(SimulationResultWriters.monthlyCSV(r).utf8)))
        }
        try OutputSafety.check(outputs: files.map { ("--out", $0.path) }, inputs: args.positionals)
        try AtomicFile.writeAll(files)
        for folder in stale {
            // Only the files a comparison writes; a folder that holds anything else is kept.
            for file in ["summary.json", "monthly.csv"] { try? FileManager.default.removeItem(atPath: path(folder, file)) }
            if (try? FileManager.default.contentsOfDirectory(atPath: path(folder)))?.isEmpty == true {
                try? FileManager.default.removeItem(atPath: path(folder))
            }
        }
        console.line("Report: \(path("report.html"))")
        console.message("hearth compare: wrote comparison.json, comparison.csv, invest_to_save.csv, report.html and \(results.count) scenario folders to \(directory)")
    }

    /// One output folder per scenario: its file-system-safe name, made unique with -2, -3, ...
    static func scenarioFolders(_ names: [String]) -> [String] {
        var used = Set<String>()
        return names.map { name in
            let base = SimulateCommand.safeName(name)
            var folder = base, k = 2
            while !used.insert(folder).inserted {
                folder = "\(base)-\(k)"
                k += 1
            }
            return folder
        }
    }

    /// The scenario folders an earlier comparison wrote into `directory` (from its comparison.json),
    /// so that a rerun with other scenarios leaves no stale results behind. Names that are not
    /// plain folder names (as `scenarioFolders` makes them) are ignored.
    static func previousFolders(in directory: String) -> [String] {
        let file = (directory as NSString).appendingPathComponent("comparison.json")
        guard let data = FileManager.default.contents(atPath: file),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return [] }
        let names = (object["folders"] as? [String]) ?? ((object["scenarios"] as? [String])?.map(SimulateCommand.safeName) ?? [])
        return names.filter { name in
            !name.isEmpty && name != "." && name != ".." && name.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }
        }
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
