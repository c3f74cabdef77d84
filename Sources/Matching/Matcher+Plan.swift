import CareModel

extension Matcher {
    /// The best joint plan for all the children together, with its proof (`MatchPlan.bound`).
    ///
    /// Most children placed, then fewest parts of split sibling groups, then the highest total
    /// score counted per child; every configuration of units a household could take is listed
    /// and the best packing found by an exact solver (`JointPlanner`, `PackingSolver`). With
    /// `timeLimit` (seconds) the search may stop early: the plan is the best found and the
    /// bound says how far from the best it can be. The search also stops after `nodeLimit`
    /// branch-and-bound nodes per connected component (deterministic: the same input gives the
    /// same plan and bound).
    /// - Complexity: pairs scored + configurations listed + the packing search (exponential
    ///   in the worst case, hence the limits).
    public static func plan(
        groups: [SiblingGroup], households: [Household], policy: MatchPolicy, timeLimit: Double? = nil,
        nodeLimit: Int = defaultNodeLimit
    ) -> MatchPlan {
        plan(groups: groups, households: households, policy: policy, timeLimit: timeLimit, nodeLimit: nodeLimit, limits: .standard)
    }

    /// `plan(...)` with other `limits` on the configurations listed (tests: to cut small inputs).
    package static func plan(
        groups: [SiblingGroup], households: [Household], policy: MatchPolicy, timeLimit: Double? = nil,
        nodeLimit: Int = defaultNodeLimit, limits: PlanLimits
    ) -> MatchPlan {
        let baselines = [roundOptimalPlan(groups: groups, households: households, policy: policy),
                         greedyPlan(groups: groups, households: households, policy: policy)]
        return plan(groups: groups, households: households, policy: policy, timeLimit: timeLimit, nodeLimit: nodeLimit,
            baselines: baselines, limits: limits)
    }

    /// `plan(groups:households:policy:)` without the words: the same entries, scores and
    /// distances, with every evaluation's details and reasons left empty and no reasons for the
    /// children left unplaced, for callers that read only the placements (the simulator's
    /// family-finding meetings).
    /// The matching engine's view of the input is built once and shared by the two baselines
    /// and the planner (`PlanEngine` is a value: each works on its own copy).
    ///
    /// `knownCodes`, when given, is a code book that has already coded every household's text
    /// facts, with each household's codes from it (`HouseholdColumns.rowCodes`, in the order of
    /// `households`): the households' rows are then built without looking up any text. The
    /// kernel compares codes only for equality, so the plan is the same with any code book.
    ///
    /// With more than `tableStartUnits` groups (and candidates not limited) the search starts
    /// from `JointPlanner.greedyStart` instead of the two baselines: the same optimum, though
    /// among plans as good another may be chosen than `plan(groups:households:policy:)` chooses.
    package static func unexplainedPlan(
        groups: [SiblingGroup], households: [Household], policy: MatchPolicy,
        knownCodes: (book: CodeBook, rows: [HouseholdColumns.RowCodes])? = nil
    ) -> MatchPlan {
        let prepared = PlanEngine(groups: groups, households: households, policy: policy, knownCodes: knownCodes)
        if startsFromTable(groups: groups, prepared: prepared) {
            var planner = JointPlanner(groups: groups, households: households, policy: policy, prepared: prepared)
            planner.engine.explained = false
            return planner.plan(timeLimit: nil, nodeLimit: defaultNodeLimit, households: households, starts: [planner.greedyStart()])
        }
        let baselines = [roundOptimalPlan(groups: groups, households: households, policy: policy, explained: false, prepared: prepared),
                         greedyPlan(groups: groups, households: households, policy: policy, explained: false, prepared: prepared)]
        return plan(groups: groups, households: households, policy: policy, timeLimit: nil, nodeLimit: defaultNodeLimit,
            baselines: baselines, explained: false, prepared: prepared)
    }

