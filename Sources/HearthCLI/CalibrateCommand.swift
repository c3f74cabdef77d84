import Calibration
import CareModel
import Foundation
import Interchange
import Simulation

/// `hearth calibrate`: estimate a scenario's rates from a council's SSDA903 return.
enum CalibrateCommand: HearthCommand {
    static let name = "calibrate"
    static let summary = "estimate a scenario's rates from a council's SSDA903 return"
    static let synopsis = "hearth calibrate DIR [--from DATE --to DATE] [--name NAME] [--postcodes FILE] [--cleaning-report FILE] [--calibration FILE] -o SCENARIO.json"
    static let help = """
        usage: \(synopsis)
               hearth calibrate --published FILE... [--la CODE] [--name NAME] -o SCENARIO.json
               hearth calibrate --make-synthetic DIR [--seed S] [--from DATE --to DATE]

        Reads the SSDA903 tables in DIR (and its immediate subdirectories, e.g. one per year):
          Header   header.csv    or any *.csv whose name contains "header" (SSDA903_2024_Header.csv)
          Episodes episodes.csv  or any *.csv whose name contains "episode"
          UASC     uasc.csv      or any *.csv whose name contains "uasc" (optional)
          postcode_districts.csv (postcode_district,lat,lon), optional, for distances
        Columns are the DfE's (CHILD, DECOM, RNE, LS, PLACE, PLACE_PROVIDER, DEC, REC, ...);
        dates DD/MM/YYYY or YYYY-MM-DD; SEX 1/2 or M/F/U. Cleans the episodes (short breaks,
        legal-status-only changes, overlaps, duplicates), estimates entry rates with their trend,
        sibling groups, time in care (censoring handled), exit destinations, placement mix,
        move rates and distances, prints a calibration table, and writes SCENARIO.json: a
        scenario that `hearth simulate` runs as is, starting the day after --to from the children
        in care then, with a `comment` in each section saying where every number came from.

        options:
          --from DATE, --to DATE   the window of data to use (default: all of it); --to is also
                                   the census day for the starting population
          --postcodes FILE         postcode-district centroid table (postcode_district,lat,lon)
          --cleaning-report FILE   every row cleaning dropped, merged, truncated or noted (CSV)
          -o, --out FILE           where to write the scenario (JSON)
          --name NAME              the scenario's name (default: calibrated-<DIR name>)
          --calibration FILE       also write every estimate with its standard error and source (JSON)
          --published FILE         instead of a return: a council's published figures, the DfE's
                                   children looked after LA tables (long layout, either
                                   generation of column names) and Ofsted's Fostering in England
                                   LA data (wide layout); repeat for several files. The scenario
                                   starts the day after the latest 31 March with that day's
                                   count, ages, placements and distance; entries from the latest
                                   year's starters (with a trend when the last four years show
                                   one); exit rates from the recent years' ceased figures; carers
                                   from Ofsted's counts; each section's comment names the
                                   source line of every number
          --la CODE                the council in the published files: old LA code (916), new
                                   code (E10000013) or name; needed when a file holds several
          --make-synthetic DIR     write a synthetic return (header.csv, episodes.csv, uasc.csv,
                                   postcode_districts.csv) generated from known rates, for demos

        A malformed file (broken CSV, missing column, a date that is not a date) stops with one
        line per problem, file:line: FIELD "value": expected ..., exit code 2, nothing written.

        examples:
          hearth calibrate return/ --from 2015-04-01 --to 2025-03-31 -o calibrated.json
          hearth calibrate --published Scenarios/published/gloucestershire-dfe.csv --published Scenarios/published/gloucestershire-ofsted.csv --la 916 -o from-published.json
        """

