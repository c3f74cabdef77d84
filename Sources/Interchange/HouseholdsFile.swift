import CareModel

/// `households.csv`: one row per fostering household (columns in README.md, "File formats").
public enum HouseholdsFile {
    public static let requiredColumns = [
        "household_id", "provider", "lat", "lon", "places", "occupied", "min_age", "max_age", "approvals", "status",
    ]
    public static let optionalColumns = ["district", "skills", "resident_ages", "ethnicity", "language", "weekly_cost"]
    /// Column order used when writing.
    public static let columns = [
        "household_id", "provider", "lat", "lon", "district", "places", "occupied", "min_age", "max_age",
        "approvals", "skills", "status", "resident_ages", "ethnicity", "language", "weekly_cost",
    ]

    /// Reads and checks a households file, reporting every problem found.
    public static func read(path: String) throws(InvalidInput) -> [Household] {
        try parse(InputFile.bytes(at: path), file: path)
    }

    /// Parses households from CSV bytes; `file` names them in messages.
    public static func parse(_ bytes: [UInt8], file: String) throws(InvalidInput) -> [Household] {
        let log = ProblemLog(file: file)
        guard
            let table = Table(
                bytes: bytes, file: file, required: requiredColumns, optional: optionalColumns, log: log,
                kind: "households", others: [.init(column: "child_id", name: "children", required: ChildrenFile.requiredColumns)])
        else {
            throw InvalidInput(log.problems)
        }
        var households: [Household] = []
        var firstLine: [HouseholdID: Int] = [:]
        for row in table.rows {
            let id = row.label("household_id", expected: "a household identifier")
            let provider = row.code("provider", as: Provider.self)
            let location = row.location(lat: "lat", lon: "lon", required: true)
            let places = row.integer("places", in: 1...20)
            let occupied = row.integer("occupied", in: 0...20)
            let minAge = row.integer("min_age", in: 0...17)
            let maxAge = row.integer("max_age", in: 0...25)
            let approvals = row.tokens("approvals", as: Approvals.self, required: true)
            let skills = row.tokens("skills", as: Skills.self)
            let status = row.code("status", as: HouseholdStatus.self)
            let residentAges = parseAges(row)
            let cost = row.decimal("weekly_cost", in: 0...100_000, expected: "pounds per week, 0-100000", required: false)
            if let id {
                if let earlier = firstLine[HouseholdID(id)] {
                    row.problem("household_id", "household_id \"\(id)\": expected each household once (it is used again; first on line \(earlier))")
                } else {
                    firstLine[HouseholdID(id)] = row.line
                }
            }
            if let places, let occupied, occupied > places {
                row.problem("occupied", "occupied \"\(occupied)\": expected 0-\(places), no more than places (\(places))")
            }
            if let minAge, let maxAge, minAge > maxAge {
                row.problem("max_age", "max_age \"\(maxAge)\": expected min_age (\(minAge)) or more")
            }
            guard let id, let provider, let where_ = location.value, let places, let occupied, let minAge,
                let maxAge, let approvals, let skills, let status, let residentAges, occupied <= places,
                minAge <= maxAge, cost != nil || row.text("weekly_cost") == nil
            else { continue }
            households.append(
                Household(
                    id: HouseholdID(id), provider: provider, location: where_, district: row.label("district"),
                    places: places, occupied: occupied, ageRange: minAge...maxAge, approvals: approvals,
                    skills: skills, status: status, residentAges: residentAges, ethnicity: row.label("ethnicity"),
                    language: row.label("language"), weeklyCost: cost))
        }
        guard log.isEmpty else { throw InvalidInput(log.problems) }
        return households
    }

    /// `resident_ages`: whole-year ages 0-25 separated by `;`; each bad one is reported.
    package static func parseAges(_ row: TableRow) -> [Int]? {
        guard let value = row.text("resident_ages") else { return [] }
        var ages: [Int] = []
        var ok = true
        for part in value.split(separator: ";") {
            let token = String(part).trimmingSpaces
            if token.isEmpty { continue }
            guard let age = Int(token), (0...25).contains(age) else {
                row.problem("resident_ages", "resident_ages \"\(token)\": expected whole-year ages 0-25 separated by ;")
                ok = false
                continue
            }
            ages.append(age)
        }
        return ok ? ages : nil
    }

    /// Renders households as CSV text in the standard column order.
    public static func render(_ households: [Household]) -> String {
        let rows = households.map { h -> [String] in
            [
                h.id.rawValue, h.provider.rawValue, Coordinate.format(h.location.latitude),
                Coordinate.format(h.location.longitude), h.district ?? "", String(h.places), String(h.occupied),
                String(h.ageRange.lowerBound), String(h.ageRange.upperBound), h.approvals.joinedTokens,
                h.skills.joinedTokens, h.status.rawValue, h.residentAges.map(String.init).joined(separator: ";"),
                h.ethnicity ?? "", h.language ?? "", h.weeklyCost.map { Coordinate.fixed($0, decimals: 2) } ?? "",
            ]
        }
        return CSV.render(header: columns, rows: rows)
    }
}
