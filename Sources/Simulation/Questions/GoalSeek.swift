import Foundation

/// The answer of a goal search (`GoalSeek.search`).
public struct GoalSeekResult: Sendable {
    public var lever: Lever
    public var goal: KPIGoal
    public var range: ClosedRange<Double>
    /// True: the smallest lever value that meets the goal; false: the largest.
    public var smallest: Bool
    public var runs: Int
    /// The answer, or nil when no value in the range meets the goal in enough runs.
    public var answer: Double?
    /// 90% interval of the answer over Monte Carlo error (order statistics of the runs'
    /// own thresholds); an end is nil when it lies beyond the range.
    public var interval: (low: Double?, high: Double?)
    /// Each run's own threshold (nil: the run never meets the goal in the range), by run.
    public var thresholds: [Double?]
    /// Share of runs meeting the goal at the range's ends and at the answer (all runs simulated).
    public var metAtNear: Double
    public var metAtFar: Double
    public var metAtAnswer: Double?
    /// Replications simulated in all.
    public var replications: Int
    /// Why there is no answer (nil when there is one).
    public var refusal: String?
}

/// Finds the smallest (or largest) value of a lever that meets a goal on a measure, on common
/// random numbers.
///
/// ## Design note
/// Run `r` of every lever value uses the same random keys, so in each run the measure moves
/// with the lever only through the lever (for levers the model makes pathwise monotone, such as
/// approvals for agency placements, exactly or nearly). Each run then has its own threshold:
/// the least value at which it meets the goal (for `smallest`). Every run is bisected on its
/// own between the range's ends to the lever's resolution (`MonteCarlo.replicate(jobs:)` runs
/// each at its own value), and the answer is the threshold that the goal's share of runs
/// reach: the `ceil(confidence x runs)`-th smallest. Its Monte Carlo uncertainty is the
/// distribution-free interval of that quantile from order statistics (ranks
/// `c -/+ 1.645 sqrt(n q (1 - q))`, normal approximation to the binomial; e.g. Conover,
/// "Practical nonparametric statistics", 3rd ed., section 3.2). Where runs are not monotone the
/// answer is then simulated in every run and moved on by the resolution until the share meets
/// the goal, so the answer returned always meets it on these runs.
/// - Complexity: runs x (2 + log2(range / resolution)) replications, plus a check at the answer.
public enum GoalSeek {
    public static func search(
        scenario: Scenario, start: StartingPopulation, lever: Lever, range: ClosedRange<Double>, goal: KPIGoal,
        smallest: Bool, runs: Int, seed: UInt64, threads: Int? = nil
    ) -> GoalSeekResult {
        let years = max(1, (goal.month + 11) / 12)
        var replications = 0
        func met(_ values: [Double], _ runsToRun: [Int]) -> [Bool] {
            let jobs = zip(runsToRun, values).map { MonteCarlo.Job(run: $0, scenario: lever.applied($1, to: scenario)) }
            replications += jobs.count
            return MonteCarlo.replicate(jobs: jobs, start: start, years: years, seed: seed, threads: threads)
                .map { goal.isMet(by: $0.monthly) }
        }
        let all = Array(0..<runs)
        let near = smallest ? range.lowerBound : range.upperBound
        let far = smallest ? range.upperBound : range.lowerBound
        let atNear = met(Array(repeating: near, count: runs), all)
        let atFar = met(Array(repeating: far, count: runs), all)
        var thresholds: [Double?] = (0..<runs).map { atNear[$0] ? near : (atFar[$0] ? far : nil) }
        // Bisection, each run between its own failing (`fails`) and meeting (`meets`) values.
        var fails = [Double](repeating: near, count: runs)
        var meets = [Double](repeating: far, count: runs)
        var open = all.filter { !atNear[$0] && atFar[$0] }
        let step = lever.resolution
        while !open.isEmpty {
            let mids = open.map { r -> Double in
                let mid = (fails[r] + meets[r]) / 2
                return lever.isWhole ? (smallest ? mid.rounded(.down) : mid.rounded(.up)) : mid
            }
            let outcome = met(mids, open)
            for (i, r) in open.enumerated() {
                if outcome[i] { meets[r] = mids[i] } else { fails[r] = mids[i] }
            }
            open = open.filter { abs(meets[$0] - fails[$0]) > step + 1e-12 }
            for r in all where !atNear[r] && atFar[r] { thresholds[r] = meets[r] }
        }
        let needed = max(1, min(runs, Int((goal.confidence * Double(runs) - 1e-9).rounded(.up))))
        // Thresholds in the order of preference (nil = never, last).
        func better(_ a: Double?, _ b: Double?) -> Bool {
            switch (a, b) {
            case (nil, _): return false
            case (_, nil): return true
            case let (x?, y?): return smallest ? x < y : x > y
            }
        }
        let ordered = thresholds.sorted(by: better)
        var result = GoalSeekResult(
            lever: lever, goal: goal, range: range, smallest: smallest, runs: runs, answer: nil, interval: (nil, nil),
            thresholds: thresholds, metAtNear: share(atNear), metAtFar: share(atFar), metAtAnswer: nil, replications: 0,
            refusal: nil)
        guard var answer = ordered[needed - 1] else {
            result.replications = replications
            result.refusal = String(
                format: "the goal (%@) is not met even with %@ %@: only %.0f%% of runs meet it there",
                goal.text, KPIGoal.number(far), lever.summary, 100 * share(atFar))
            return result
        }
        let spread = 1.645 * (Double(runs) * goal.confidence * (1 - goal.confidence)).squareRoot()
        let low = max(1, Int((Double(needed) - spread).rounded(.down)))
        let high = min(runs, Int((Double(needed) + spread).rounded(.up)))
        result.interval = (ordered[low - 1], ordered[high - 1])
        // Check the answer in every run; move on where runs are not monotone.
        var share = self.share(met(Array(repeating: answer, count: runs), all))
        var guardSteps = 0
        while share < goal.confidence - 1e-12, answer != far, guardSteps < 40 {
            answer = smallest ? min(far, answer + step) : max(far, answer - step)
            share = self.share(met(Array(repeating: answer, count: runs), all))
            guardSteps += 1
        }
        result.answer = answer
        result.metAtAnswer = share
        result.replications = replications
        if share < goal.confidence - 1e-12 {
            result.refusal = String(format: "no value found meets the goal in %.0f%% of runs (best %.0f%%)", 100 * goal.confidence, 100 * share)
            result.answer = nil
        }
        return result
    }

    static func share(_ flags: [Bool]) -> Double {
        flags.isEmpty ? 0 : Double(flags.filter { $0 }.count) / Double(flags.count)
    }
}