    static func run(_ arguments: [String], console: Console) throws {
        let args = try Arguments(arguments, valued: ["--from", "--to", "--postcodes", "--cleaning-report", "-o", "--out", "--make-synthetic", "--seed", "--name", "--calibration", "--published", "--la"], flags: [])
        let from = try date(args, "--from")
        let to = try date(args, "--to")
        if let directory = args.value("--make-synthetic") {
            let end = to ?? CalendarDay(year: 2025, month: 3, day: 31)!
            let spec = SyntheticReturnSpec(from: from ?? end.adding(years: -10).adding(days: 1), to: end)
            let synthetic = SyntheticReturnGenerator.generate(spec, seed: try args.seed(default: 1))
            try SSDA903Writer.write(synthetic.data, centroids: synthetic.centroids, to: directory)
            console.message("wrote a synthetic SSDA903 return to \(directory): \(synthetic.data.headers.count) children, \(synthetic.data.episodes.count) episodes, \(spec.from) to \(spec.to)")
            return
        }
        if !args.values("--published").isEmpty {
            try fromPublished(args, console: console)
            return
        }
        guard args.positionals.count == 1 else { throw UsageError("name one directory holding the SSDA903 tables") }
        guard let out = args.value("-o") ?? args.value("--out") else { throw UsageError("name the output file with -o FILE") }
        let (imported, result) = try calibrate(directory: args.positionals[0], from: from, to: to, postcodes: args.value("--postcodes"))
        console.message("read \(imported.files.header.count + imported.files.episodes.count + imported.files.uasc.count) file(s): \(imported.report.summary)")
        let directoryName = (args.positionals[0] as NSString).standardizingPath.split(separator: "/").last.map(String.init) ?? "return"
        let name = args.value("--name") ?? "calibrated-\(directoryName)"
        let scenario = Scenario(calibration: result, name: name)
        var files: [(path: String, data: Data)] = [(out, try CalibrationScenarioFile.render(scenario, comments: Scenario.calibrationComments(result)))]
        if let path = args.value("--calibration") {
            files.append((path, try SSDA903Import.encode(result)))
        }
        if let path = args.value("--cleaning-report") {
            files.append((path, Data(SSDA903Import.renderReport(imported.report).utf8)))
        }
        try AtomicFile.writeAll(files)
        console.print(renderTable(result, report: imported.report))
        console.message("wrote \(out)")
    }

    /// `--published`: a starting scenario from a council's published DfE and Ofsted figures.
    static func fromPublished(_ args: Arguments, console: Console) throws {
        guard args.positionals.isEmpty else { throw UsageError("--published reads published tables instead of a return directory: name one or the other") }
        guard let out = args.value("-o") ?? args.value("--out") else { throw UsageError("name the output file with -o FILE") }
        let figures = try PublishedFiguresFile.load(args.values("--published"), council: args.value("--la"))
        let name = args.value("--name") ?? "published-" + SimulateCommand.safeName(figures.council.lowercased())
        let (scenario, comments) = try Scenario.fromPublished(figures, name: name)
        try AtomicFile.writeAll([(out, try CalibrationScenarioFile.render(scenario, comments: comments))])
        var text = "Starting scenario for \(figures.council) from its published figures (\(figures.all.count) figures)\n"
        for section in ["start", "entries", "exits", "carers"] {
            guard let comment = comments[section] else { continue }
            text += "\(section):\n"
            for part in comment.components(separatedBy: "; ") { text += "  \(part)\n" }
        }
        console.print(text)
        console.message("wrote \(out)")
    }

    /// Reads, cleans and calibrates; the window defaults to the span of the data.
    static func calibrate(directory: String, from: CalendarDay?, to: CalendarDay?, postcodes: String?) throws -> (SSDA903Import.Imported, CalibrationResult) {
        let imported = try SSDA903Import.load(directory: directory, postcodes: postcodes)
        guard let span = Calibration.Window.covering(imported.histories) else {
            throw InvalidInput([InputProblem(file: directory, line: nil, message: "no usable episodes: every row was dropped in cleaning (see --cleaning-report)")])
        }
        let window = Calibration.Window(from: from ?? span.from, to: to ?? span.to)
        guard window.from < window.to else { throw UsageError("--from \(window.from) is not before --to \(window.to)") }
        return (imported, Calibration.calibrate(imported.histories, window: window, centroids: imported.centroids))
    }

