import Calibration
import CareModel
import Foundation
import Interchange
import Simulation

/// `hearth backtest`: calibrate on a return up to a date, project, and compare with what happened.
enum BacktestCommand: HearthCommand {
    static let name = "backtest"
    static let summary = "project a past period from a return and compare with what it shows"
    static let synopsis = "hearth backtest DIR --as-of DATE --years N [--from DATE] [--engine simulator|flows] [--runs R] [--seed S] [--threads T] [--csv FILE]"
    static let help = """
        usage: \(synopsis)

        Reads the SSDA903 return in DIR (the files `hearth calibrate` reads), calibrates on the
        data up to --as-of only, takes the children in care on that day from the return as the
        starting population, projects --years years with the simulator running the scenario
        `hearth calibrate` would write (--runs Monte Carlo runs, default 200), and
        compares each year with what the return actually shows: children in care by placement
        type and age band on each anniversary of --as-of, and entries and exits during each year.
        Prints the truth, the P50 with its error (absolute and %), the P10-P90 band and whether
        the band covers the truth, then the share of rows covered.

        --engine flows projects with the calibrated rates alone (entries, exits, moves; no carers
        or matching), redrawing every rate from its sampling distribution in each run so the band
        reflects what the data could not pin down as well as chance: it checks the calibration
        itself. The simulator checks the whole model, carers and matching included.

        options:
          --as-of DATE   the last day the calibration may see (YYYY-MM-DD or DD/MM/YYYY)
          --years N      years to project, 1-20; the return must reach DATE + N years
          --from DATE    first day of calibration data (default: 1 April of the first
                         collection year the return observes in full; earlier is refused)
          --la NAME, --region   one council, or all together, of a multi-council extract
          --engine E     simulator (default) or flows
          --runs R       Monte Carlo runs (default 200)
          --threads T    worker threads for the simulator (output does not depend on it)
          --seed S       seed (default 1); the same seed gives the same table
          --csv FILE     also write every row as CSV

        example:
          hearth backtest return/ --as-of 2021-03-31 --years 3
        """

    static func run(_ arguments: [String], console: Console) throws {
        let args = try Arguments(arguments, valued: ["--as-of", "--years", "--from", "--runs", "--seed", "--csv", "--postcodes", "--engine", "--threads", "--la"], flags: ["--region"])
        guard args.positionals.count == 1 else { throw UsageError("name one directory holding the SSDA903 tables") }
        guard let asOf = try CalibrateCommand.date(args, "--as-of") else { throw UsageError("give --as-of DATE, the last day the calibration may see") }
        guard args.value("--years") != nil else { throw UsageError("give --years N, the years to project") }
        let years = try args.integer("--years", default: 3, in: 1...20)
        let runs = try args.integer("--runs", default: 200, in: 1...100_000)
        let seed = try args.seed(default: 1)
        let engineName = args.value("--engine") ?? Backtest.Engine.simulator.rawValue
        guard let engine = Backtest.Engine(rawValue: engineName) else {
            throw UsageError("--engine \"\(engineName)\": expected simulator or flows")
        }
        let threads = args.value("--threads") == nil ? nil : try args.integer("--threads", default: 1, in: 1...1024)
        let directory = args.positionals[0]
        let imported = try SSDA903Import.load(directory: directory, postcodes: args.value("--postcodes"), council: try CalibrateCommand.councilSelection(args))
        CalibrateCommand.report(imported, console: console)
        let (span, _) = try CalibrateCommand.window(imported, from: try CalibrateCommand.date(args, "--from"), to: nil, directory: directory)
        let from = span.from
        let end = asOf.adding(years: years)
        guard from < asOf else { throw UsageError("--as-of \(asOf) must be after the start of the data, \(from)") }
        guard end <= span.to else {
            throw UsageError("the return observes the collection years \(imported.observed!) in full: it cannot show \(years) year\(years == 1 ? "" : "s") after \(asOf) (\(end))")
        }
        let report: Backtest.Report
        switch engine {
        case .flows:
            report = Backtest.run(imported.histories, from: from, asOf: asOf, years: years, runs: runs, seed: seed, centroids: imported.centroids)
        case .simulator:
            report = Backtest.runSimulator(imported.histories, from: from, asOf: asOf, years: years, runs: runs, seed: seed,
                                           centroids: imported.centroids, threads: threads)
        }
        console.print(renderTable(report))
        if let path = args.value("--csv") {
            try AtomicFile.write(renderCSV(report), to: path)
            console.message("wrote \(path)")
        }
    }

    static func percent(_ value: Double?) -> String {
        value.map { CalibrateCommand.fixed($0, 1) + "%" } ?? "-"
    }

    static func renderTable(_ report: Backtest.Report) -> String {
        var text = "Backtest (\(report.engine.rawValue)): calibrated on \(report.calibration.from) to \(report.asOf), projected \(report.years) year\(report.years == 1 ? "" : "s") (\(report.runs) runs)\n"
        let header = ["measure", "year to", "truth", "P50", "error", "error %", "P10", "P90", "covered"]
        var rows: [[String]] = []
        for row in report.rows.sorted(by: { ($0.measure, $0.year) < ($1.measure, $1.year) }) {
            rows.append([row.measure.description, report.asOf.adding(years: row.year).description, String(row.truth), String(row.p50),
                         (row.error > 0 ? "+" : "") + String(row.error), percent(row.errorPercent), String(row.p10), String(row.p90),
                         row.covered ? "yes" : "NO"])
        }
        let widths = header.indices.map { c in max(header[c].count, rows.map { $0[c].count }.max() ?? 0) }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { c, cell in c == 0 ? cell.padding(widths[c] + 1) : String(repeating: " ", count: widths[c] - cell.count) + cell + " " }.joined() + "\n"
        }
        text += line(header)
        for row in rows { text += line(row) }
        let covered = report.rows.filter(\.covered).count
        text += "P10-P90 band covers the truth in \(covered) of \(report.rows.count) rows (\(CalibrateCommand.fixed(100 * report.coverage, 1))%)\n"
        return text
    }

    static func renderCSV(_ report: Backtest.Report) -> String {
        CSV.render(header: ["measure", "year", "year_end", "truth", "p10", "p50", "p90", "error", "error_pct", "covered"],
                   rows: report.rows.map { r in
                       [r.measure.key, String(r.year), report.asOf.adding(years: r.year).description, String(r.truth), String(r.p10),
                        String(r.p50), String(r.p90), String(r.error), r.errorPercent.map { CalibrateCommand.fixed($0, 2) } ?? "",
                        r.covered ? "yes" : "no"]
                   })
    }
}