    /// The placements of `unexplainedPlan` when no two groups, and no two households, share
    /// an identifier, without building the plan's entries, words or bounds: for each whole
    /// group placed, its index in `groups` and its household's index in `households`, in the
    /// plan's order (split parts are left out). The baselines only place, without evaluating
    /// or keeping entries, and the search starts from where they placed
    /// (`JointPlanner.baselineStarts(placements:unitsOf:)`: the same starts as their plans give
    /// by identifier), so the same packing is solved the same way (`JointPlanner.placements`).
    /// Nil when the instance is large enough for the candidates to be limited (then
    /// `unexplainedPlan` may return a baseline instead). With more than `tableStartUnits`
    /// groups the search starts from `JointPlanner.greedyStart`, as in `unexplainedPlan`.
    /// - Complexity: that of the plan.
    package static func unexplainedPlacements(
        groups: [SiblingGroup], households: [Household], policy: MatchPolicy,
        knownCodes: (book: CodeBook, rows: [HouseholdColumns.RowCodes])? = nil
    ) -> [(group: Int, household: Int)]? {
        let prepared = PlanEngine(groups: groups, households: households, policy: policy, knownCodes: knownCodes)
        guard !prepared.limitCandidates else { return nil }
        let planner = JointPlanner(groups: groups, households: households, policy: policy, prepared: prepared, countsEveryPair: false)
        let starts: [[Int]]
        if startsFromTable(groups: groups, prepared: prepared) {
            starts = [planner.greedyStart()]
        } else {
            var rounds = prepared, greedy = prepared
            rounds.recordsEntries = false
            greedy.recordsEntries = false
            _ = placeInRounds(&rounds)
            _ = placeGreedily(&greedy)
            starts = planner.baselineStarts(placements: [rounds.placedAt, greedy.placedAt], unitsOf: [rounds, greedy])
        }
        // Whole units are the groups in input order; grid positions map back through the grid.
        return planner.placements(timeLimit: nil, nodeLimit: defaultNodeLimit, starts: starts).compactMap { placed in
            placed.unit < groups.count ? (placed.unit, prepared.grid.order[placed.position]) : nil
        }
    }

    /// Groups above which the unexplained plans start their search from the configuration
    /// table (`JointPlanner.greedyStart`) rather than from the two baselines, which rescan the
    /// households; at or below it they make `plan(groups:households:policy:)`'s plan exactly.
    static let tableStartUnits = 12

    /// Whether an unexplained plan of `groups` starts from the table (`tableStartUnits`; the
    /// candidates not limited).
    static func startsFromTable(groups: [SiblingGroup], prepared: PlanEngine) -> Bool {
        groups.count > tableStartUnits && !prepared.limitCandidates
    }

    /// `plan(...)` given the two baselines (exact rounds, then greedy) already made for the same
    /// input: the search starts from the better of them, and at national size returns one of
    /// them when it beats the search.
    static func plan(
        groups: [SiblingGroup], households: [Household], policy: MatchPolicy, timeLimit: Double?, nodeLimit: Int,
        baselines: [MatchPlan], limits: PlanLimits = .standard, explained: Bool = true, prepared: PlanEngine? = nil
    ) -> MatchPlan {
        var planner = JointPlanner(groups: groups, households: households, policy: policy, limits: limits, prepared: prepared)
        planner.engine.explained = explained
        let joint = planner.plan(timeLimit: timeLimit, nodeLimit: nodeLimit, households: households, baselines: baselines)
        guard planner.engine.limitCandidates, let bound = joint.bound else { return joint }
        // At national size a baseline may use pairs outside the candidate limit: keep it when it
        // is better (more children, then a higher score counted per child), with the bound.
        var best = joint
        for baseline in baselines {
            let a = best.statistics, b = baseline.statistics
            let perChild = { (p: MatchPlan) in p.entries.reduce(0.0) { $0 + $1.placement.score * Double($1.group.size) } }
            if b.childrenPlaced > a.childrenPlaced || (b.childrenPlaced == a.childrenPlaced && perChild(baseline) > perChild(best) + 1e-9) {
                best = baseline
                best.bound = PlanBound(childrenPossible: max(bound.childrenPossible, b.childrenPlaced), childScore: perChild(baseline),
                    childScoreBound: max(bound.childScoreBound, perChild(baseline)), optimal: false, nodes: bound.nodes, listsCut: bound.listsCut)
            }
        }
        return best
    }

    /// Units whose candidate households are listed at once while a plan is built (large
    /// instances are scanned in blocks of this many, so memory holds one block's lists).
    static let candidateBlockSize = 65_536

    /// Branch-and-bound nodes per connected component after which `plan` stops searching.
    public static let defaultNodeLimit = 2_000

    /// The best plan together with the two baselines (the exact rounds and greedy), for
    /// reports comparing them; each baseline is made once and also starts the search.
    public static func plans(groups: [SiblingGroup], households: [Household], policy: MatchPolicy, timeLimit: Double? = nil)
        -> (best: MatchPlan, rounds: MatchPlan, greedy: MatchPlan)
    {
        plans(groups: groups, households: households, policy: policy, timeLimit: timeLimit, baselinesExplained: true)
    }

