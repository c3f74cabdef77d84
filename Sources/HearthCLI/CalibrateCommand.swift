import Calibration
import CareModel
import Foundation
import Interchange
import Simulation

/// `hearth calibrate`: estimate a scenario's rates from a council's SSDA903 return.
enum CalibrateCommand: HearthCommand {
    static let spec = CommandSpec(
        name: "calibrate", summary: "estimate a scenario's rates from a council's SSDA903 return",
        positionals: "DIR",
        otherUsages: ["--published FILE... [--la CODE] [--name NAME] --out SCENARIO.json", "--make-synthetic DIR [--seed S] [--from DATE --to DATE] [--force]"],
        description: """
            Reads the SSDA903 return in DIR (and its immediate subdirectories, e.g. one per year),
            recognising each CSV table by its columns, whatever the file is called:
              Header   CHILD, SEX, DOB, ...             Episodes CHILD, DECOM, RNE, LS, PLACE, DEC, REC, ...
              UASC     CHILD, DUC, ... (optional)       postcode centroids postcode_district, lat, lon (optional)
            or the DfE XML return (<EXPSSDA903>, one file). The other DfE tables (reviews, missing,
            OC2, OC3, AD1, placed for adoption, previous permanence, social worker episodes) and
            prior-year copies are listed as read, not used. Dates DD/MM/YYYY, DD/MM/YY (00-69 are
            20xx), YYYY-MM-DD, with or without a time; SEX 1/2 or M/F/U. Cleans the episodes (short breaks,
            legal-status-only changes, overlaps, duplicates), estimates entry rates with their trend,
            sibling groups, time in care (censoring handled), exit destinations, placement mix,
            move rates and distances, prints a calibration table, and writes SCENARIO.json: a
            scenario that `hearth simulate` runs as is, starting the day after --to from the children
            in care then, with a `comment` in each section saying where every number came from.

            The window is the whole collection years (1 April - 31 March) the return observes in
            full (printed, and written into the scenario's comments). An entry is the first day of a
            new period of care (the child was not looked after the day before).
            """,
        options: [
            .valued("--from", value: "DATE", "first day of a narrower window inside the years observed in full\n(a date outside them is refused)"),
            .valued("--to", value: "DATE", "last day of that window; also the census day for the starting population"),
            .valued("--la", value: "NAME", "the council: one council of a multi-council extract (LA column), or the\ncouncil in --published files (old LA code such as 916, new code such as\nE10000013, or name; needed when a file holds several councils)"),
            .flag("--region", help: "calibrate every council of such an extract together"),
            .valued("--name", value: "NAME", "the scenario's name (default: calibrated-<DIR name>, letters, digits, - and _ kept)"),
            .valued("--postcodes", value: "FILE", "postcode-district centroid table (postcode_district,lat,lon)"),
            .valued("--cleaning-report", value: "FILE", "every row cleaning dropped, merged, truncated or noted (CSV)"),
            .valued("--calibration", value: "FILE", "also write every estimate with its standard error and source (JSON)"),
            .valued("-o", "--out", value: "SCENARIO.json", required: true, "where to write the scenario (JSON; required unless --make-synthetic)"),
            .valued("--published", value: "FILE", inSynopsis: false, "instead of a return: a council's published figures, the DfE's\nchildren looked after LA tables (long layout, either generation of\ncolumn names) and Ofsted's Fostering in England LA data (wide layout);\nrepeat for several files. The scenario starts the day after the latest\n31 March with that day's count, ages, placements and distance; entries\nfrom the latest year's starters (with a trend when the last four years\nshow one); exit rates from the recent years' ceased figures; carers from\nOfsted's counts; each section's comment names the source line of every number"),
            .valued("--make-synthetic", value: "DIR", inSynopsis: false, "write a synthetic return (header.csv, episodes.csv, uasc.csv,\npostcode_districts.csv) generated from known rates, for demos;\nrefused when DIR already holds SSDA903 tables unless --force"),
            .valued("--seed", value: "S", inSynopsis: false, "seed of the synthetic return (default 1)"),
            .flag("--force", inSynopsis: false, help: "let --make-synthetic replace the tables already in DIR"),
        ],
        notes: """
            No output may be one of the files read (an SSDA903 table or --postcodes) or be named
            twice: that stops with exit code 2 before anything is written.

            A malformed file (broken CSV, missing column, a date that is not a date) stops with one
            line per problem, file:line: FIELD "value": expected ... (the same problem on many rows
            once, with its count and first lines), exit code 2, nothing written. A return holding
            several councils (LA column) stops listing them unless --la or --region is given.
            """,
        examples: [
            "hearth calibrate return/ --from 2015-04-01 --to 2025-03-31 -o calibrated.json",
            "hearth calibrate --published Scenarios/published/gloucestershire-dfe.csv --published Scenarios/published/gloucestershire-ofsted.csv --la 916 -o from-published.json",
        ])

