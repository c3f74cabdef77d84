import Foundation
import Interchange
import Reports
import Simulation

/// `hearth sensitivity`: which assumptions move the results most (a tornado chart).
enum SensitivityCommand: HearthCommand {
    static let spec = CommandSpec(
        name: "sensitivity", summary: "which assumptions move cost, placements and distance most (tornado chart)",
        positionals: "[SCENARIO.json]",
        description: """
            Moves each assumption down and up by the same share, one at a time, and measures the
            effect on each chosen measure at the horizon as a paired difference from the scenario
            (every variant runs on the same random numbers). Writes a report with one tornado chart
            per measure, largest effect on top, and a CSV of every effect, ranked.
            """,
        arguments: [("SCENARIO.json", "the scenario (default: the bundled county baseline)")],
        options: [
            .valued("--assumptions", value: "LIST", "comma-separated scenario keys to move (default: every rate of the\nscenario; --assumptions list shows them)"),
            .valued("--change", value: "PCT", "how far to move each, in percent, 1-90 (default 20)"),
            .valued("--measures", value: "LIST", "comma-separated measures (default cost_pounds,ifa_foster,children_in_care,\nover_20_miles_pct; any KPI key of summary.json)"),
            .valued("--runs", value: "N", "Monte Carlo runs per variant, 10-100000 (default 200)"),
            .valued("--years", value: "Y", "horizon in years, 1-100 (default: the scenario's)"),
            .valued("--seed", value: "S", "random seed (default: the scenario's); same seed = same output"),
            .valued("--threads", value: "T", "worker threads (default: all cores; output does not depend on it)"),
            .valued("--out", value: "DIR", "where sensitivity.html and sensitivity.csv go (default out/<scenario>-sensitivity)"),
        ],
        notes: "The ranking goes to stdout; progress and messages to stderr.",
        examples: [
            "hearth sensitivity --runs 200 --years 5",
            "hearth sensitivity Scenarios/recruit-40-a-year.json --assumptions carers.resignations_per_household_per_year,entries.per_year_by_age_band --change 10",
        ])

    static func run(_ arguments: [String], console: Console) throws {
        let args = try spec.parse(arguments)
        guard args.positionals.count <= 1 else { throw UsageError("name at most one scenario file") }
        let scenario = try args.positionals.first.map { path throws(InvalidInput) in try ScenarioSource.load(path) }
            ?? ScenarioFile.bundled()
        if args.value("--assumptions") == "list" {
            for a in Assumption.all {
                console.line("\(a.key.padding(50))\(a.summary) (here \(SensitivityWriters.n(a.value(in: scenario))))")
            }
            return
        }
        var assumptions = Assumption.rates(of: scenario)
        if let list = args.value("--assumptions") {
            assumptions = []
            for key in list.split(separator: ",").map({ String($0).trimmingCharacters(in: .whitespaces) }) where !key.isEmpty {
                guard let a = Assumption.named(key) else {
                    throw UsageError("--assumptions: unknown \"\(key)\"; expected some of \(Assumption.all.map(\.key).joined(separator: ", "))")
                }
                assumptions.append(a)
            }
            guard !assumptions.isEmpty else { throw UsageError("--assumptions: name at least one") }
        }
        var measures = SensitivityMeasure.defaults
        if let list = args.value("--measures") {
            measures = []
            for key in list.split(separator: ",").map({ String($0).trimmingCharacters(in: .whitespaces) }) where !key.isEmpty {
                guard let m = SensitivityMeasure(key: key) else {
                    throw UsageError("--measures: unknown \"\(key)\"; expected cost_pounds or a KPI key: \(KPI.allCases.map(\.key).joined(separator: ", "))")
                }
                measures.append(m)
            }
            guard !measures.isEmpty else { throw UsageError("--measures: name at least one") }
        }
        let change = (try args.number("--change", default: 20, in: 1...90) ?? 20) / 100
        let runs = try args.integer("--runs", default: 200, in: 10...100_000)
        let years = try args.integer("--years", default: scenario.years, in: 1...100)
        let seed = try args.seed(default: scenario.seed)
        let threads = args.value("--threads") == nil ? nil : try args.integer("--threads", default: 1, in: 1...1024)
        let began = Date()
        let result = Sensitivity.run(
            scenario: scenario, start: scenario.startingPopulation(), assumptions: assumptions, change: change,
            measures: measures, runs: runs, years: years, seed: seed, threads: threads)
        let seconds = Date().timeIntervalSince(began)
        let directory = args.value("--out") ?? "out/\(SimulateCommand.safeName(scenario.name))-sensitivity"
        let html = (directory as NSString).appendingPathComponent("sensitivity.html")
        let csv = (directory as NSString).appendingPathComponent("sensitivity.csv")
        try AtomicFile.writeAll([(html, Data(SensitivityWriters.html(result).utf8)), (csv, Data(SensitivityWriters.csv(result).utf8))])
        console.print(render(result, seconds: seconds))
        console.line("Report: \(html)")
        console.message("hearth sensitivity: wrote sensitivity.html and sensitivity.csv to \(directory)")
    }

    /// The top assumptions per measure for the terminal.
    static func render(_ r: SensitivityResult, seconds: Double) -> String {
        let pct = Int((r.change * 100).rounded())
        var text = "Sensitivity of \(r.scenario.name): each assumption \(pct)% down and up, \(r.runs) runs x \(r.years) years, seed \(r.seed); "
        text += "paired differences from the scenario at year \(r.years), P50 [P10 to P90].\n"
        for (m, measure) in r.measures.enumerated() {
            text += "\n\(SensitivityWriters.label(measure)) (scenario P50 \(SensitivityWriters.format(measure, r.base[m].p50))):\n"
            var rows = [["rank", "assumption", "\(pct)% lower", "\(pct)% higher"]]
            for (rank, e) in r.effects[m].prefix(8).enumerated() {
                rows.append([String(rank + 1), e.assumption, SensitivityWriters.band(measure, e.low), SensitivityWriters.band(measure, e.high)])
            }
            text += TerminalSummary.layout(rows)
        }
        text += String(format: "\n%d variants x %d runs in %.1f s.\n", 1 + 2 * (r.effects.first?.count ?? 0), r.runs, seconds)
        return text
    }
}
