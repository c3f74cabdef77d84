import Interchange
@testable import Calibration
import CareModel
import Simulation
import Testing

@Suite struct CalibrationScenarioTests {
    @Test func oneYearReturnCalibratesWithoutTrendAndGivesAValidScenario() throws {
        let from = CalendarDay(year: 2023, month: 4, day: 1)!
        let to = CalendarDay(year: 2024, month: 3, day: 31)!
        var spec = SyntheticReturnSpec(from: from, to: to)
        spec.entriesPerYear = [20, 30, 30, 40, 20]
        let synthetic = SyntheticReturnGenerator.generate(spec, seed: 8)
        let observed = try #require(ObservedYears.of(synthetic.data))
        let (histories, _) = SSDA903Cleaning.histories(from: synthetic.data, observedFrom: observed.window.from)
        let window = observed.window
        #expect(window.from == from && window.to == to)
        let result = Calibration.calibrate(histories, window: window)
        #expect(result.entries.yearly.count == 1)
        #expect(result.entries.trendPerYear.value == 0)
        #expect(result.notes.contains { $0.contains("trend is fixed at 0") })
        // Children already in care when the year began still inform time in care (delayed entry).
        let entered = result.entries.yearly[0].total
        #expect(result.timeInCare.values.reduce(0) { $0 + $1.periods } > entered + 20)
        let scenario = Scenario(calibration: result, name: "one-year")
        #expect(scenario.validationProblems().isEmpty, "\(scenario.validationProblems())")
        #expect(scenario.startDate == "2024-04-01")
        #expect(scenario.start.profile.childrenInCare == result.census.total)
        // The census the scenario starts from is the return's own count on `to`.
        let brute = histories.reduce(0) { $0 + $1.periods.filter { $0.start <= to && ($0.end.map { to < $0 } ?? true) }.count }
        #expect(result.census.total == brute)
        #expect(result.census.byType.values.reduce(0, +) == brute && result.census.byBand.values.reduce(0, +) == brute)
    }

    @Test func scenarioCarriesTheCalibratedRates() {
        let from = CalendarDay(year: 2016, month: 4, day: 1)!
        let to = CalendarDay(year: 2024, month: 3, day: 31)!
        let synthetic = SyntheticReturnGenerator.generate(SyntheticReturnSpec(from: from, to: to), seed: 4)
        let (histories, _) = SSDA903Cleaning.histories(from: synthetic.data)
        let result = Calibration.calibrate(histories, window: .init(from: from, to: to))
        let scenario = Scenario(calibration: result, name: "x")
        for band in AgeBand.allCases {
            // The rate on `to`: the fitted year's count, half a year of trend later.
            let level = result.entries.perYearByBand[band.key]!.value * (1 + result.entries.trendPerYear.value).squareRoot()
            #expect(abs(scenario.entries.perYearByAgeBand[band] - level) < 1e-9 * max(1, level))
            #expect(scenario.exits.meanYearsByAgeBand[band] == result.timeInCare[band.key]!.meanYears.value)
            #expect(scenario.exits.shortStayShare[band] == 0)
        }
        // Every type moves at its observed rate (kinship too: moves now have destinations), and
        // the destinations of each type that moved are shares.
        for type in PlacementType.allCases {
            #expect(scenario.moves.breakdownsPerYear[type] == result.moves.ratePerYear[type.rawValue]!.value)
            if let moved = result.moves.counts[type.rawValue], moved.values.reduce(0, +) > 0 {
                #expect(abs(scenario.moves.destinations[type.index].reduce(0, +) - 1) < 1e-9)
            }
        }
        #expect(scenario.carers.recruitment.enquiriesPerMonth > 0)
        #expect(scenario.entries.annualTrend == result.entries.trendPerYear.value)
        #expect(scenario.entries.siblingGroupSizes == result.siblingGroups.groupSizeShares.map(\.value))
        let comments = Scenario.calibrationComments(result)
        for section in ["start", "entries", "exits", "moves", "finding_homes"] { #expect(comments[section] != nil) }
    }
}