    /// `plans`; with `baselinesExplained: false` the baselines carry no words (no reasons or
    /// near misses for the children they leave out): for callers that read only their figures,
    /// which then hold a fraction of the memory on a long waiting list.
    package static func plans(groups: [SiblingGroup], households: [Household], policy: MatchPolicy, timeLimit: Double?,
                              baselinesExplained: Bool) -> (best: MatchPlan, rounds: MatchPlan, greedy: MatchPlan)
    {
        let prepared = PlanEngine(groups: groups, households: households, policy: policy)
        let rounds = roundOptimalPlan(groups: groups, households: households, policy: policy, explained: baselinesExplained, prepared: prepared)
        let greedy = greedyPlan(groups: groups, households: households, policy: policy, explained: baselinesExplained, prepared: prepared)
        let best = plan(groups: groups, households: households, policy: policy, timeLimit: timeLimit, nodeLimit: defaultNodeLimit,
            baselines: [rounds, greedy], prepared: prepared)
        return (best, rounds, greedy)
    }

    /// The round-by-round baseline: each round one exact assignment of the waiting units to
    /// households (each at most one new unit per round; cost `-(children x BIG + score)`, so
    /// the round places as many children as it can, then maximises its total score); homes
    /// with places left take more in later rounds; splittable groups are split in two by age
    /// once nothing more fits whole. Exact per round, not over rounds.
    public static func roundOptimalPlan(groups: [SiblingGroup], households: [Household], policy: MatchPolicy) -> MatchPlan {
        roundOptimalPlan(groups: groups, households: households, policy: policy, explained: true)
    }

    /// `roundOptimalPlan`; with `explained: false` the same entries and scores without the
    /// words (no rule details, reasons or near misses), for the joint planner's starts.
    /// `prepared`, when given, is `PlanEngine(groups:households:policy:)` already built for the
    /// same input (a copy is worked on), so callers making several plans build it once.
    static func roundOptimalPlan(groups: [SiblingGroup], households: [Household], policy: MatchPolicy, explained: Bool,
                                 prepared: PlanEngine? = nil) -> MatchPlan {
        var engine = prepared ?? PlanEngine(groups: groups, households: households, policy: policy)
        engine.explained = explained
        let (dead, rounds) = placeInRounds(&engine)
        return finish(engine, unplaced: dead, rounds: rounds, method: "optimal_rounds", households: households)
    }

    /// The round-by-round baseline's placements made on `engine` (`roundOptimalPlan`): the
    /// units left unplaced and the number of rounds.
    static func placeInRounds(_ engine: inout PlanEngine) -> (unplaced: [Int], rounds: Int) {
        var waiting = Array(engine.units.indices)
        var round = 0
        var dead: [Int] = []
        while true {
            if waiting.isEmpty {
                // Nothing more fits whole: split what may be split, and go on with the parts.
                let splitting = dead.filter { engine.units[$0].splittable }
                if splitting.isEmpty { break }
                dead.removeAll { engine.units[$0].splittable }
                for u in splitting { waiting += engine.split(u) }
            }
            round += 1
            // More than any difference in total score this round (at most 100 per unit).
            let big = 100.0 * Double(waiting.count + 1)
            var rowUnits: [Int] = []
            var stillWaiting: [Int] = []
            // The round's matrix, row by row; candidates are found a block of units at a time so
            // that only one block's lists are held beside it.
            var rowStart = [0]
            var columnIndex: [Int32] = []
            var cost: [Double] = []
            var blockStart = 0
            while blockStart < waiting.count {
                let block = Array(waiting[blockStart..<min(waiting.count, blockStart + candidateBlockSize)])
                blockStart += block.count
                let lists = engine.candidates(for: block)
                for (q, u) in block.enumerated() {
                    if engine.units[u].initialFeasible < 0 { engine.units[u].initialFeasible = lists[q].count }
                    if lists[q].isEmpty {
                        // Households only fill up, so a unit with no feasible household never gets one.
                        dead.append(u)
                        continue
                    }
                    stillWaiting.append(u)
                    let size = Double(engine.units[u].group.size)
                    for c in lists[q] {
                        columnIndex.append(c.h)
                        cost.append(-(size * big + c.score))
                    }
                    rowStart.append(cost.count)
                    rowUnits.append(u)
                }
            }
            guard !rowUnits.isEmpty else {
                round -= 1
                waiting = []
                continue
            }
            let matrix = SparseCostMatrix(rows: rowUnits.count, columns: engine.households.count, rowStart: rowStart,
                columnIndex: columnIndex, cost: cost)
            let result = SparseAssignment.solve(matrix)
            var placed = Set<Int>()
            for (r, h) in result.rowToColumn.enumerated() where h >= 0 {
                engine.place(rowUnits[r], at: h, round: round)
                placed.insert(rowUnits[r])
            }
            waiting = stillWaiting.filter { !placed.contains($0) }
        }
        return (dead, round)
    }

