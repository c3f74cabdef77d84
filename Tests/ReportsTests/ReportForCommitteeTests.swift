import Foundation
@testable import Reports
import Simulation
import Testing

/// report.html as a council committee reads it: tables that fit a page, words not codes, no
/// file paths or field names in the prose, and an assumptions table.
@Suite struct ReportForCommitteeTests {
    static let report: String = {
        var scenario = Scenario()
        scenario.description = "A county (start.preset county, see ../docs/x.md) with 842 children (in care now). More text."
        return HTMLReport.render(MonteCarlo.run(scenario: scenario, start: scenario.startingPopulation(), runs: 3, years: 10, seed: 2))
    }()

    /// Every KPI table has at most `yearsPerTable` year columns plus the measure, so it prints whole.
    @Test func kpiTablesAreSplitToFitAPage() {
        let tables = Self.report.components(separatedBy: "<table class=\"kpi\">").dropFirst()
        #expect(tables.count == 2, "11 columns (start and 10 years) make two tables")
        for table in tables {
            let header = table.components(separatedBy: "</thead>")[0]
            let columns = header.components(separatedBy: "<th scope=\"col\">").count - 1
            #expect(columns >= 2 && columns <= HTMLReport.yearsPerTable + 1)
        }
    }

    @Test func proseHasNoFieldNamesOrPathsAndPlacementsAreInWords() {
        let description = Self.report.components(separatedBy: "<p class=\"description\">")[1].components(separatedBy: "</p>")[0]
        #expect(description == "A county with 842 children (in care now).")
        let placements = Self.report.components(separatedBy: "New placements over")[1].components(separatedBy: "</table>")[0]
        #expect(placements.contains("Independent fostering agencies"))
        for code in ["in_house", ">ifa<", "kinship", "supported<"] { #expect(!placements.contains(code), "\(code) in the placements table") }
        #expect(Self.report.contains("P10 to P90"), "the bands are explained in words")
    }

    /// A scenario's first sentence does not stop at an abbreviation.
    @Test func firstSentenceSkipsAbbreviations() {
        #expect(HTMLReport.plainDescription("Fewer leave (about 15 a year instead of 30, e.g. by support). Then more.")
            == "Fewer leave (about 15 a year instead of 30, e.g. by support).")
        #expect(HTMLReport.plainDescription("One. Two.") == "One.")
    }

    @Test func assumptionsAreATable() {
        let section = Self.report.components(separatedBy: "<h2>Assumptions</h2>")
        #expect(section.count == 2)
        let rows = section[1].components(separatedBy: "<tr>").count - 2
        #expect(rows >= 8)
        #expect(section[1].contains("294 a year"), "entries a year from the scenario (50+40+40+76+88)")
        #expect(section[1].contains("cash terms, 3% inflation a year"))
    }
}
