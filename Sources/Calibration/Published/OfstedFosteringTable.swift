import Interchange

/// Reads Ofsted's "Fostering in England" local-authority data in its wide layout: a measure per
/// row, one column per council, and under the header a row of the fostering services' URNs.
///
/// Label columns come first, any of `topic`, `sub_topic`, `measure` and `year` (or
/// `time_period`); every other column is a council, named as Ofsted names it. The second row,
/// whose first cell is `URN` (or blank) and whose council cells are URNs, is skipped. Without
/// a `year` column the year is the first 4-digit year in the file name (`fostering_2019.csv`);
/// it is the year ending 31 March. Figures are rounded to 5 by Ofsted; `..`, `c`, `x`, `z` and
/// `low` mark suppressed cells, read as missing, never zero.
///
/// ## Design note
/// Measures are recognised by words, as Ofsted's wording varies between years ("Number of
/// approved fostering households", "Total households"): households, places, filled, vacant,
/// not available, enquiries, applications, approvals, deregistrations. Family and friends
/// households are included when Ofsted includes them (its totals do).
enum OfstedFosteringTable {
    static let labelColumns: Set<String> = ["topic", "sub_topic", "subtopic", "measure", "year", "time_period", "urn"]

    /// Whether a header row (normalised) looks like Ofsted's wide layout.
    static func recognises(_ columns: Set<String>) -> Bool {
        columns.contains("measure") && !columns.contains("geographic_level")
    }

    /// The council columns' figures, by council name as in the header; problems go to `log`.
    static func read(_ bytes: [UInt8], file: String, log: ProblemLog) -> [String: [PublishedFigures.Figure]] {
        guard let table = Table(bytes: bytes, file: file, required: ["measure"], optional: Array(labelColumns), log: log, kind: "Ofsted fostering") else {
            return [:]
        }
        let header = CSV.scan(bytes).records.first { !$0.fields.allSatisfy { $0.trimmingSpaces.isEmpty } }?.fields ?? []
        let names = header.map(Table.columnName)
        let measureColumn = table.columns["measure"]!
        let yearColumn = table.columns["year"] ?? table.columns["time_period"]
        let councils = names.indices.filter { !labelColumns.contains(names[$0]) && !names[$0].isEmpty }
        guard !councils.isEmpty else {
            log.add(line: 1, "no council columns: expected one column per council after topic, sub_topic, measure")
            return [:]
        }
        // Council names are printed and written into the scenario, as a DfE file's `la_name` is.
        var refused = false
        for column in councils {
            let council = header[column].trimmingSpaces
            if let failure = LabelCheck.failure(council) {
                log.add(line: 1, field: council, "council column \"\(council)\" \(failure.found): expected \(failure.expected)")
                refused = true
            }
        }
        if refused { return [:] }
        let fileYear = yearColumn == nil ? yearInName(file) : nil
        if yearColumn == nil, fileYear == nil {
            log.add(line: 1, field: "year", "no year: expected a year column or a year in the file name (e.g. fostering_2019.csv)")
            return [:]
        }
        var out: [String: [PublishedFigures.Figure]] = [:]
        for record in table.rows {
            let first = record.fields[0].trimmingSpaces.lowercased()
            let isURNRow = first == "urn" || (record.fields[measureColumn].trimmingSpaces.isEmpty
                && councils.allSatisfy { record.fields[$0].trimmingSpaces.allSatisfy(\.isNumber) })
            if isURNRow { continue }
            let label = [names.firstIndex(of: "topic"), names.firstIndex(of: "sub_topic") ?? names.firstIndex(of: "subtopic"), measureColumn]
                .compactMap { $0 }.map { record.fields[$0].trimmingSpaces }.joined(separator: " / ")
            guard let measure = measure(label) else { continue }
            var year = fileYear
            if let yearColumn {
                let text = record.fields[yearColumn].trimmingSpaces
                year = yearIn(text)
                if year == nil {
                    log.add(line: record.line, field: names[yearColumn], "\(names[yearColumn]) \"\(text)\": expected a year such as 2019 (the year ending 31 March)")
                    continue
                }
            }
            for column in councils {
                let text = record.fields[column].trimmingSpaces
                guard !text.isEmpty else { continue }
                let council = header[column].trimmingSpaces
                guard let value = PublishedCell.parse(text, problem: { log.add(line: record.line, field: council, "\(council) \"\(text)\": \($0)") }) else {
                    continue
                }
                out[council, default: []].append(.init(measure: measure, year: year!, value: value, source: "\(file):\(record.line)"))
            }
        }
        return out
    }

    /// The measure a row's topic / sub-topic / measure text stands for, or nil.
    static func measure(_ text: String) -> PublishedFigures.Measure? {
        let t = text.lowercased()
        if t.contains("deregist") || t.contains("resign") { return .deregistrations }
        if t.contains("enquir") { return .enquiries }
        if t.contains("application") { return .applications }
        if t.contains("not available") || t.contains("unavailable") { return .unavailablePlaces }
        if t.contains("vacan") { return .vacantPlaces }
        if t.contains("filled") { return .filledPlaces }
        if t.contains("approved") && (t.contains("during") || t.contains("in year") || t.contains("newly")) { return .householdsApproved }
        if t.contains("approval") { return .householdsApproved }
        if t.contains("places") && !t.contains("approved for") { return .fosterPlaces }
        if t.contains("household") && !t.contains("approved for") { return .fosterHouseholds }
        return nil
    }

    /// The first 4-digit year 1990-2100 in a text.
    static func yearIn(_ text: String) -> Int? {
        let chars = Array(text)
        var i = 0
        while i + 4 <= chars.count {
            let slice = chars[i..<i + 4]
            let before = i == 0 || !chars[i - 1].isNumber
            let after = i + 4 == chars.count || !chars[i + 4].isNumber
            if before, after, slice.allSatisfy(\.isNumber), let y = Int(String(slice)), (1990...2100).contains(y) { return y }
            i += 1
        }
        return nil
    }

    static func yearInName(_ path: String) -> Int? {
        yearIn(String(path.split(separator: "/").last ?? Substring(path)))
    }
}
