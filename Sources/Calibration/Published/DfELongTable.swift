import Interchange

/// Reads the DfE's "Children looked after in England including adoptions" local-authority data
/// files (explore-education-statistics), in their long layout: one row per council, year,
/// group and characteristic.
///
/// Two generations of column names are read: `cla_group, characteristic, number, percentage`
/// and the newer `characteristic, breakdown, children_count, children_percent` (where
/// `characteristic` names the group and `breakdown` the row). `time_period` is `2024` or
/// `202324` (both: the year ending 31 March 2024). Rows other than `Local authority` level are
/// skipped; rows whose group or characteristic Hearth does not use are skipped too.
///
/// ## Design note
/// A row is recognised by words in its group and label, not by an exact list, because the
/// DfE's wording changes between releases ("Age on starting", "CLA starting during the year";
/// "Secure units, children's homes and semi-independent living accommodation" before 2023,
/// "Secure homes and children's homes" after). Only totals and the 31 March breakdowns the
/// scenario needs are kept: looked after on 31 March, started, ceased, placement, age group,
/// distance and locality. Suppressed cells (`c`, `x`, `z`, `k`, `low`, `u`, `:`, `..`) are
/// missing, never zero.
enum DfELongTable {
    static let valueColumns = ["number", "children_count", "child_count", "count", "value"]
    static let required = ["time_period", "geographic_level", "la_name"]
    static let optional = ["time_identifier", "country_code", "country_name", "region_code", "region_name", "old_la_code",
                           "new_la_code", "cla_group", "characteristic", "breakdown", "percentage", "children_percent"] + valueColumns

    /// Whether a header row (column names already normalised) looks like a DfE long file.
    static func recognises(_ columns: Set<String>) -> Bool {
        columns.contains("time_period") && columns.contains("geographic_level")
    }

    /// One council's row as read, before the council is chosen.
    struct Row {
        var council: String
        var oldCode: String?
        var newCode: String?
        var figure: PublishedFigures.Figure
    }

    /// The recognised rows of `bytes`; problems go to `log`.
    static func rows(_ bytes: [UInt8], file: String, log: ProblemLog) -> [Row] {
        guard let table = Table(bytes: bytes, file: file, required: required, optional: optional, log: log, kind: "DfE children looked after") else {
            return []
        }
        guard let valueColumn = valueColumns.first(where: { table.columns[$0] != nil }) else {
            log.add(line: 1, "no value column: expected one of \(valueColumns.joined(separator: ", "))")
            return []
        }
        let hasBreakdown = table.columns["breakdown"] != nil
        guard hasBreakdown || table.columns["characteristic"] != nil else {
            log.add(line: 1, field: "characteristic", "missing required column \"characteristic\" (or \"breakdown\")")
            return []
        }
        var out: [Row] = []
        for row in table.rows {
            guard let level = row.text("geographic_level"), level.lowercased() == "local authority" else { continue }
            let group: String
            let label: String
            if hasBreakdown {
                group = [row.text("cla_group"), row.text("characteristic")].compactMap { $0 }.joined(separator: " / ")
                label = row.text("breakdown") ?? ""
            } else {
                group = row.text("cla_group") ?? ""
                label = row.text("characteristic") ?? ""
            }
            guard let measure = measure(group: group, label: label) else { continue }
            guard let year = year(row) else { continue }
            guard let council = row.label("la_name", expected: "the council's name") else { continue }
            guard let value = PublishedCell.count(row, valueColumn) else { continue }
            out.append(Row(
                council: council, oldCode: row.text("old_la_code"), newCode: row.text("new_la_code"),
                figure: .init(measure: measure, year: year, value: value, source: "\(file):\(row.line)")))
        }
        return out
    }

    /// The year ending 31 March that `time_period` names: `2024` or `202324`.
    static func year(_ row: TableRow) -> Int? {
        guard let text = row.required("time_period", expected: "a year such as 2024 or 202324") else { return nil }
        let digits = text.allSatisfy(\.isNumber)
        if digits, text.count == 4, let y = Int(text), (1990...2100).contains(y) { return y }
        if digits, text.count == 6, let first = Int(text.prefix(4)), let second = Int(text.suffix(2)), (first + 1) % 100 == second,
            (1990...2100).contains(first)
        {
            return first + 1
        }
        row.problem("time_period", "time_period \"\(text)\": expected a year such as 2024 or 202324 (April 2023 to March 2024)")
        return nil
    }

    /// The measure a group and label stand for, or nil for rows Hearth does not use.
    static func measure(group: String, label: String) -> PublishedFigures.Measure? {
        let g = group.lowercased(), l = label.lowercased()
        let isTotal = l == "total" || l == "total children" || l.hasPrefix("total ") && !l.contains("placement")
        if g.contains("ceas") { return isTotal ? .ceased : nil }
        if g.contains("start") { return isTotal ? .started : nil }
        // Everything below describes children looked after on 31 March.
        if g.contains("during the year") || g.contains("new placement") || g.contains("2 years") || g.contains("2.5 years") { return nil }
        if g.contains("age") {
            switch l {
            case "under 1 year", "under 1": return .ageUnder1
            case "1 to 4 years": return .age1To4
            case "5 to 9 years": return .age5To9
            case "10 to 15 years": return .age10To15
            case "16 years and over", "16 and over": return .age16Plus
            default: return isTotal ? .childrenInCare : nil
            }
        }
        if g.contains("distance") {
            if l.contains("over 20 miles") || l.contains("more than 20 miles") { return .over20Miles }
            return nil
        }
        if g.contains("locality") {
            if l.hasPrefix("placed outside") || l.hasPrefix("outside") { return .outsideBoundary }
            return nil
        }
        if g.contains("placement") && !g.contains("provider") && !g.contains("local authority of placement") {
            if isTotal { return nil }
            if l.contains("foster") { return .fosterPlacements }
            if l.contains("adoption") { return .placedForAdoption }
            if l.contains("with parents") || l.contains("parental responsibility") { return .placedWithParents }
            if l.contains("semi-independent") && !l.contains("children's home") || l.contains("supported") || l.contains("independent living") {
                return .supportedPlacements
            }
            if l.contains("children's home") || l.contains("secure") || l.contains("residential") { return .residentialPlacements }
            return .otherPlacements
        }
        if (g.contains("31 march") || g.isEmpty || g.contains("total")) && isTotal { return .childrenInCare }
        return nil
    }
}

/// One published cell: a count, or a suppression mark read as missing.
enum PublishedCell {
    /// Marks the DfE and Ofsted use for figures they do not publish.
    static let suppressed: Set<String> = ["c", "x", "z", "k", "u", "low", ":", "..", ".", "-", "*", "n/a", "na", "[c]", "[x]", "[z]", "[low]"]

    /// The count in `column`: digits with optional thousands commas and decimals; nil (and no
    /// problem) for a blank or suppressed cell; nil and a located problem for anything else.
    static func count(_ row: TableRow, _ column: String) -> Double? {
        guard let text = row.text(column) else { return nil }
        return parse(text) { row.problem(column, "\(column) \"\(text)\": \($0)") }
    }

    static func parse(_ text: String, problem: (String) -> Void) -> Double? {
        if suppressed.contains(text.lowercased()) { return nil }
        let plain = text.replacingOccurrences(of: ",", with: "")
        guard TableRow.isPlainDecimal(plain), let value = Double(plain), value >= 0 else {
            problem("expected a count (e.g. 840) or a suppression mark (c, x, z, .., low)")
            return nil
        }
        return value
    }
}
