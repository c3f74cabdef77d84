import CareModel

/// `children.csv`: one row per child who needs a home (columns in README.md, "File formats").
///
/// Extension column (documented in README): `may_split` yes/no — whether the child's sibling
/// group may be split when no household can take them all.
public enum ChildrenFile {
    public static let requiredColumns = ["child_id", "age", "sex", "home_lat", "home_lon", "placement"]
    public static let optionalColumns = [
        "group_id", "school_lat", "school_lon", "district", "needs", "ethnicity", "language",
        "days_waiting", "may_split",
    ]
    /// Column order used when writing.
    public static let columns = [
        "child_id", "group_id", "age", "sex", "home_lat", "home_lon", "school_lat", "school_lon",
        "district", "placement", "needs", "ethnicity", "language", "days_waiting", "may_split",
    ]

    /// Reads and checks a children file, reporting every problem found.
    public static func read(path: String) throws(InvalidInput) -> [Child] {
        try parse(InputFile.bytes(at: path), file: path)
    }

    /// Parses children from CSV bytes; `file` names them in messages.
    public static func parse(_ bytes: [UInt8], file: String) throws(InvalidInput) -> [Child] {
        let log = ProblemLog(file: file)
        var children: [Child] = []
        var firstLine: [ChildID: Int] = [:]
        // A row at a time: a million children never hold a million rows of text as well.
        let columns = Table.read(
            bytes: bytes, file: file, required: requiredColumns, optional: optionalColumns, log: log,
            kind: "children", others: [.init(column: "household_id", name: "households", required: HouseholdsFile.requiredColumns)]
        ) { row in
            let id = row.label("child_id", expected: "a child identifier")
            let age = row.integer("age", in: 0...17)
            let sex = row.code("sex", as: Sex.self)
            let home = row.location(lat: "home_lat", lon: "home_lon", required: true)
            let school = row.location(lat: "school_lat", lon: "school_lon", required: false)
            let placement = row.code("placement", as: PlacementRequest.self)
            let needs = row.tokens("needs", as: Needs.self)
            let days = row.integer("days_waiting", in: 0...36_500, required: false)
            let maySplit = row.flag("may_split", default: false)
            var repeated = false
            if let id {
                if let earlier = firstLine[ChildID(id)] {
                    row.problem("child_id", "child_id \"\(id)\": expected each child once (it is used again; first on line \(earlier))")
                    repeated = true
                } else {
                    firstLine[ChildID(id)] = row.line
                }
            }
            guard !repeated, let id, let age, let sex, let homeLocation = home.value, let placement, let needs,
                let maySplit, school.value != nil || !school.present,
                days != nil || row.text("days_waiting") == nil
            else { return }
            children.append(
                Child(
                    id: ChildID(id), groupID: row.label("group_id").map { GroupID($0) }, age: age, sex: sex,
                    home: homeLocation, school: school.value, district: row.label("district"),
                    placement: placement, needs: needs, ethnicity: row.label("ethnicity"),
                    language: row.label("language"), daysWaiting: days ?? 0, maySplit: maySplit))
        }
        guard columns != nil else { throw InvalidInput(log.problems) }
        checkGroups(children, lines: firstLine, log: log)
        guard log.isEmpty else { throw InvalidInput(log.problems) }
        return children
    }

    /// Brothers and sisters are placed in one household under one approval, so they must ask
    /// for the same kind of placement.
    package static func checkGroups(_ children: [Child], lines: [ChildID: Int], log: ProblemLog) {
        var request: [GroupID: (PlacementRequest, ChildID)] = [:]
        for child in children {
            guard let group = child.groupID else { continue }
            if let (first, firstChild) = request[group] {
                if first != child.placement {
                    log.add(line: lines[child.id], field: "placement", "placement \"\(child.placement.rawValue)\": expected \"\(first.rawValue)\" as for \(firstChild) in group_id \(group) (brothers and sisters share one placement request)")
                }
            } else {
                request[group] = (child.placement, child.id)
            }
        }
        // A child on their own is placed as a unit named by their child_id, so a group_id must
        // not be the child_id of a child outside that group.
        for child in children where child.groupID == nil {
            if request[GroupID(child.id.rawValue)] != nil {
                log.add(line: lines[child.id], field: "child_id", "child_id \"\(child.id)\" is also a group_id of other children: expected distinct identifiers (or give this child that group_id)")
            }
        }
    }

    /// Renders children as CSV text in the standard column order.
    public static func render(_ children: [Child]) -> String {
        let rows = children.map { c -> [String] in
            [
                c.id.rawValue, c.groupID?.rawValue ?? "", String(c.age), c.sex.rawValue,
                Coordinate.format(c.home.latitude), Coordinate.format(c.home.longitude),
                c.school.map { Coordinate.format($0.latitude) } ?? "",
                c.school.map { Coordinate.format($0.longitude) } ?? "",
                c.district ?? "", c.placement.rawValue, c.needs.joinedTokens, c.ethnicity ?? "",
                c.language ?? "", String(c.daysWaiting), c.maySplit ? "yes" : "",
            ]
        }
        return CSV.render(header: columns, rows: rows)
    }
}

/// Formatting of coordinates and money for files: fixed decimals, so output is byte-stable.
package enum Coordinate {
    /// Degrees to 5 decimal places (about 1 metre).
    package static func format(_ degrees: Double) -> String { fixed(degrees, decimals: 5) }

    /// `value` rounded to `decimals` places, without locale or exponent notation.
    package static func fixed(_ value: Double, decimals: Int) -> String {
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let scaled = (abs(value) * scale).rounded()
        let negative = value < 0 && scaled != 0
        let whole = Int(scaled) / Int(scale)
        let fraction = Int(scaled) % Int(scale)
        guard decimals > 0 else { return (negative ? "-" : "") + String(whole) }
        var digits = String(fraction)
        while digits.count < decimals { digits = "0" + digits }
        return (negative ? "-" : "") + String(whole) + "." + digits
    }
}
