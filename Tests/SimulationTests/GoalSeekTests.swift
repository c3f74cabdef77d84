import CareModel
import Testing
@testable import Simulation

/// `GoalSeek` against brute force: its answer meets the goal when simulated on its own, the next
/// value towards the range's start does not, and a goal out of reach is refused.
@Suite struct GoalSeekTests {
    static let runs = 8

    /// The share of runs of `scenario` meeting `goal`, simulated directly.
    static func share(_ scenario: Scenario, _ goal: KPIGoal) -> Double {
        let results = MonteCarlo.run(scenario: scenario, start: SimTest.countyStart, runs: runs, years: (goal.month + 11) / 12, seed: 11, threads: 2)
        return Double(results.runValues.filter { goal.isMet(by: $0) }.count) / Double(runs)
    }

    @Test func smallestAgencyCapacityMeetsTheGoalAndOneLessDoesNot() throws {
        var scenario = Scenario()
        scenario.years = 1
        let goal = KPIGoal(kpi: .ifaFoster, bound: 140, atMost: false, month: 12, confidence: 0.75)
        let result = GoalSeek.search(
            scenario: scenario, start: SimTest.countyStart, lever: .ifaCapacity, range: 100...300, goal: goal, smallest: true,
            runs: Self.runs, seed: 11, threads: 2)
        let answer = try #require(result.answer, "\(result.refusal ?? "")")
        #expect(answer > 100 && answer < 300)
        #expect(answer == answer.rounded())
        #expect(Self.share(Lever.ifaCapacity.applied(answer, to: scenario), goal) >= goal.confidence)
        #expect(Self.share(Lever.ifaCapacity.applied(answer - 1, to: scenario), goal) < goal.confidence)
        #expect(result.metAtAnswer ?? 0 >= goal.confidence)
        // The interval holds the answer, and the runs' thresholds were found within the range.
        if let low = result.interval.low, let high = result.interval.high { #expect(low <= answer && answer <= high) }
        #expect(result.thresholds.count == Self.runs)
        #expect(result.replications >= 3 * Self.runs)
    }

    /// The largest resignation rate that keeps households: the answer meets the goal, a
    /// step more does not.
    @Test func largestResignationRateKeepsHouseholdsAndOneStepMoreDoesNot() throws {
        var scenario = Scenario()
        scenario.years = 1
        let goal = KPIGoal(kpi: .households, bound: 215, atMost: false, month: 12, confidence: 0.75)
        let result = GoalSeek.search(
            scenario: scenario, start: SimTest.countyStart, lever: .resignationRate, range: 0...0.6, goal: goal, smallest: false,
            runs: Self.runs, seed: 11, threads: 2)
        let answer = try #require(result.answer, "\(result.refusal ?? "")")
        #expect(answer > 0 && answer < 0.6)
        #expect(Self.share(Lever.resignationRate.applied(answer, to: scenario), goal) >= goal.confidence)
        #expect(Self.share(Lever.resignationRate.applied(answer + Lever.resignationRate.resolution, to: scenario), goal) < goal.confidence)
    }

    @Test func aGoalOutOfReachIsRefused() {
        var scenario = Scenario()
        scenario.years = 1
        let goal = KPIGoal(kpi: .ifaFoster, bound: 0, atMost: true, month: 6, confidence: 0.8)
        let result = GoalSeek.search(
            scenario: scenario, start: SimTest.countyStart, lever: .approvals, range: 0...20, goal: goal, smallest: true,
            runs: Self.runs, seed: 11, threads: 2)
        #expect(result.answer == nil)
        #expect(result.refusal?.contains("not met") == true)
        #expect(result.metAtFar == 0)
    }

    /// Each lever writes the value it reads back (whole levers rounded).
    @Test func leversReadBackWhatTheyWrite() {
        let scenario = Scenario()
        for lever in Lever.allCases {
            let range = lever.defaultRange(for: scenario)
            for value in [range.lowerBound, (range.lowerBound + range.upperBound) / 2 + 0.3, range.upperBound] {
                let applied = lever.applied(value, to: scenario)
                let expected = lever == .newBeds ? max(0, value).rounded() : (lever.isWhole ? value.rounded() : value)
                let read = lever == .newBeds ? Double(applied.residential.ownBeds - scenario.residential.ownBeds) : lever.value(in: applied)
                #expect(abs(read - expected) < 1e-9 * max(1, abs(expected)), "\(lever.rawValue) \(value) -> \(read)")
            }
        }
    }

    @Test func goalMonthsCountMonthEnds() {
        #expect(KPIGoal.month(by: "2028-03-31", from: "2024-04-01") == 48)
        #expect(KPIGoal.month(by: "2024-04-30", from: "2024-04-01") == 1)
        #expect(KPIGoal.month(by: "2024-05-15", from: "2024-04-01") == 1)
        #expect(KPIGoal.month(by: "2024-12-31", from: "2024-04-01") == 9)
        #expect(KPIGoal.month(by: "2024-04-15", from: "2024-04-01") == nil)
        #expect(KPIGoal.month(by: "2025-02-29", from: "2024-04-01") == nil)
        #expect(KPIGoal.month(by: "2028-02-29", from: "2024-04-01") == 47)
        #expect(KPIGoal.month(by: "31/03/2028", from: "2024-04-01") == nil)
    }
}
