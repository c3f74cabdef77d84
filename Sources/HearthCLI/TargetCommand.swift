import Foundation
import Interchange
import Simulation

/// `hearth target`: the smallest (or largest) value of one lever that meets a goal on a KPI.
enum TargetCommand: HearthCommand {
    static let spec = CommandSpec(
        name: "target", summary: "the least (or most) of one lever that meets a KPI goal",
        positionals: "[SCENARIO.json]",
        description: """
            Finds the smallest value of one lever (or the largest, with --find largest) at which the
            KPI meets the goal by the date in at least the given share of runs. Every value is
            simulated on the same runs (common random numbers), and each run is bisected on its own,
            so the answer comes with its Monte Carlo uncertainty: a 90% interval from the runs'
            own thresholds. The answer is then simulated in every run to check it meets the goal,
            and written out as a scenario file.
            """,
        arguments: [("SCENARIO.json", "the scenario to start from (default: the bundled county baseline)")],
        options: [
            .valued("--lever", value: "NAME", required: true, "what to change: " + Lever.allCases.map(\.rawValue).joined(separator: ", ")),
            .valued("--kpi", value: "KEY", required: true, "the measure, as in summary.json (e.g. ifa_foster, children_in_care, households)"),
            .valued("--at-most", value: "X", "the goal: the KPI at most X (or --at-least X)"),
            .valued("--at-least", value: "X", inSynopsis: false, "the goal: the KPI at least X"),
            .valued("--by", value: "DATE", required: true, "the date the goal must hold (YYYY-MM-DD; the last month-end on or before it)"),
            .valued("--confidence", value: "P", "share of runs that must meet the goal, 0.5-0.99 (default 0.8)"),
            .valued("--find", value: "smallest|largest", "which end of the lever to look for (default smallest)"),
            .valued("--range", value: "LO:HI", "the lever's values to search (default: from none to well beyond the scenario's)"),
            .valued("--runs", value: "N", "Monte Carlo runs, 10-100000 (default: the scenario's)"),
            .valued("--seed", value: "S", "random seed (default: the scenario's); same seed = same answer"),
            .valued("--threads", value: "T", "worker threads (default: all cores; the answer does not depend on it)"),
            .valued("--out", value: "FILE", "where the answer's scenario goes (default out/<scenario>-target-<lever>.json)"),
        ],
        notes: "Exit code 2, with the reason, when no value in the range meets the goal.",
        examples: [
            "hearth target --lever approvals --kpi ifa_foster --at-most 120 --by 2028-03-31 --confidence 0.8",
            "hearth target --lever resignation-rate --kpi households --at-least 300 --by 2027-03-31 --find largest",
        ])

    static func run(_ arguments: [String], console: Console) throws {
        let args = try spec.parse(arguments)
        guard args.positionals.count <= 1 else { throw UsageError("name at most one scenario file") }
        let scenario = try args.positionals.first.map { path throws(InvalidInput) in try ScenarioSource.load(path) }
            ?? ScenarioFile.bundled()
        let question = try Question(args, scenario: scenario)
        let began = Date()
        let start = scenario.startingPopulation()
        let result = GoalSeek.search(
            scenario: scenario, start: start, lever: question.lever, range: question.range, goal: question.goal,
            smallest: question.smallest, runs: question.runs, seed: question.seed, threads: question.threads)
        let seconds = Date().timeIntervalSince(began)
        console.print(render(result, scenario: scenario, date: question.date, seconds: seconds, seed: question.seed))
        guard let answer = result.answer, result.refusal == nil else {
            throw Refusal(result.refusal ?? "no answer")
        }
        var answered = question.lever.applied(answer, to: scenario)
        answered.name = "\(scenario.name)-target-\(question.lever.rawValue)"
        answered.runs = question.runs
        answered.seed = question.seed
        answered.description = "\(scenario.name) with \(question.lever.summary) set to \(number(answer)), the "
            + "\(question.smallest ? "smallest" : "largest") value found to meet \(question.goal.text) (by \(question.date))."
        let path = args.value("--out") ?? "out/\(SimulateCommand.safeName(answered.name)).json"
        try AtomicFile.write(try ScenarioFile.encode(answered), to: path)
        console.line("Scenario of the answer: \(path)")
        console.message("hearth target: wrote \(path)")
    }

    /// The question as the command line asks it.
    struct Question {
        var lever: Lever
        var goal: KPIGoal
        var date: String
        var range: ClosedRange<Double>
        var smallest: Bool
        var runs: Int
        var seed: UInt64
        var threads: Int?

