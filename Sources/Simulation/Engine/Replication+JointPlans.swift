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
    /// Suppose every unit has one best feasible household (no other with an equal score), the
    /// bests are all different, and no unit could still move into another unit's best once
    /// that unit is there (it is infeasible for it already, or too few places would be left).
    /// The plan's first round places every unit, and among the assignments placing every
    /// child the total score is largest exactly when each unit has its own best, so the round
    /// gives each unit its best and nothing is left for later rounds. The greedy baseline
    /// agrees: whatever the order, a unit finds its best untouched and every household changed
    /// before its turn out of its reach, so it picks its best too; with the same placements
    /// the plan keeps the rounds, whose entries come in the units' order. Placements only take
    /// places away and tighten the rules, never make a household feasible. Scores are the
    /// kernel's, from the rows the plan builds for the same units and
    /// households: the kept kernel rows with the occupancy columns rewritten as the plan sees
    /// them today. The test mode `checkPlanShortcut` compares every such plan with `Matcher.plan`.
    /// - Complexity: O(units x candidateSet + units^2).
    mutating func separateBests(_ units: [[Int]], _ planned: [Int], _ rows: [UnitRow], _ candidateSet: [Int]) -> [Int]? {
        let n = planned.count, m = candidateSet.count
        guard n > 0, rows.count == n, householdIDsUnique, distinctGroups(units, planned) else { return nil }
        // The plan sees the households as they are now (residents' ages today), which the
        // kept kernel rows may not (they are refreshed when occupancy changes).
        let columns = freshColumns(candidateSet)
        let everyRow = Array(0..<m)
        var scores = [Double](repeating: 0, count: n * m)
        var picks = [Int](repeating: -1, count: n)
        for k in 0..<n {
            InHouseMatching.scores(rows[k], columns, everyRow, into: &scoreBuffer)
            var bestIndex = -1, tie = false
            for i in 0..<m {
                let score = scoreBuffer[i]
                scores[k * m + i] = score
                guard score >= 0 else { continue }
                if bestIndex < 0 || score > scoreBuffer[bestIndex] {
                    bestIndex = i
                    tie = false
                } else if score == scoreBuffer[bestIndex] {
                    tie = true
                }
            }
            guard bestIndex >= 0, !tie else { return nil }
            picks[k] = bestIndex
        }
        for k in 0..<n {
            for j in 0..<n where j != k {
                guard picks[j] != picks[k] else { return nil }
                // Could unit k still join unit j's best after unit j moved in?
                let h = candidateSet[picks[j]]
                if scores[k * m + picks[j]] >= 0, households[h].free >= units[planned[j]].count + units[planned[k]].count {
                    return nil
                }
            }
        }
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

    /// `Matcher.plan`'s answer for at most three units, worked out by following its two
    /// planners step by step on the kernel's scores, or nil when it cannot be certain here.
    ///
    /// ## What it follows, and when it gives up
    /// The round planner: each round, every waiting unit's feasible households under the
    /// households as filled so far; the assignment with the most units placed, then the least
    /// total cost `-(children x 100 (waiting + 1) + score)` (the sparse solver's objective),
    /// found by trying every assignment; placements update the columns as the plan's engine
    /// does (`HouseholdColumns.place`, `closePlaces` for a solo child). The greedy planner:
    /// units by urgency (emergency, longest wait, input order), each taking its best-scoring
    /// household. The plan keeps greedy only if it places more children, or as many with a
    /// higher total of the reference evaluator's scores (`Matcher.evaluate`, computed here for
    /// the pairs concerned). It gives up (nil, so the caller asks `Matcher.plan`) when two
    /// assignments or two households come within 1e-6 of each other, or the two totals within
    /// 1e-7 of the plan's margin (the solver or a tie-break could go either way), when the
    /// two planners place as many children and one fills a household twice (the reference
    /// scores would depend on the residents placed before), when a group could be split, or
    /// when there are more than 50,000 assignments to try. The test mode `checkPlanShortcut` compares every answer
    /// with `Matcher.plan`'s.
    /// - Complexity: O(rounds x units x candidateSet + assignments tried).
    mutating func smallPlan(_ units: [[Int]], _ planned: [Int], _ rows: [UnitRow], _ candidateSet: [Int])
        -> [(unit: Int, household: Int, miles: Double)]?
    {
        let n = planned.count, m = candidateSet.count
        guard n >= 1, n <= 3, rows.count == n, m > 0, householdIDsUnique, distinctGroups(units, planned) else { return nil }
        let groups = planned.map { siblingGroup(units[$0], identified: false) }
        guard !groups.contains(where: \.maySplit) else { return nil }
        let initial = freshColumns(candidateSet)
        let gap = InHouseMatching.policy.exploitationAgeGap
        func place(_ u: Int, _ i: Int, _ columns: inout HouseholdColumns) {
            columns.place(groups[u], at: i, exploitationAgeGap: gap)
            if groups[u].needs.contains(.solo) { columns.closePlaces(at: i) }
        }
        // Round by round.
        var columns = initial
        var waiting = Array(0..<n)
        var round = 0
        var rounds: [(unit: Int, index: Int, round: Int)] = []
        while !waiting.isEmpty {
            round += 1
            let big = 100.0 * Double(waiting.count + 1)
            var rowUnits: [Int] = []
            var lists: [[(index: Int, cost: Double)]] = []
            for u in waiting {
                let scores = InHouseMatching.scores(rows[u], columns)
                var list: [(index: Int, cost: Double)] = []
                for i in 0..<m where scores[i] >= 0 { list.append((i, -(Double(groups[u].size) * big + scores[i]))) }
                if list.isEmpty { continue }
                rowUnits.append(u)
                lists.append(list)
            }
            if rowUnits.isEmpty { break }
            guard let assignment = Self.bestAssignment(lists) else { return nil }
            var placedNow = Set<Int>()
            for (r, i) in assignment.enumerated() where i >= 0 {
                place(rowUnits[r], i, &columns)
                rounds.append((rowUnits[r], i, round))
                placedNow.insert(rowUnits[r])
            }
            waiting = rowUnits.filter { !placedNow.contains($0) }
        }
        // Greedy, most urgent first.
        let order = (0..<n).sorted { a, b in
            let ea = groups[a].placement == .emergency, eb = groups[b].placement == .emergency
            if ea != eb { return ea }
            if groups[a].daysWaiting != groups[b].daysWaiting { return groups[a].daysWaiting > groups[b].daysWaiting }
            return a < b
        }
        columns = initial
        var greedy: [(unit: Int, index: Int)] = []
        for u in order {
            let scores = InHouseMatching.scores(rows[u], columns)
            var best = -1
            for i in 0..<m where scores[i] >= 0 && (best < 0 || scores[i] > scores[best]) { best = i }
            guard best >= 0 else { continue }
            for i in 0..<m where i != best && scores[i] >= 0 && abs(scores[i] - scores[best]) < 1e-6 { return nil }
            place(u, best, &columns)
            greedy.append((u, best))
        }
        let placedByRounds = rounds.reduce(0) { $0 + groups[$1.unit].size }
        let placedByGreedy = greedy.reduce(0) { $0 + groups[$1.unit].size }
        let ordered = rounds.sorted { ($0.round, $0.unit) < ($1.round, $1.unit) }.map { (unit: $0.unit, index: $0.index) }
        var useGreedy = false
        if placedByGreedy != placedByRounds {
            useGreedy = placedByGreedy > placedByRounds
        } else {
            // As many children: the plan compares the totals of the reference evaluator's
            // scores. When no household takes two units in either plan, each placement is
            // scored against the household as it is now; otherwise ask the plan.
            guard Set(rounds.map(\.index)).count == rounds.count, Set(greedy.map(\.index)).count == greedy.count
            else { return nil }
            let a = Set(rounds.map { [$0.unit, $0.index] }), b = Set(greedy.map { [$0.unit, $0.index] })
            if a != b {
                var views: [Int: Household] = [:]
                func reference(_ u: Int, _ i: Int) -> Double {
                    if views[i] == nil { views[i] = refreshedHousehold(candidateSet[i]) }
                    return Matcher.evaluate(groups[u], views[i]!, policy: InHouseMatching.policy).score
                }
                // Summed in each plan's entry order, as `MatchPlan.totalScore` does.
                let totalRounds = ordered.reduce(0.0) { $0 + reference($1.unit, $1.index) }
                let totalGreedy = greedy.reduce(0.0) { $0 + reference($1.unit, $1.index) }
                guard abs(totalGreedy - (totalRounds + 1e-9)) > 1e-7 else { return nil }
                useGreedy = totalGreedy > totalRounds + 1e-9
            }
        }
        let entries: [(unit: Int, index: Int)] = useGreedy ? greedy : ordered
        return entries.map { u, i in
            let h = candidateSet[i]
            return (planned[u], h, children[units[planned[u]][0]].home.distanceMiles(to: households[h].location))
        }
    }

    /// The assignment of rows to columns (`lists[r]`: row r's allowed columns with costs; -1
    /// = unassigned) with the most rows assigned, then the least total cost, each column used
    /// once; nil when another assignment comes within 1e-6 of it or there are over 50,000 to try.
    static func bestAssignment(_ lists: [[(index: Int, cost: Double)]]) -> [Int]? {
        guard lists.reduce(1, { $0 * ($1.count + 1) }) <= 50_000 else { return nil }
        var best: (count: Int, cost: Double, pick: [Int])? = nil
        var runnerUp: (count: Int, cost: Double)? = nil
        var pick = [Int](repeating: -1, count: lists.count)
        func better(_ a: (Int, Double), than b: (Int, Double)) -> Bool { a.0 > b.0 || (a.0 == b.0 && a.1 < b.1) }
        func visit(_ r: Int, _ count: Int, _ cost: Double) {
            if r == lists.count {
                let value = (count, cost)
                if let b = best, !better(value, than: (b.count, b.cost)) {
                    if runnerUp == nil || better(value, than: runnerUp!) { runnerUp = value }
                } else {
                    if let b = best { runnerUp = (b.count, b.cost) }
                    best = (count, cost, pick)
                }
                return
            }
            pick[r] = -1
            visit(r + 1, count, cost)
            for (index, c) in lists[r] where !pick[..<r].contains(index) {
                pick[r] = index
                visit(r + 1, count + 1, cost + c)
            }
            pick[r] = -1
        }
        visit(0, 0, 0)
        guard let best else { return nil }
        if let second = runnerUp, second.count == best.count, abs(second.cost - best.cost) < 1e-6 { return nil }
        return best.pick
    }
}
