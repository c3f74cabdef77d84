import Calibration
import Foundation
import Interchange
import Reports
import Simulation

/// `hearth simulate`: run a Monte Carlo projection of a scenario.
enum SimulateCommand: HearthCommand {
    static let spec = CommandSpec(
        name: "simulate", summary: "run a Monte Carlo projection of a scenario",
        positionals: "[SCENARIO.json]",
        description: """
            Projects children in care, carers, placements and costs month by month, many times over
            (Monte Carlo), and reports each KPI's P10, P50 and P90.
            """,
        arguments: [("SCENARIO.json", "the scenario (default: the bundled county baseline, see Scenarios/)")],
        options: RunSettings.options + [
            .valued("--out", value: "DIR", "where summary.json, monthly.csv, recruitment_spend.csv, unmet_need.csv\nand report.html go (default out/<scenario name>)"),
            .valued("--trace", value: "FILE", "also write every placement decision of every run to FILE (CSV: run, day,\ndate, children, group, setting, household, score, miles, reason);\nbest with few runs (one run of the baseline is about 600 rows a year)"),
            .valued("--history", value: "FILE", "published figures to draw beside the projection: the DfE's children\nlooked after local-authority CSV (long layout) or Ofsted's Fostering in\nEngland local-authority CSV (wide layout); repeat for several files (a\nlater file revises an earlier one). The scenario's \"history\" field names\nmore. The report draws them before the start date on every chart with a\nmatching series and adds a \"model vs published\" table for overlapping years."),
            .valued("--la", value: "CODE", "the council in the history files: old LA code (916), new code\n(E10000013) or name; needed when a file holds several councils"),
            .flag("--print-scenario", help: "print the scenario with every default filled in (bases resolved) and stop"),
        ],
        notes: "The table goes to stdout; progress and messages to stderr.",
        examples: [
            "hearth simulate",
            "hearth simulate Scenarios/recruit-40-a-year.json --runs 500 --years 5 --out out/recruit",
            "hearth simulate county-from-2022 --history Scenarios/published/gloucestershire-dfe.csv --la 916",
        ])