        init(_ args: Arguments, scenario: Scenario) throws(UsageError) {
            guard let leverName = args.value("--lever") else { throw UsageError("give --lever NAME") }
            guard let lever = Lever(rawValue: leverName) else {
                throw UsageError("--lever \"\(leverName)\": expected one of \(Lever.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            self.lever = lever
            guard let key = args.value("--kpi") else { throw UsageError("give --kpi KEY") }
            guard let kpi = KPI.allCases.first(where: { $0.key == key }) else {
                throw UsageError("--kpi \"\(key)\": expected one of \(KPI.allCases.map(\.key).joined(separator: ", "))")
            }
            let most = try args.number("--at-most", in: -1e15...1e15)
            let least = try args.number("--at-least", in: -1e15...1e15)
            guard (most == nil) != (least == nil) else { throw UsageError("give the goal as one of --at-most X or --at-least X") }
            guard let date = args.value("--by") else { throw UsageError("give --by DATE") }
            guard let month = KPIGoal.month(by: date, from: scenario.startDate) else {
                throw UsageError("--by \"\(date)\": expected a date YYYY-MM-DD at least a month after the scenario's start (\(scenario.startDate))")
            }
            guard month <= 1200 else { throw UsageError("--by \"\(date)\": more than 100 years after the start") }
            self.date = date
            let confidence = try args.number("--confidence", default: 0.8, in: 0.5...0.99) ?? 0.8
            goal = KPIGoal(kpi: kpi, bound: most ?? least ?? 0, atMost: most != nil, month: month, confidence: confidence)
            switch args.value("--find") ?? "smallest" {
            case "smallest": smallest = true
            case "largest": smallest = false
            case let other: throw UsageError("--find \"\(other)\": expected smallest or largest")
            }
            if let text = args.value("--range") {
                let parts = text.split(separator: ":", omittingEmptySubsequences: false).map { Double($0) }
                guard parts.count == 2, let lo = parts[0], let hi = parts[1], lo.isFinite, hi.isFinite, lo < hi else {
                    throw UsageError("--range \"\(text)\": expected LO:HI with LO < HI, e.g. 0:120")
                }
                guard lever != .entriesTrend ? lo >= 0 : lo > -1 else {
                    throw UsageError("--range \"\(text)\": \(lever.rawValue) cannot be below \(lever == .entriesTrend ? "-1" : "0")")
                }
                range = lo...hi
            } else {
                range = lever.defaultRange(for: scenario)
            }
            runs = try args.integer("--runs", default: max(10, min(100_000, scenario.runs)), in: 10...100_000)
            seed = try args.seed(default: scenario.seed)
            threads = args.value("--threads") == nil ? nil : try args.integer("--threads", default: 1, in: 1...1024)
        }
    }

    static func number(_ x: Double) -> String {
        if x == x.rounded(), abs(x) < 1e9 { return String(Int(x)) }
        return String(format: abs(x) < 1 ? "%.4f" : "%.1f", x)
    }

    static func percent(_ x: Double) -> String { String(format: "%.0f%%", 100 * x) }

    /// The answer (or why there is none) for the terminal.
    static func render(_ r: GoalSeekResult, scenario: Scenario, date: String, seconds: Double, seed: UInt64) -> String {
        let near = r.smallest ? r.range.lowerBound : r.range.upperBound
        let far = r.smallest ? r.range.upperBound : r.range.lowerBound
        var text = "Goal: \(r.goal.kpi.key) \(r.goal.atMost ? "at most" : "at least") \(number(r.goal.bound)) by \(date) "
            + "(month-end \(r.goal.month)) in at least \(percent(r.goal.confidence)) of runs\n"
        text += "Lever: \(r.lever.rawValue) (\(r.lever.summary)), \(r.smallest ? "smallest" : "largest") value in "
            + "\(number(r.range.lowerBound))-\(number(r.range.upperBound)); the scenario has \(number(r.lever.value(in: scenario)))\n"
        text += "Meets the goal: \(percent(r.metAtNear)) of runs at \(number(near)), \(percent(r.metAtFar)) at \(number(far))\n"
        if let answer = r.answer, r.refusal == nil {
            let low = r.interval.low.map(number) ?? "beyond the range"
            let high = r.interval.high.map(number) ?? "beyond the range"
            text += "Answer: \(number(answer)) \(r.lever.summary)  (90% interval over Monte Carlo error: \(low) to \(high))\n"
            text += "Check: simulated at \(number(answer)), \(percent(r.metAtAnswer ?? 0)) of \(r.runs) runs meet the goal\n"
            let own = r.thresholds.compactMap { $0 }
            if !own.isEmpty {
                let p = Percentiles(of: own)
                text += "Runs' own thresholds (\(own.count) of \(r.runs) runs reach the goal in the range): "
                    + "P10 \(number(p.p10)), P50 \(number(p.p50)), P90 \(number(p.p90))\n"
            }
        }
        text += String(format: "Searched with %d replications of %d runs in %.1f s (same random numbers for every value, seed %@).\n",
                       r.replications, r.runs, seconds, String(seed))
        return text
    }
}
