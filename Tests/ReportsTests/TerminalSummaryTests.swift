import Foundation
import Reports
import Simulation
import Testing

/// The terminal summary as an analyst reads it: fits the screen, the headlines agree with the
/// table, money says what it is in.
@Suite struct TerminalSummaryTests {
    static let tenYears: SimulationResults = {
        let scenario = Scenario()
        return MonteCarlo.run(scenario: scenario, start: scenario.startingPopulation(), runs: 4, years: 10, seed: 5)
    }()

    @Test func everyLineFitsTheWidth() {
        let text = TerminalSummary.render(Self.tenYears, reportPath: "out/report.html")
        for line in text.split(separator: "\n") {
            #expect(line.count <= TerminalSummary.width, "\(line.count) characters: \(line)")
        }
        // Every year still appears once as a column heading.
        for year in 1...10 { #expect(text.contains("year \(year) ") || text.contains("year \(year)\n")) }
    }

    /// The headline's band for agency placements in the last year is the table's cell for it.
    @Test func headlineBandsAgreeWithTheTable() throws {
        let text = TerminalSummary.render(Self.tenYears, reportPath: nil)
        let row = try #require(text.split(separator: "\n").last { $0.hasPrefix("IFA foster") })
        let lastCell = try #require(row.split(separator: "  ").last).trimmingCharacters(in: .whitespaces)
        #expect(text.contains("\(lastCell) in year 10"), "headline should quote \(lastCell)")
    }

    @Test func moneySaysItsBasisAndTheStartHasNoPlacementHistory() throws {
        let text = TerminalSummary.render(Self.tenYears, reportPath: nil)
        #expect(text.contains("cash terms, 3% inflation a year"))
        let row = try #require(text.split(separator: "\n").first { $0.hasPrefix("3+ placements") })
        let firstCell = row.dropFirst("3+ placements in 12 months %".count).split(separator: " ").first
        #expect(firstCell == "-")
    }
}