    static func run(_ arguments: [String], console: Console) throws {
        let args = try spec.parse(arguments)
        let from = try date(args, "--from")
        let to = try date(args, "--to")
        if let directory = args.value("--make-synthetic") {
            let end = to ?? CalendarDay(year: 2025, month: 3, day: 31)!
            let spec = SyntheticReturnSpec(from: from ?? end.adding(years: -10).adding(days: 1), to: end)
            if !args.has("--force"), let existing = existingTables(in: directory) {
                throw UsageError("--make-synthetic \(directory) already holds SSDA903 tables (\(existing)): expected an empty or new directory, or --force to replace them with synthetic ones")
            }
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
        guard let out = args.value("--out") else { throw UsageError("name the output file with -o FILE") }
        let outputs = [("-o", out)] + ["--calibration", "--cleaning-report"].compactMap { option in args.value(option).map { (option, $0) } }
        if let located = try? SSDA903Reader.locate(directory: args.positionals[0]) {
            let inputs = located.header + located.episodes + located.uasc + [args.value("--postcodes") ?? located.postcodes].compactMap { $0 }
            try OutputSafety.check(outputs: outputs, inputs: inputs)
        } else {
            try OutputSafety.check(outputs: outputs, inputs: [args.value("--postcodes")].compactMap { $0 })
        }
        let (imported, result, windowNote) = try calibrate(directory: args.positionals[0], from: from, to: to, postcodes: args.value("--postcodes"),
                                                           council: try councilSelection(args))
        report(imported, console: console)
        if let centroids = imported.centroids, let path = args.value("--postcodes") ?? imported.files.postcodes {
            let places = centroids.sorted { $0.key < $1.key }.map { (what: "postcode district \($0.key)", latColumn: "lat", lonColumn: "lon", location: $0.value) }
            for warning in LocationDoubts.warnings(places, file: path, plural: "postcode districts") { console.message(warning) }
        }
        console.message("window: \(windowNote)")
        let directoryName = (args.positionals[0] as NSString).standardizingPath.split(separator: "/").last.map(String.init) ?? "return"
        let name = try args.label("--name") ?? "calibrated-" + SimulateCommand.safeName(directoryName)
        let scenario = Scenario(calibration: result, name: name)
        var comments = Scenario.calibrationComments(result)
        comments["start"] = "Calibration window: \(windowNote). " + (comments["start"] ?? "")
        comments["entries"] = "An entry is the first day of a new period of care (the child was not looked after the day before), counted in the window \(result.from) to \(result.to). " + (comments["entries"] ?? "")
        var files: [(path: String, data: Data)] = [(out, try CalibrationScenarioFile.render(scenario, comments: comments))]
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
        guard let out = args.value("--out") else { throw UsageError("name the output file with -o FILE") }
        try OutputSafety.check(outputs: [("-o", out)], inputs: args.values("--published"))
        let figures = try PublishedFiguresFile.load(args.values("--published"), council: args.value("--la"))
        if let stray = figures.strayLatestYear {
            console.message("warning: \(stray.figure.source): \(stray.year) stands \(stray.year - stray.before) years after the year before it with figures (\(stray.before)), and the start is read from it: check the year")
        }
        let name = try args.label("--name") ?? "published-" + SimulateCommand.safeName(figures.council.lowercased())
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

    /// The SSDA903 tables already in `directory`, named for a message; nil when there are none.
    static func existingTables(in directory: String) -> String? {
        guard let files = try? SSDA903Reader.locate(directory: directory) else {
            let names = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).filter {
                let name = $0.lowercased()
                return name.hasSuffix(".csv") && ["header", "episode", "uasc", "postcode"].contains { name.contains($0) }
            }
            return names.isEmpty ? nil : names.sorted().joined(separator: ", ")
        }
        let all = files.header + files.episodes + files.uasc
        return all.isEmpty ? nil : all.joined(separator: ", ")
    }

    /// Reads, cleans and calibrates; the window defaults to the collection years the return
    /// observes in full, and a --from/--to reaching outside them is refused.
    static func calibrate(directory: String, from: CalendarDay?, to: CalendarDay?, postcodes: String?,
                          council: CouncilSelection? = nil) throws -> (SSDA903Import.Imported, CalibrationResult, String) {
        let imported = try SSDA903Import.load(directory: directory, postcodes: postcodes, council: council)
        let (window, note) = try window(imported, from: from, to: to, directory: directory)
        return (imported, Calibration.calibrate(imported.histories, window: window, centroids: imported.centroids), note)
    }

    /// The calibration window and a sentence saying how it was chosen.
    static func window(_ imported: SSDA903Import.Imported, from: CalendarDay?, to: CalendarDay?, directory: String) throws -> (Calibration.Window, String) {
        guard !imported.histories.isEmpty else {
            throw InvalidInput([InputProblem(file: directory, line: nil, message: "no usable episodes: every row was dropped in cleaning (see --cleaning-report)")])
        }
        guard let observed = imported.observed else {
            throw InvalidInput([InputProblem(file: directory, line: nil, message: "the return observes no whole collection year (1 April - 31 March): expected the episodes of at least one whole year, such as one year's return")])
        }
        let full = observed.window
        let window = Calibration.Window(from: from ?? full.from, to: to ?? full.to)
        for (name, day) in [("--from", from), ("--to", to)] {
            guard let day, day < full.from || day > full.to else { continue }
            throw UsageError("\(name) \(day) reaches a year the return only partly observes: it observes the collection years \(observed) in full; choose dates inside them")
        }
        guard window.from < window.to else { throw UsageError("--from \(window.from) is not before --to \(window.to)") }
        let years = "the collection years \(observed) the return observes in full"
        let note = from == nil && to == nil ? "\(window.from) to \(window.to), \(years)" : "\(window.from) to \(window.to), chosen with --from/--to inside \(years)"
        return (window, note)
    }

    /// --la NAME or --region.
    static func councilSelection(_ args: Arguments) throws(UsageError) -> CouncilSelection? {
        if args.has("--region") {
            guard args.value("--la") == nil else { throw UsageError("give --la NAME or --region, not both") }
            return .region
        }
        return args.value("--la").map { .only($0) }
    }

    /// What was read: files used and not used, councils, and the cleaning report by kind.
    static func report(_ imported: SSDA903Import.Imported, console: Console) {
        console.message("read \(imported.files.modelledCount) file(s): \(imported.report.summary)")
        for file in imported.files.unused { console.message("\(file)") }
        if imported.councils.count > 1 {
            let chosen: String
            switch imported.selection {
            case .only(let name)?:
                chosen = "calibrating " + (imported.councils.first { $0.name.lowercased() == name.trimmingCharacters(in: .whitespaces).lowercased() }?.name ?? name)
            default: chosen = "calibrating them together as a region"
            }
            console.message("councils in the extract: \(imported.councils.map { "\($0.name) (\($0.children) children)" }.joined(separator: ", ")); \(chosen)")
        }
        // Stacked years repeat and supersede rows, and legal-status-only changes are merged, by
        // design: counted in the summary line, not warned about.
        let quiet: Set<CleaningReport.Action> = [.duplicate, .superseded, .merged]
        let groups = imported.report.groups(excluding: quiet)
        for group in groups.prefix(40) { console.message("warning: \(group)") }
        if groups.count > 40 { console.message("warning: \(groups.count - 40) more kinds of issue: see --cleaning-report FILE") }
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
