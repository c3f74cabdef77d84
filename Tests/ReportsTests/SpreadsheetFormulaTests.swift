import CareModel
import Foundation
import Interchange
import Matching
import Reports
import Testing

/// Identifiers and names that a spreadsheet would run as formulas ("CSV injection") are refused
/// where they come in, so no CSV Hearth writes holds one.
@Suite struct SpreadsheetFormulaTests {
    /// What a spreadsheet (Excel, LibreOffice) reads as a formula, stated here without the
    /// product's rule: a cell beginning with `=`, `+`, `-` or `@` (after tabs and returns) that
    /// is more than the sign alone and is not a number.
    static func spreadsheetRuns(_ cell: String) -> Bool {
        let start = cell.drop { $0 == "\t" || $0 == "\r" || $0 == "\r\n" }
        guard let first = start.first, "=+-@".contains(first) else { return false }
        if first == "=" || first == "@" { return true }
        return start.count > 1 && Double(start) == nil
    }

    @Test(arguments: [
        ("=1+1", "="), ("@SUM(A1:A2)", "@"), ("+cmd|' /C calc'!A0", "+"), ("-2+3", "-"), ("\t=HYPERLINK(\"x\")", "="),
        ("-2.5", "-"), ("+7", "+"), ("-", "-"), ("R0001", nil), ("Forest of Dean", nil), ("St. Albans", nil),
        ("a=b", nil), ("", nil),
    ] as [(String, Character?)])
    func theRuleReadsTheFirstCharacter(text: String, trigger: Character?) {
        #expect(SpreadsheetFormula.trigger(in: text) == trigger)
        // Refused whenever a spreadsheet would run it.
        if Self.spreadsheetRuns(text) { #expect(trigger != nil) }
    }

    static let childrenHeader = "child_id,group_id,age,sex,home_lat,home_lon,district,placement,ethnicity,language\n"
    static let householdsHeader = "household_id,provider,lat,lon,district,places,occupied,min_age,max_age,approvals,status,ethnicity,language\n"

    static func childRow(_ id: String, group: String = "", district: String = "Stroud", ethnicity: String = "WBRI", language: String = "English") -> String {
        [id, group, "8", "F", "51.75", "-2.20", district, "short_term", ethnicity, language].map(CSV.escape).joined(separator: ",") + "\n"
    }

    static func householdRow(_ id: String, district: String = "Stroud", ethnicity: String = "WBRI", language: String = "English") -> String {
        [id, "in_house", "51.76", "-2.21", district, "2", "0", "0", "17", "short_term", "available", ethnicity, language]
            .map(CSV.escape).joined(separator: ",") + "\n"
    }

    /// Each column written back into the outputs refuses formula text at its own line and field.
    @Test(arguments: [
        ("children", "child_id"), ("children", "group_id"), ("children", "district"), ("children", "ethnicity"), ("children", "language"),
        ("households", "household_id"), ("households", "district"), ("households", "ethnicity"), ("households", "language"),
    ])
    func columnsWrittenBackRefuseFormulas(kind: String, column: String) {
        let children = kind == "children"
        let (header, file) = children ? (Self.childrenHeader, "c.csv") : (Self.householdsHeader, "h.csv")
        let bad = children ? "=HYPERLINK(\"http://example.invalid\",\"x\")" : "@SUM(1+1)"
        // The second row as written (no field of it is quoted), with the column's value replaced.
        var fields = (children ? Self.childRow("C2") : Self.householdRow("H2")).dropLast().split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        fields[header.dropLast().split(separator: ",").map(String.init).firstIndex(of: column)!] = bad
        let text = header + (children ? Self.childRow("C1") : Self.householdRow("H1")) + fields.map(CSV.escape).joined(separator: ",") + "\n"
        var problems: [InputProblem] = []
        do {
            if children { _ = try ChildrenFile.parse(Array(text.utf8), file: file) } else { _ = try HouseholdsFile.parse(Array(text.utf8), file: file) }
        } catch {
            problems = error.problems
        }
        #expect(problems.map(\.line) == [3] && problems.map(\.field) == [column], "\(problems)")
        #expect(problems.map(\.message) == ["\(column) \"\(bad)\" begins with \"\(bad.first!)\": expected \(SpreadsheetFormula.expectation)"])
    }

    /// Over many random files whose identifiers and names begin with anything, every file is
    /// either refused or gives a match.csv in which no cell is one a spreadsheet would run.
    @Test func noAcceptedFileGivesAFormulaInMatchCSV() throws {
        var random = SplitMix64(seed: 1903)
        // Mostly safe texts, a few beginning like a formula, some whole signed numbers.
        let formulaStarts = ["=", "+", "-", "@", "\t=", "-1", "+2.5"], safeStarts = ["", "1", "A", "(", " "]
        var serial = 0
        func cell(_ base: String) -> String {
            serial += 1
            switch random.next() % 100 {
            case 0 ..< 1: return formulaStarts[Int(random.next() % UInt64(formulaStarts.count))] + base
            case 1 ..< 3: return (random.next() % 2 == 0 ? "-" : "+") + String(serial)
            default: return safeStarts[Int(random.next() % UInt64(safeStarts.count))] + base
            }
        }
        var accepted = 0, refused = 0
        for instance in 0 ..< 300 {
            var children = Self.childrenHeader, households = Self.householdsHeader
            for i in 0 ..< 3 {
                let group = i < 2 && instance % 2 == 0 ? cell("G") : ""
                children += Self.childRow(cell("C\(i)"), group: group, district: cell("D"), ethnicity: cell("E"), language: cell("L"))
                households += Self.householdRow(cell("H\(i)"), district: cell("D"), ethnicity: cell("E"), language: cell("L"))
            }
            let read: (children: [Child], households: [Household])
            do {
                read = (try ChildrenFile.parse(Array(children.utf8), file: "c.csv"), try HouseholdsFile.parse(Array(households.utf8), file: "h.csv"))
            } catch {
                #expect(error.problems.allSatisfy { $0.line != nil && !($0.field ?? "").isEmpty }, "\(error.problems)")
                refused += 1
                continue
            }
            accepted += 1
            let groups = SiblingGroup.groups(of: read.children)
            let shortlists = Matcher.shortlists(groups: groups, households: read.households, policy: .default, top: 3)
            let plan = Matcher.plan(groups: groups, households: read.households, policy: .default)
            let csv = MatchResultWriters.csv(plan: plan, shortlists: shortlists)
            let (records, problems) = CSV.parse(Array(csv.utf8), file: "match.csv")
            #expect(problems.isEmpty)
            let formulas = records.flatMap(\.fields).filter(Self.spreadsheetRuns)
            #expect(formulas.isEmpty, "instance \(instance): \(formulas)")
            #expect(records.count > 1, "instance \(instance): no rows")
        }
        #expect(accepted >= 50 && refused >= 50, "accepted \(accepted), refused \(refused)")
    }
}