    /// The greedy baseline: the most urgent unit (emergency first, then longest wait, then
    /// input order) picks its best-scoring feasible household first, then the next, and so on;
    /// splittable groups left over are split in two and their parts pick likewise.
    /// - Complexity: units x households within the distance limit.
    public static func greedyPlan(groups: [SiblingGroup], households: [Household], policy: MatchPolicy) -> MatchPlan {
        greedyPlan(groups: groups, households: households, policy: policy, explained: true)
    }

    /// `greedyPlan`; with `explained: false` the same entries and scores without the words
    /// (`prepared` as for `roundOptimalPlan`).
    static func greedyPlan(groups: [SiblingGroup], households: [Household], policy: MatchPolicy, explained: Bool,
                           prepared: PlanEngine? = nil) -> MatchPlan {
        var engine = prepared ?? PlanEngine(groups: groups, households: households, policy: policy)
        engine.explained = explained
        let (unplaced, passes) = placeGreedily(&engine)
        return finish(engine, unplaced: unplaced, rounds: passes, method: "greedy", households: households)
    }

    /// The greedy baseline's placements made on `engine` (`greedyPlan`): the units left
    /// unplaced and the number of passes.
    static func placeGreedily(_ engine: inout PlanEngine) -> (unplaced: [Int], passes: Int) {
        // Each unit's urgency, read once per sort rather than per comparison.
        func ranked(_ units: [Int]) -> [Int] {
            let keys = engine.units.map { (emergency: $0.group.placement == .emergency, days: $0.group.daysWaiting, origin: $0.origin) }
            return units.sorted { a, b in
                if keys[a].emergency != keys[b].emergency { return keys[a].emergency }
                if keys[a].days != keys[b].days { return keys[a].days > keys[b].days }
                return (keys[a].origin, a) < (keys[b].origin, b)
            }
        }
        var queue = ranked(Array(engine.units.indices))
        var unplaced: [Int] = []
        var pass = 0
        while !queue.isEmpty {
            pass += 1
            var leftOver: [Int] = []
            for u in queue {
                let list = engine.candidates(for: [u])[0]
                if engine.units[u].initialFeasible < 0 { engine.units[u].initialFeasible = list.count }
                guard var best = list.first else {
                    leftOver.append(u)
                    continue
                }
                for c in list.dropFirst() where c.score > best.score || (c.score == best.score && c.h < best.h) { best = c }
                engine.place(u, at: Int(best.h), round: pass)
            }
            var next: [Int] = []
            for u in leftOver {
                if engine.units[u].splittable { next += engine.split(u) } else { unplaced.append(u) }
            }
            queue = ranked(next)
        }
        return (unplaced, pass)
    }

    static func finish(_ engine: PlanEngine, unplaced: [Int], rounds: Int, method: String, households: [Household]) -> MatchPlan {
        let showMisses = unplaced.count * households.count <= 50_000_000
        // Reasons without near misses depend only on the count of feasible households and the
        // group's size: one shared copy each, so a million unplaced children share a few strings.
        var sharedReasons: [Int: [String]] = [:]
        let units = engine.units  // sorted by its own reference: a closure reading `engine` copied the whole engine per comparison
        let left = unplaced.sorted { (units[$0].origin, $0) < (units[$1].origin, $1) }.map { u -> UnplacedUnit in
            let misses = engine.explained && showMisses && engine.units[u].initialFeasible <= 0 ? engine.nearMisses(u, top: 3) : []
            guard misses.isEmpty else {
                return UnplacedUnit(group: engine.units[u].group, reasons: engine.reasons(for: u, nearMisses: misses), nearMisses: misses)
            }
            guard engine.explained else { return UnplacedUnit(group: engine.units[u].group, reasons: [], nearMisses: []) }
            let feasible = max(0, engine.units[u].initialFeasible)
            let key = feasible > 0 ? feasible : -engine.units[u].group.size
            if sharedReasons[key] == nil { sharedReasons[key] = engine.reasons(for: u, nearMisses: []) }
            return UnplacedUnit(group: engine.units[u].group, reasons: sharedReasons[key]!, nearMisses: [])
        }
        // Within a round of the exact plan each household takes one unit, so order there is
        // free: input order reads best. Greedy placements stay in the order made (later ones
        // saw the earlier ones as residents).
        var entries = engine.entries
        if method != "greedy" {
            let order = Dictionary(engine.units.map { ($0.group.id, $0.origin) }, uniquingKeysWith: { a, _ in a })
            entries = entries.enumerated().sorted {
                ($0.element.round, order[$0.element.group.id] ?? 0, $0.offset) < ($1.element.round, order[$1.element.group.id] ?? 0, $1.offset)
            }.map(\.element)
        }
        return MatchPlan(entries: entries, unplaced: left, rounds: rounds, method: method)
    }
}
