import CareModel

/// The outcome of one hard rule for one pair, with the values behind it.
public struct RuleCheck: Sendable, Equatable {
    public var rule: HardRule
    public var passed: Bool
    /// The values, e.g. "age 14 outside approved 0-10".
    public var detail: String
}

/// One line of a score breakdown: a criterion's weight, the points it gave and why.
public struct ScoreComponent: Sendable, Equatable {
    /// The criterion's snake_case key (or `split_penalty`).
    public var criterion: String
    /// The criterion's weight (its maximum points); 0 for the split penalty.
    public var weight: Double
    /// Points given (weight x fit, rounded to 0.01; negative for the split penalty).
    public var points: Double
    /// Why, in words a social worker would use.
    public var reason: String
}

/// Everything known about one placement unit (child or sibling group) with one household.
///
/// `score` is exactly the sum of `breakdown`'s points (added in order), so the numbers a user
/// sees always add up. The score is computed even when the pair is infeasible, for near misses.
public struct MatchEvaluation: Sendable {
    /// Whether every hard rule passed.
    public var feasible: Bool
    /// The rules that failed, in `HardRule.allCases` order.
    public var failedRules: [HardRule]
    /// Every rule, passed or failed, with its values.
    public var checks: [RuleCheck]
    /// Points out of 100.
    public var score: Double
    /// One entry per criterion (plus `split_penalty` for a split part), adding up to `score`.
    public var breakdown: [ScoreComponent]
    /// Straight-line miles from the (first) child's home to the household.
    public var distanceMiles: Double

    /// The breakdown as (criterion, points) pairs.
    public var points: [(criterion: String, points: Double)] { breakdown.map { ($0.criterion, $0.points) } }

    /// The key reasons for a short table: the strongest positives and the failed rules.
    public var reasons: [String] {
        if !feasible { return checks.filter { !$0.passed }.map(\.detail) }
        return breakdown.filter { $0.weight > 0 && $0.points >= 0.75 * $0.weight }
            .sorted { $0.points > $1.points }.prefix(3).map(\.reason)
    }

    /// The detail of every failed rule.
    public var failureDetails: [String] { checks.filter { !$0.passed }.map(\.detail) }
}
