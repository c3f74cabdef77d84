import Foundation
import HearthCLI
import Interchange
import Testing

/// `hearth sensitivity` from the command line: what it writes and refuses.
@Suite struct SensitivityCommandTests {
    /// The sensitivity report: one tornado chart per measure, self-contained, and a CSV with one
    /// ranked row per measure and assumption.
    @Test func sensitivityWritesAReportAndARankedCSV() throws {
        let dir = temporaryDirectory("sensitivity")
        let run = TargetCommandTests.hearth([
            "sensitivity", "--assumptions", "entries.per_year_by_age_band,carers.resignations_per_household_per_year",
            "--measures", "children_in_care,cost_pounds", "--runs", "10", "--years", "1", "--threads", "2", "--out", dir,
        ])
        #expect(run.code == 0, "\(run.stderr)")
        let htmlData = try #require(FileManager.default.contents(atPath: dir + "/sensitivity.html"))
        let html = String(decoding: htmlData, as: UTF8.self)
        #expect(html.components(separatedBy: "<svg class=\"tornado\"").count - 1 == 2)
        #expect(!html.contains("<script") && !html.contains("http://") && !html.contains("https://"))
        let csv = try #require(FileManager.default.contents(atPath: dir + "/sensitivity.csv"))
        let parsed = CSV.parse(Array(csv), file: "sensitivity.csv")
        #expect(parsed.problems.isEmpty)
        let rows = parsed.records.dropFirst().map(\.fields)
        #expect(rows.count == 4)
        #expect(rows.map { $0[0] } == ["children_in_care", "children_in_care", "cost_pounds", "cost_pounds"])
        #expect(rows.map { $0[1] } == ["1", "2", "1", "2"])
        // Entries move children in care more than carers' resignations do over one year.
        #expect(rows[0][2] == "entries.per_year_by_age_band")
        let bad = TargetCommandTests.hearth(["sensitivity", "--assumptions", "made.up", "--runs", "10"])
        #expect(bad.code == 2)
    }
}
