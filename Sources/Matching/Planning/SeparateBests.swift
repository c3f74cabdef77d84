import CareModel

/// The joint plan read off each unit's own best household, when that is certain to be
/// `Matcher.plan`'s answer: a shortcut that settles a plan without building or solving the
/// packing.
///
/// ## Why this is `Matcher.plan`'s answer
/// Suppose no household could take two of the units together (for every household, at most one
/// unit is feasible there, or no two feasible units fit its free places), every unit has one
/// best household by the reference evaluator's score in hundredths of a point (no other at the
/// same rounded score), and the bests are all different. Then every configuration the plan
/// considers that holds two whole units is impossible, so placing each unit at its best places
/// every child, splits nobody and gives each child the highest score it can have: it is the
/// plan's lexicographic optimum on every level (`JointPlanner`), and the only one (any other
/// plan moves a unit to a lower score, leaves a child out or places a part of a split group,
/// which only ranks below a plan that places every child unsplit). The plan names groups and
/// households by identifier, so both must be distinct.
///
/// Feasibility and the screen for the best come from the scoring kernel (`ScoringKernel`, the
/// same feasibility as `Matcher.evaluate` and scores within its rounding); the households within
/// 0.1 points of a unit's kernel best, more than that rounding can move, are scored by the
/// reference evaluator, which decides.
/// - Complexity: O(units x households + units^2 + reference evaluations near the bests).
package enum SeparateBests {
    /// For each group in order, the index in `households` of its best household, when those bests
    /// are `Matcher.plan(groups:households:policy:)`'s plan (each group placed whole there); nil
    /// when that is not certain.
    package static func plan(groups: [SiblingGroup], households: [Household], policy: MatchPolicy) -> [Int]? {
        let n = groups.count, m = households.count
        guard n > 0, m > 0 else { return nil }
        guard Set(groups.map(\.id)).count == n, Set(households.map(\.id)).count == m else { return nil }
        var codes = CodeBook()
        let columns = HouseholdColumns(households, codes: &codes)
        let constants = KernelConstants(policy: policy)
        var screen = [Double](repeating: ScoringKernel.infeasible, count: m)
        // Per household: the children of the feasible units seen so far, and the smallest unit.
        var feasibleSize = [Int](repeating: 0, count: m)
        var smallestFeasible = [Int](repeating: Int.max, count: m)
        var picks = [Int](repeating: -1, count: n)
        for (k, group) in groups.enumerated() {
            let row = UnitRow(group, policy: policy, codes: &codes)
            screen.withUnsafeMutableBufferPointer { out in
                columns.withView { view in
                    ScoringKernel.scoreRow(row, view, range: 0..<m, constants: constants, into: out.baseAddress!)
                }
            }
            let size = group.size
            var top = -Double.infinity
            for i in 0..<m where screen[i] >= 0 {
                top = max(top, screen[i])
                // Could this unit share household i with a unit seen before?
                if feasibleSize[i] > 0, households[i].freePlaces >= size + smallestFeasible[i] { return nil }
                feasibleSize[i] += size
                smallestFeasible[i] = min(smallestFeasible[i], size)
            }
            guard top >= 0 else { return nil }
            var bestIndex = -1, bestCents = Int.min, tie = false
            for i in 0..<m where screen[i] >= top - 0.1 {
                let e = Matcher.evaluate(group, households[i], policy: policy, explained: false)
                guard e.feasible else { continue }
                let cents = Int((e.score * 100).rounded())
                if cents > bestCents { bestIndex = i; bestCents = cents; tie = false } else if cents == bestCents { tie = true }
            }
            guard bestIndex >= 0, !tie else { return nil }
            picks[k] = bestIndex
        }
        guard Set(picks).count == n else { return nil }
        return picks
    }
}