    /// A DATE option (YYYY-MM-DD or DD/MM/YYYY).
    static func date(_ args: Arguments, _ name: String) throws(UsageError) -> CalendarDay? {
        guard let text = args.value(name) else { return nil }
        guard let day = CalendarDay(parsing: text) else { throw UsageError("\(name) \"\(text)\": expected a date YYYY-MM-DD or DD/MM/YYYY") }
        return day
    }

    /// The calibration table: one row per estimate with its standard error and source.
    static func renderTable(_ r: CalibrationResult, report: CleaningReport) -> String {
        var rows: [[String]] = []
        func add(_ label: String, _ e: Estimate, digits: Int = 2, percent: Bool = false) {
            let scale = percent ? 100.0 : 1.0
            rows.append([label, fixed(e.value * scale, digits) + (percent ? "%" : ""),
                         e.standardError.map { fixed($0 * scale, digits) } ?? "", e.source])
        }
        add("entries per year", r.entries.perYear, digits: 1)
        for band in AgeBand.allCases { add("  aged \(band)", r.entries.perYearByBand[band.key]!, digits: 1) }
        add("entry trend per year", r.entries.trendPerYear, digits: 1, percent: true)
        for band in AgeBand.allCases {
            let t = r.timeInCare[band.key]!
            add("mean years in care, entered \(band)", t.meanYears)
        }
        add("moves per child-year", r.moves.overallRatePerYear)
        for type in PlacementType.allCases { add("  from \(type.label)", r.moves.ratePerYear[type.rawValue]!) }
        for d in ExitDestinationEstimates.destinations { add("exits to \(d.replacingOccurrences(of: "_", with: " "))", r.exitDestinations.shares[d]!, digits: 1, percent: true) }
        if let p = r.pathways {
            add("exits home via placement with parents", p.homeViaParentsShare, digits: 1, percent: true)
            add("  months placed with parents", p.withParentsMonths, digits: 1)
            add("months placed for adoption", p.placedForAdoptionMonths, digits: 1)
        }
        add("entering with siblings", r.siblingGroups.childrenWithSiblingsShare, digits: 1, percent: true)
        add("UASC share of entries", r.uascShareOfEntries, digits: 1, percent: true)
        if let d = r.distance {
            add("mean miles home to placement", d.meanMiles, digits: 1)
            add("placed over 20 miles", d.over20MilesShare, digits: 1, percent: true)
        }
        var text = "Calibration from \(r.from) to \(r.to); \(r.census.total) children in care on \(r.to)\n"
        let widths = (0..<3).map { c in rows.map { $0[c].count }.max() ?? 0 }
        let headers = ["estimate", "value", "s.e."]
        text += headers.enumerated().map { $1.padding(max(widths[$0], $1.count) + 1) }.joined() + " source\n"
        for row in rows {
            text += row[0].padding(max(widths[0], 8) + 1) + String(repeating: " ", count: max(0, max(widths[1], 5) - row[1].count)) + row[1] + " "
            text += String(repeating: " ", count: max(0, max(widths[2], 4) - row[2].count)) + row[2] + "  " + row[3] + "\n"
        }
        for note in r.notes { text += "note: \(note)\n" }
        return text
    }

    /// `value` with `digits` decimals, no locale.
    static func fixed(_ value: Double, _ digits: Int) -> String {
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let scaled = (abs(value) * scale).rounded()
        let whole = Int(scaled / scale)
        let fraction = Int(scaled) - whole * Int(scale)
        var f = String(fraction)
        while f.count < digits { f = "0" + f }
        return (value < 0 && scaled != 0 ? "-" : "") + String(whole) + (digits > 0 ? "." + f : "")
    }
}
