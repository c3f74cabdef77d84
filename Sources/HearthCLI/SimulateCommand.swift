import Calibration
import Foundation
import Interchange
import Reports
import Simulation

/// `hearth simulate`: run a Monte Carlo projection of a scenario.
enum SimulateCommand: HearthCommand {
    static let name = "simulate"
    static let summary = "run a Monte Carlo projection of a scenario"
    static let synopsis = "hearth simulate [SCENARIO.json] [--runs N] [--years Y] [--seed S] [--out DIR] [--threads T] [--history FILE ... [--la CODE]]"
    static let help = """
        usage: \(synopsis)

        Projects children in care, carers, placements and costs month by month, many times over
        (Monte Carlo), and reports each KPI's P10, P50 and P90.

          SCENARIO.json  the scenario (default: the bundled county baseline, see Scenarios/)
          --runs N       Monte Carlo runs (default: the scenario's, 200 for the baseline)
          --years Y      horizon in years (default: the scenario's, 10 for the baseline)
          --seed S       random seed (default: the scenario's); same seed = same output
          --out DIR      where summary.json, monthly.csv and report.html go (default out/<scenario name>)
          --threads T    worker threads (default: all cores; output does not depend on it)
          --history FILE published figures to draw beside the projection: the DfE's children
                         looked after local-authority CSV (long layout) or Ofsted's Fostering in
                         England local-authority CSV (wide layout); repeat for several files (a
                         later file revises an earlier one). The scenario's "history" field names
                         more. The report draws them before the start date on every chart with a
                         matching series and adds a "model vs published" table for overlapping years.
          --la CODE      the council in the history files: old LA code (916), new code
                         (E10000013) or name; needed when a file holds several councils
          --print-scenario  print the scenario with every default filled in (bases resolved) and stop

        The table goes to stdout; progress and messages to stderr.

        examples:
          hearth simulate
          hearth simulate Scenarios/recruit-40-a-year.json --runs 500 --years 5 --out out/recruit
          hearth simulate county-from-2022 --history Scenarios/published/gloucestershire-dfe.csv --la 916
        """

    static func run(_ arguments: [String], console: Console) throws {
        let args = try Arguments(arguments, valued: ["--runs", "--years", "--seed", "--out", "--threads", "--history", "--la"], flags: ["--print-scenario"])
        guard args.positionals.count <= 1 else { throw UsageError("name at most one scenario file (use hearth compare for several)") }
        let scenario = try args.positionals.first.map { path throws(InvalidInput) in try ScenarioSource.load(path) }
            ?? ScenarioFile.bundled()
        if args.has("--print-scenario") {
            console.print(try ScenarioFile.encode(scenario))
            return
        }
        let settings = try RunSettings(args, scenario: scenario)
        // The scenario's history files are relative to the scenario file; --history ones to here.
        let scenarioDirectory = args.positionals.first.flatMap { FileManager.default.fileExists(atPath: $0) ? ($0 as NSString).deletingLastPathComponent : nil }
        let historyFiles = scenario.history.map { path in
            path.hasPrefix("/") || scenarioDirectory == nil ? path : ((scenarioDirectory! as NSString).appendingPathComponent(path))
        } + args.values("--history")
        let history = historyFiles.isEmpty ? nil : try PublishedFiguresFile.load(historyFiles, council: args.value("--la"))
        let results = settings.run(scenario, console: console)
        let directory = args.value("--out") ?? "out/\(safeName(scenario.name))"
        let report = (directory as NSString).appendingPathComponent("report.html")
        try AtomicFile.writeAll([
            ((directory as NSString).appendingPathComponent("summary.json"), Data(SimulationResultWriters.summaryJSON(results).utf8)),
            ((directory as NSString).appendingPathComponent("monthly.csv"), Data(SimulationResultWriters.monthlyCSV(results).utf8)),
            (report, Data(HTMLReport.render(results, history: history).utf8)),
        ])
        console.print(TerminalSummary.render(results, reportPath: report))
        console.message("hearth simulate: wrote summary.json, monthly.csv and report.html to \(directory)")
    }

    /// A file-system-safe version of a scenario name.
    static func safeName(_ name: String) -> String {
        let cleaned = String(name.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" ? $0 : "-" })
        return cleaned.isEmpty ? "scenario" : cleaned
    }
}

/// Runs, years, seed and threads from the command line over the scenario's defaults.
struct RunSettings {
    var runs: Int
    var years: Int
    var seed: UInt64
    var threads: Int?

    init(_ args: Arguments, scenario: Scenario) throws(UsageError) {
        runs = try args.integer("--runs", default: scenario.runs, in: 1...1_000_000)
        years = try args.integer("--years", default: scenario.years, in: 1...100)
        seed = try args.seed(default: scenario.seed)
        threads = args.value("--threads") == nil ? nil : try args.integer("--threads", default: 1, in: 1...1024)
    }

    /// Runs the scenario, drawing a progress bar on stderr when it is a terminal and the run is long.
    func run(_ scenario: Scenario, label: String? = nil, console: Console) -> SimulationResults {
        let start = scenario.startingPopulation()
        let began = Date()
        let total = runs
        let name = label ?? scenario.name
        let bar = ProgressBar()
        let interactive = console.interactive
        let results = MonteCarlo.run(
            scenario: scenario, start: start, runs: runs, years: years, seed: seed, threads: threads,
            progress: { done in
                guard interactive, Date().timeIntervalSince(began) > 1 else { return }
                if let text = bar.update(done: done, total: total, label: name) { console.progress(text) }
            })
        if interactive, bar.drawn { console.progress("\r\u{1B}[K") }
        return results
    }
}

/// A text progress bar redrawn in place with `\r`, at most once per percent.
final class ProgressBar: @unchecked Sendable {
    private let lock = NSLock()
    private var lastPercent = -1
    private(set) var drawn = false

    func update(done: Int, total: Int, label: String) -> String? {
        lock.lock()
        defer { lock.unlock() }
        let percent = total > 0 ? done * 100 / total : 100
        guard percent != lastPercent else { return nil }
        lastPercent = percent
        drawn = true
        let width = 30
        let filled = width * percent / 100
        return "\r\(label) [" + String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
            + "] \(done)/\(total) runs"
    }
}
