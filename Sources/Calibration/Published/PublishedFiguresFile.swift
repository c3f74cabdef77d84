import Interchange

/// Loads a council's published figures from DfE and Ofsted files, recognising each file's
/// layout by its header.
public enum PublishedFiguresFile {
    /// Reads `paths` in order (a later file's figure for the same measure and year wins; within
    /// one file two different figures for them are an error) and
    /// keeps the council named by `council`: an old 3-digit LA code (`916`), a new code
    /// (`E10000013`) or a name (`Gloucestershire`, any case). Without `council` the files must
    /// hold one council only.
    ///
    /// Every problem in every file is listed (file:line: field "value": expected ...); nothing
    /// is returned unless all files read cleanly.
    public static func load(_ paths: [String], council: String? = nil) throws(InvalidInput) -> PublishedFigures {
        var problems: [InputProblem] = []
        var dfe: [(path: String, rows: [DfELongTable.Row])] = []
        var ofsted: [(path: String, columns: [String: [PublishedFigures.Figure]])] = []
        for path in paths {
            let bytes: [UInt8]
            do { bytes = try InputFile.bytes(at: path) } catch {
                problems += error.problems
                continue
            }
            let log = ProblemLog(file: path)
            let header = Set((CSV.scan(bytes).records.first { !$0.fields.allSatisfy { $0.trimmingSpaces.isEmpty } }?.fields ?? []).map(Table.columnName))
            if DfELongTable.recognises(header) {
                dfe.append((path, DfELongTable.rows(bytes, file: path, log: log)))
            } else if OfstedFosteringTable.recognises(header) {
                ofsted.append((path, OfstedFosteringTable.read(bytes, file: path, log: log)))
            } else {
                log.add(line: 1, "not a published table: expected the DfE's long layout (time_period, geographic_level, la_name, cla_group, characteristic, number, ...) or Ofsted's wide layout (topic, sub_topic, measure, then one column per council)")
            }
            problems += log.problems
        }
        guard problems.isEmpty else { throw InvalidInput(problems) }
        let name = try councilName(council, dfe: dfe, ofsted: ofsted, paths: paths)
        var figures = PublishedFigures(council: name)
        let key = normalised(name)
        for path in paths {
            if let file = dfe.first(where: { $0.path == path }) {
                let rows = file.rows.filter { normalised($0.council) == key }
                if rows.isEmpty, !file.rows.isEmpty {
                    problems.append(InputProblem(file: path, line: nil, message: "no rows for \(name): expected the council in this file too (it has \(sample(Set(file.rows.map(\.council)))))"))
                }
                problems += conflicts(rows.map(\.figure), file: path, council: name)
                for row in rows { figures.set(row.figure) }
            }
            if let file = ofsted.first(where: { $0.path == path }) {
                guard let column = file.columns.first(where: { normalised($0.key) == key }) else {
                    problems.append(InputProblem(file: path, line: 1, message: "no column for \(name): expected one of the council columns (\(sample(Set(file.columns.keys))))"))
                    continue
                }
                problems += conflicts(column.value, file: path, council: name)
                for figure in column.value { figures.set(figure) }
            }
        }
        guard problems.isEmpty else { throw InvalidInput(problems) }
        return figures
    }

    /// Figures of one file that give one measure and year two values (two releases pasted
    /// together, a row typed twice), each at its line: which is right cannot be told, so
    /// neither is used. The same value given twice is no conflict.
    /// - Complexity: O(figures).
    static func conflicts(_ figures: [PublishedFigures.Figure], file: String, council: String) -> [InputProblem] {
        var first: [String: PublishedFigures.Figure] = [:]
        var found: [InputProblem] = []
        for figure in figures {
            let key = "\(figure.measure.rawValue) \(figure.year)"
            guard let earlier = first[key] else {
                first[key] = figure
                continue
            }
            guard earlier.value != figure.value else { continue }
            found.append(InputProblem(
                file: file, line: line(of: figure.source), field: figure.measure.rawValue,
                message: "\(figure.measure.rawValue) \(figure.year) for \(council) \"\(plain(figure.value))\": expected one figure per measure and year in a file (\(earlier.source) gives \(plain(earlier.value)))"))
        }
        return found
    }

    /// The line of a figure's `file:line` source.
    static func line(of source: String) -> Int? { source.split(separator: ":").last.flatMap { Int($0) } }

    /// A figure as written: whole numbers without a point.
    static func plain(_ value: Double) -> String { value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value) }

    /// The council's name, from `council` (a code or a name) or the only council in the files.
    static func councilName(
        _ council: String?, dfe: [(path: String, rows: [DfELongTable.Row])], ofsted: [(path: String, columns: [String: [PublishedFigures.Figure]])],
        paths: [String]
    ) throws(InvalidInput) -> String {
        let dfeRows = dfe.flatMap(\.rows)
        let origin = paths.first ?? "published figures"
        if let council {
            let wanted = council.trimmingSpaces
            if let row = dfeRows.first(where: {
                $0.oldCode == wanted || $0.newCode?.lowercased() == wanted.lowercased() || normalised($0.council) == normalised(wanted)
            }) {
                return row.council
            }
            if let column = ofsted.flatMap({ $0.columns.keys }).first(where: { normalised($0) == normalised(wanted) }) { return column }
            let known = Set(dfeRows.map { "\($0.council) (\($0.oldCode ?? "-"), \($0.newCode ?? "-"))" } + ofsted.flatMap { $0.columns.keys })
            let codeOnly = wanted.allSatisfy(\.isNumber) || (wanted.first == "E" && wanted.dropFirst().allSatisfy(\.isNumber))
            let hint = codeOnly && dfeRows.isEmpty ? "; Ofsted files name councils, so give the name or add a DfE file with the code" : ""
            throw InvalidInput([InputProblem(file: origin, line: nil, field: "--la", message: "--la \"\(wanted)\": expected a council in the files (\(sample(known)))\(hint)")])
        }
        var names = Set(dfeRows.map(\.council))
        if names.isEmpty { names = Set(ofsted.flatMap { $0.columns.keys }) }
        if names.count == 1 { return names.first! }
        if names.isEmpty {
            throw InvalidInput([InputProblem(file: origin, line: nil, message: "no local-authority figures Hearth uses: expected rows for looked after on 31 March, started, ceased, placements or fostering households")])
        }
        throw InvalidInput([InputProblem(file: origin, line: nil, field: "--la", message: "\(names.count) councils in the files: name one with --la (an old LA code such as 916, a new code such as E10000013, or a name; e.g. \(sample(names)))")])
    }

    /// Lower-case letters and digits only, `&` as `and`: "Bristol, City of" = "bristol city of".
    static func normalised(_ name: String) -> String {
        String(name.lowercased().replacingOccurrences(of: "&", with: "and").filter { $0.isLetter || $0.isNumber })
    }

    static func sample(_ names: Set<String>) -> String {
        let sorted = names.sorted()
        return sorted.prefix(5).joined(separator: ", ") + (sorted.count > 5 ? ", ... \(sorted.count) in all" : "")
    }
}