    static func run(_ arguments: [String], console: Console) throws {
        let args = try spec.parse(arguments)
        guard args.positionals.count <= 1 else { throw UsageError("name at most one scenario file (use hearth compare for several)") }
        let scenario = try args.positionals.first.map { path throws(InvalidInput) in try ScenarioSource.load(path) }
            ?? ScenarioFile.bundled()
        if args.has("--print-scenario") {
            console.print(try ScenarioFile.encode(scenario))
            return
        }
        let settings = try RunSettings(args, scenario: scenario)
        try settings.checkWork(scenario)
        let tracePath = args.value("--trace")
        // The scenario's history files are relative to the scenario file; --history ones to here.
        let scenarioDirectory = args.positionals.first.flatMap { FileManager.default.fileExists(atPath: $0) ? ($0 as NSString).deletingLastPathComponent : nil }
        let historyFiles = scenario.history.map { path in
            path.hasPrefix("/") || scenarioDirectory == nil ? path : ((scenarioDirectory! as NSString).appendingPathComponent(path))
        } + args.values("--history")
        let history = historyFiles.isEmpty ? nil : try PublishedFiguresFile.load(historyFiles, council: args.value("--la"))
        let directory = args.value("--out") ?? "out/\(safeName(scenario.name))"
        let report = (directory as NSString).appendingPathComponent("report.html")
        let outputs = ["summary.json", "monthly.csv", "recruitment_spend.csv", "unmet_need.csv", "report.html"].map { ("--out", (directory as NSString).appendingPathComponent($0)) }
        try OutputSafety.check(outputs: outputs + (tracePath.map { [("--trace", $0)] } ?? []), inputs: args.positionals + historyFiles)
        let results = settings.run(scenario, trace: tracePath != nil, console: console)
        let unmetNeed = UnmetNeedProfile(results)
        var files: [(path: String, data: Data)] = [
            ((directory as NSString).appendingPathComponent("summary.json"), Data(SimulationResultWriters.summaryJSON(results, unmetNeed: unmetNeed).utf8)),
            ((directory as NSString).appendingPathComponent("monthly.csv"), Data(SimulationResultWriters.monthlyCSV(results).utf8)),
            ((directory as NSString).appendingPathComponent("recruitment_spend.csv"), Data(InvestToSaveWriters.spendCSV(results).utf8)),
            ((directory as NSString).appendingPathComponent("unmet_need.csv"), Data(UnmetNeedWriters.csv(unmetNeed).utf8)),
            (report, Data(HTMLReport.render(results, history: history, unmetNeed: unmetNeed).utf8)),
        ]
        if let tracePath { files.append((tracePath, Data(PlacementTraceCSV.render(results).utf8))) }
        try AtomicFile.writeAll(files)
        console.print(TerminalSummary.render(results, reportPath: report))
        console.message("hearth simulate: wrote summary.json, monthly.csv, recruitment_spend.csv, unmet_need.csv and report.html to \(directory)")
        if let tracePath { console.message("hearth simulate: wrote \(results.trace.count) placement decisions to \(tracePath)") }
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
    /// The largest run allowed, in population-years (`Scenario.workEstimate`).
    var maxWork: Double

    static let workLimitText = TextNumber.grouped(Scenario.defaultWorkLimit)

    /// The options every command that runs the simulator takes.
    static let options: [OptionSpec] = [
        .valued("--runs", value: "N", "Monte Carlo runs, 1-1000000 (default: the scenario's, 200 for the baseline)"),
        .valued("--years", value: "Y", "horizon in years, 1-100 (default: the scenario's, 10 for the baseline)"),
        .valued("--seed", value: "S", "random seed (default: the scenario's); same seed = same output"),
        .valued("--threads", value: "T", "worker threads (default: all cores; output does not depend on it)"),
        .valued("--max-work", value: "W", "refuse a run larger than W population-years (runs x years x children and\nhouseholds in care, counting every entry as if no one left); default\n\(workLimitText), about 3 times the England-sized scenario"),
    ]

    init(_ args: Arguments, scenario: Scenario) throws(UsageError) {
        runs = try args.integer("--runs", default: scenario.runs, in: 1...1_000_000)
        years = try args.integer("--years", default: scenario.years, in: 1...100)
        seed = try args.seed(default: scenario.seed)
        threads = args.value("--threads") == nil ? nil : try args.integer("--threads", default: 1, in: 1...1024)
        maxWork = try args.number("--max-work", in: 1...1e15) ?? Scenario.defaultWorkLimit
    }

    /// Refuses (exit code 2) a run whose estimated size is beyond `maxWork`, with the estimate.
    func checkWork(_ scenario: Scenario) throws(UsageError) {
        let estimate = scenario.workEstimate(runs: runs, years: years)
        guard estimate <= maxWork else {
            throw UsageError("\(scenario.name): \(runs) runs x \(years) years would simulate about \(TextNumber.grouped(estimate)) population-years, more than the limit of \(TextNumber.grouped(maxWork)); use fewer --runs or --years, or raise the limit with --max-work")
        }
    }

    /// Runs the scenario, drawing a progress bar on stderr when it is a terminal and the run is long.
    /// With `trace`, every placement decision is recorded in the results' `trace`.
    func run(_ scenario: Scenario, label: String? = nil, trace: Bool = false, console: Console) -> SimulationResults {
        for event in scenario.timelineEventsAfter(years: years) {
            console.message("warning: \(scenario.name): \(event) is after the end of the \(years)-year projection (month \(12 * years)): it changes nothing in these runs")
        }
        let start = scenario.startingPopulation()
        let began = Date()
        let total = runs
        let name = label ?? scenario.name
        let bar = ProgressBar()
        let interactive = console.interactive
        let results = MonteCarlo.run(
            scenario: scenario, start: start, runs: runs, years: years, seed: seed, threads: threads, trace: trace,
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
