import CareModel
import Matching

/// Joint plans at family-finding meetings: the engine's plan (`Matcher.plan`) and the shortcuts
/// that give the same plan without solving it when the answer is certain.
extension Replication {
    /// The joint plan of the engine (`Matcher.plan`) for units `planned` (indices into `units`)
    /// over households `candidateSet`: (unit index, household, miles) in the plan's order.
    mutating func jointPlan(_ units: [[Int]], _ planned: [Int], _ candidateSet: [Int])
        -> [(unit: Int, household: Int, miles: Double)]
    {
        let views = candidateSet.map { refreshedHousehold($0) }
        let groupsForPlan = planned.map { siblingGroup(units[$0]) }
        let plan = InHouseMatching.plan(groups: groupsForPlan, households: views, useEngine: scenario.findingHomes.matchingEnabled)
        return plan.map { (planned[$0.group], candidateSet[$0.household], $0.miles) }
    }

    /// Each planned unit's best household among `candidateSet` when those bests settle the
    /// joint plan without solving it, else nil.
    ///
    /// ## Why this is `Matcher.plan`'s answer
    /// Suppose no household could take two of the units together (for every household, at
    /// most one unit is feasible there, or no two feasible units fit its free places), every
    /// unit has one best household by the reference evaluator's score (no other within 0.01
    /// points), and the bests are all different. Then every configuration the plan considers
    /// holds one unit, so placing each unit at its best places every child, splits nobody and
    /// gives each child the highest score it can have: it is the plan's objective optimum on
    /// every level, and the only one (any other plan moves a unit to a lower score, leaves a
    /// child out or splits a group). Placements only take places away and tighten the rules,
    /// so the households are checked as the plan sees them now (the kept kernel rows with the
    /// occupancy columns rewritten; the reference scores from the households as they are
    /// today). Candidates are screened by the kernel (unrounded scores) and those within 0.1
    /// points of the kernel's best, more than its rounding can move, scored by the reference
    /// evaluator. The test mode `checkPlanShortcut` compares every such plan with `Matcher.plan`.
    /// - Complexity: O(units x candidateSet + units^2 + reference evaluations near the bests).
    mutating func separateBests(_ units: [[Int]], _ planned: [Int], _ rows: [UnitRow], _ candidateSet: [Int]) -> [Int]? {
        let n = planned.count, m = candidateSet.count
        guard n > 0, rows.count == n, householdIDsUnique, distinctGroups(units, planned) else { return nil }
        // The plan sees the households as they are now (residents' ages today), which the
        // kept kernel rows may not (they are refreshed when occupancy changes).
        let columns = freshColumns(candidateSet)
        let everyRow = Array(0..<m)
        var feasibleSize = [Int](repeating: 0, count: m)
        var smallestFeasible = [Int](repeating: Int.max, count: m)
        var picks = [Int](repeating: -1, count: n)
        for k in 0..<n {
            InHouseMatching.scores(rows[k], columns, everyRow, into: &scoreBuffer)
            let size = units[planned[k]].count
            var top = -Double.infinity
            for i in 0..<m where scoreBuffer[i] >= 0 {
                top = max(top, scoreBuffer[i])
                // Could this unit share household i with a unit seen before?
                if feasibleSize[i] > 0, households[candidateSet[i]].free >= size + smallestFeasible[i] { return nil }
                feasibleSize[i] += size
                smallestFeasible[i] = min(smallestFeasible[i], size)
            }
            guard top >= 0 else { return nil }
            let group = siblingGroup(units[planned[k]])
            var bestIndex = -1, bestCents = Int.min, tie = false
            for i in 0..<m where scoreBuffer[i] >= top - 0.1 {
                let e = Matcher.evaluate(group, refreshedHousehold(candidateSet[i]), policy: InHouseMatching.policy)
                guard e.feasible else { continue }
                let cents = Int((e.score * 100).rounded())
                if cents > bestCents { bestIndex = i; bestCents = cents; tie = false } else if cents == bestCents { tie = true }
            }
            guard bestIndex >= 0, !tie else { return nil }
            picks[k] = bestIndex
        }
        guard Set(picks).count == n else { return nil }
        return picks.map { candidateSet[$0] }
    }

    /// Whether the planned units are different sibling groups (the plan names units by group).
    mutating func distinctGroups(_ units: [[Int]], _ planned: [Int]) -> Bool {
        Set(planned.map { children[units[$0][0]].group }).count == planned.count
    }

    /// The households of `candidateSet` as the joint plan sees them now: the kept kernel rows
    /// with occupancy, status and residents' ages rewritten.
    mutating func freshColumns(_ candidateSet: [Int]) -> HouseholdColumns {
        var columns = HouseholdColumns(rows: candidateSet, of: kernel.columns)
        for (i, h) in candidateSet.enumerated() {
            let now = occupancy(h)
            columns.setOccupancy(
                at: i, available: now.available, freePlaces: now.free, occupied: now.occupied, residentCount: now.residents,
                residentAgeSum: now.ageSum, youngestResident: now.youngest)
        }
        return columns
    }
}
