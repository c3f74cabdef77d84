import CareModel
import Matching

extension Replication {
    /// Keeps household `h` in (or out of) the index of households that can take a child, with
    /// its free places and fixed facts in `vacantFacts` for the candidate search.
    /// - Complexity: O(1).
    mutating func refreshVacancy(_ h: Int) {
        if h < kernel.stale.count { kernel.stale[h] = true }
        syncVacantFacts()
        let takes = households[h].takesChildren
        let slot = Int(vacantSlot[h])
        let d = Int(households[h].district)
        let usable = takes ? households[h].free : 0
        if usable > households[h].lastFree { vacancyEpoch &+= 1 }
        households[h].lastFree = usable
        if takes, slot < 0 {
            vacantSlot[h] = Int32(vacantByDistrict[d].count)
            vacantByDistrict[d].append(Int32(h))
            vacantFacts[d].append(VacantHousehold(h, households[h]))
        } else if !takes, slot >= 0 {
            let last = vacantByDistrict[d].removeLast()
            let lastFacts = vacantFacts[d].removeLast()
            if Int(last) != h {
                vacantByDistrict[d][slot] = last
                vacantFacts[d][slot] = lastFacts
                vacantSlot[Int(last)] = Int32(slot)
            }
            vacantSlot[h] = -1
        } else if takes {
            vacantFacts[d][slot].free = Int32(usable)
        }
    }

    /// Builds `vacantFacts` from `vacantByDistrict` if it does not have a list per district yet
    /// (before the first household is indexed).
    @inline(__always)
    mutating func syncVacantFacts() {
        if vacantFacts.count != vacantByDistrict.count {
            vacantFacts = vacantByDistrict.map { list in list.map { VacantHousehold(Int($0), households[Int($0)]) } }
        }
    }

    /// The number of households that can take a child now.
    var householdsWithVacancy: Int { mutating get { vacantByDistrict.reduce(0) { $0 + $1.count } } }

    /// In-house households that pass the cheap integer checks for `members` (free places, age
    /// range, approval), nearest districts first, at most about `limit`.
    /// - Complexity: O(districts + candidates examined).
    mutating func candidateHouseholds(for members: [Int], excluding: Int, limit: Int = 24) -> [Int] {
        guard let first = members.first else { return [] }
        var youngest = Int.max, oldest = Int.min
        for c in members {
            let age = Int(children[c].age(at: now))
            youngest = min(youngest, age)
            oldest = max(oldest, age)
        }
        let approval = children[first].request.requiredApproval.rawValue
        let size = Int32(members.count)
        syncVacantFacts()
        if checkInvariants {
            for list in vacantFacts {
                for v in list where v != VacantHousehold(Int(v.household), households[Int(v.household)]) && violations.isEmpty {
                    violations = ["candidate facts of household \(v.household) are out of date: \(v)"]
                }
            }
        }
        let capacity = vacantFacts.reduce(0) { $0 + $1.count }
        let home = Int(children[first].district)
        // Filled into the array the previous caller handed back (`candidateScratch`), so a
        // search allocates nothing; the facts are read from a compact list (the households'
        // own structs are large), through raw buffers.
        var found = candidateScratch
        candidateScratch = []
        found.removeAll(keepingCapacity: true)
        found.append(contentsOf: repeatElement(0, count: capacity))
        var count = 0
        found.withUnsafeMutableBufferPointer { out in
            start.districtOrder.withUnsafeBufferPointer { orders in
                vacantFacts.withUnsafeBufferPointer { lists in
                    orders[home].withUnsafeBufferPointer { order in
                        for d in order {
                            lists[Int(d)].withUnsafeBufferPointer { list in
                                for v in list {
                                    guard Int(v.household) != excluding, v.free >= size, Int(v.minAge) <= youngest,
                                        Int(v.maxAge) >= oldest, v.approvals & approval != 0
                                    else { continue }
                                    out[count] = Int(v.household)
                                    count += 1
                                }
                            }
                            if count >= limit / 2 { break }
                        }
                    }
                }
            }
        }
        found.removeLast(capacity - count)
        return found
    }

    /// The matching engine's view of household `h` now.
    mutating func refreshedHousehold(_ h: Int) -> Household {
        var view = households[h].household
        view.occupied = households[h].occupied
        view.status = households[h].onHold ? .onHold : .available
        view.residentAges = households[h].occupants.map { Int(children[Int($0)].age(at: now)) }
        households[h].household = view
        return view
    }

    /// The matching engine's view of the children `members` as one unit.
    ///
    /// With `identified: false` the identifiers are left blank (the scoring kernel does not
    /// read them), which saves formatting strings on every search.
    mutating func siblingGroup(_ members: [Int], identified: Bool = true) -> SiblingGroup {
        let group = identified ? GroupID("g\(children[members[0]].group)") : GroupID("")
        let kids = members.map { c in
            Child(
                id: identified ? ChildID("c\(c)") : ChildID(""), groupID: members.count > 1 ? group : nil, age: Int(children[c].age(at: now)),
                sex: .unknown, home: children[c].home, placement: children[c].request, needs: children[c].needs,
                daysWaiting: Int(max(0, now - children[c].waitingSince)))
        }
        return members.count > 1 ? SiblingGroup(id: group, children: kids) : SiblingGroup(single: kids[0])
    }

    /// The best feasible in-house household for `members`, by the matching engine's score.
    mutating func bestInHouse(for members: [Int], excluding: Int, minScore: Double = -.infinity)
        -> (household: Int, score: Double, miles: Double)?
    {
        let candidates = candidateHouseholds(for: members, excluding: excluding)
        defer { candidateScratch = candidates }
        guard !candidates.isEmpty else { return nil }
        if !scenario.findingHomes.matchingEnabled {
            let unit = siblingGroup(members, identified: false)
            let views = candidates.map { refreshedHousehold($0) }
            var best: (household: Int, score: Double, miles: Double)? = nil
            for (i, view) in views.enumerated() {
                let e = InHouseMatching.simpleEvaluate(unit, view)
                guard e.feasible, e.score >= minScore else { continue }
                if best == nil || e.score > best!.score { best = (candidates[i], e.score, e.miles) }
            }
            return best
        }
        kernelScores(kernelRow(members), candidates)
        var bestIndex = -1
        for i in candidates.indices {
            let score = scoreBuffer[i]
            guard score >= 0 && score >= minScore else { continue }
            if bestIndex < 0 || score > scoreBuffer[bestIndex] { bestIndex = i }
        }
        guard bestIndex >= 0 else { return nil }
        let h = candidates[bestIndex]
        return (h, scoreBuffer[bestIndex], children[members[0]].home.distanceMiles(to: households[h].location))
    }

    /// Kernel scores of `unit` against in-house households `candidates` (stale rows refreshed
    /// first), written to `scoreBuffer[0 ..< candidates.count]` (reused from query to query).
    mutating func kernelScores(_ unit: SiblingGroup, _ candidates: [Int]) {
        kernelScores(UnitRow(unit, policy: InHouseMatching.policy, codes: &kernel.codes), candidates)
    }

    /// Kernel scores of the unit `row` against in-house households `candidates`, as above.
    mutating func kernelScores(_ row: UnitRow, _ candidates: [Int]) {
        for h in candidates where kernel.stale[h] {
            let now = occupancy(h)
            kernel.columns.setOccupancy(
                at: h, available: now.available, freePlaces: now.free, occupied: now.occupied, residentCount: now.residents,
                residentAgeSum: now.ageSum, youngestResident: now.youngest)
            kernel.stale[h] = false
        }
        InHouseMatching.scores(row, kernel.columns, candidates, into: &scoreBuffer)
    }

    /// Household `h`'s occupancy, status and residents' ages now, as the kernel's columns
    /// record them (`HouseholdColumns.setOccupancy`): what `KernelState.update` takes from
    /// `refreshedHousehold(h)`, without building the view.
    mutating func occupancy(_ h: Int)
        -> (available: Bool, free: Int, occupied: Int, residents: Int, ageSum: Int, youngest: Int?)
    {
        var youngest: Int? = nil
        var sum = 0
        for c in households[h].occupants {
            let age = Int(children[Int(c)].age(at: now))
            youngest = min(youngest ?? age, age)
            sum += age
        }
        return (!households[h].onHold, households[h].free, households[h].occupied, households[h].occupants.count, sum, youngest)
    }

    /// The kernel's row for the children `members` as one unit: the row
    /// `UnitRow(siblingGroup(members, identified: false), ...)` would give, without building
    /// the group (the first member's home in kernel terms is computed once per child, the
    /// skills once per combination of needs and age).
    /// - Complexity: O(members), no allocation once the child's home is cached.
    mutating func kernelRow(_ members: [Int]) -> UnitRow {
        let first = members[0]
        var minAge = Int.max, maxAge = Int.min, ageSum = 0, waited = 0
        var needs = Needs()
        var oldestAtRisk: Int? = nil
        for c in members {
            let age = Int(children[c].age(at: now))
            minAge = min(minAge, age)
            maxAge = max(maxAge, age)
            ageSum += age
            let n = children[c].needs
            needs.formUnion(n)
            if n.contains(.exploitationRisk) { oldestAtRisk = max(oldestAtRisk ?? age, age) }
            waited = max(waited, Int(max(0, now - children[c].waitingSince)))
        }
        return UnitRow(
            size: members.count, minAge: minAge, maxAge: maxAge, ageSum: ageSum, oldestAtRisk: oldestAtRisk,
            request: children[first].request, daysWaiting: waited, home: kernelHome(first),
            skills: InHouseMatching.skills(needs: needs, oldestAge: maxAge), policy: InHouseMatching.policy)
    }

    /// Child `c`'s home in the kernel's terms, computed on first use.
    mutating func kernelHome(_ c: Int) -> KernelHome {
        if kernelHomes.count <= c {
            kernelHomes.append(contentsOf: repeatElement(KernelHome.unset, count: children.count - kernelHomes.count))
        }
        if kernelHomes[c].latitude.isNaN { kernelHomes[c] = KernelHome(children[c].home) }
        return kernelHomes[c]
    }

    /// A family-finding meeting: planned requests are matched jointly, then planned moves and
    /// step-downs use what is left.
    mutating func familyFindingMeeting() {
        planWaitingGroups()
        plannedMoves()
        stepDowns()
        if ownBedsUsed < ownBeds { moveIntoOwnBeds() }
    }

    /// Matches every waiting planned request at once (`Matcher.plan`); those not placed and
    /// waiting too long go to an agency or residential home.
    mutating func planWaitingGroups() {
        var units: [[Int]] = []
        var unitGroups: [Int32] = []
        for g in waitingGroups {
            let members = waitingMembers(Int(g))
            if !members.isEmpty {
                units.append(members)
                unitGroups.append(g)
            }
        }
        waitingGroups.removeAll(keepingCapacity: true)
        guard !units.isEmpty else { return }
        // Only units with at least one feasible candidate go to the joint plan (the others
        // would only make the plan explain why they cannot be placed).
        var candidateSet: [Int] = []
        var planned: [Int] = []
        // Each planned unit's best feasible household, and whether two units compete for one.
        var best: [(household: Int, score: Double)] = []
        var competing = false
        // Per household, for this meeting (`planMarks` stamps instead of a set and a
        // dictionary): listed in `candidateSet` yet, and the last unit it was feasible for.
        planStamp &+= 1
        if planMarks.count < households.count {
            planMarks.append(contentsOf: repeatElement(PlanMark(), count: households.count - planMarks.count))
        }
        // The planned units' kernel rows (matching on).
        var rows: [UnitRow] = []
        for (u, members) in units.enumerated() {
            // Nothing has freed since this unit last found no home: no need to look again.
            if children[members[0]].searchedAtEpoch == vacancyEpoch { continue }
            let candidates = candidateHouseholds(for: members, excluding: -1)
            defer { candidateScratch = candidates }
            guard !candidates.isEmpty else { continue }
            var top = (household: -1, score: -Double.infinity)
            if scenario.findingHomes.matchingEnabled {
                let row = kernelRow(members)
                kernelScores(row, candidates)
                for i in candidates.indices {
                    let score = scoreBuffer[i]
                    guard score >= 0 else { continue }
                    if score > top.score { top = (candidates[i], score) }
                    let h = candidates[i]
                    if planMarks[h].ownerStamp == planStamp, planMarks[h].owner != u { competing = true }
                    planMarks[h].ownerStamp = planStamp
                    planMarks[h].owner = u
                }
                guard top.household >= 0 else { continue }
                rows.append(row)
            } else {
                competing = competing || planned.count > 0
            }
            planned.append(u)
            best.append(top)
            for h in candidates where planMarks[h].seenStamp != planStamp {
                planMarks[h].seenStamp = planStamp
                candidateSet.append(h)
            }
        }
        var placed = [Bool](repeating: false, count: units.count)
        if !planned.isEmpty, !competing, scenario.findingHomes.matchingEnabled {
            // No household is feasible for two units: the joint optimum is each unit's best.
            for (k, u) in planned.enumerated() {
                let members = units[u], h = best[k].household
                placeInHouse(members, household: h, miles: children[members[0]].home.distanceMiles(to: households[h].location))
                placed[u] = true
            }
        } else if !planned.isEmpty {
            var plan: [(unit: Int, household: Int, miles: Double)]
            var settled: [(unit: Int, household: Int, miles: Double)]? = nil
            if scenario.findingHomes.matchingEnabled {
                if let picks = separateBests(units, planned, rows, candidateSet) {
                    // Each unit's best is free for it whoever else is placed: this is the joint plan.
                    settled = picks.enumerated().map { k, h in
                        (planned[k], h, children[units[planned[k]][0]].home.distanceMiles(to: households[h].location))
                    }
                } else {
                    settled = smallPlan(units, planned, rows, candidateSet)
                }
            }
            if let settled {
                plan = settled
                if checkPlanShortcut {
                    let reference = jointPlan(units, planned, candidateSet)
                    let same = reference.count == plan.count && zip(reference, plan).allSatisfy {
                        $0.unit == $1.unit && $0.household == $1.household && $0.miles.bitPattern == $1.miles.bitPattern
                    }
                    planShortcutChecks += 1
                    if !same, violations.isEmpty {
                        violations = ["plan shortcut at day \(now): \(plan) but Matcher.plan gives \(reference)"]
                    }
                }
            } else {
                plan = jointPlan(units, planned, candidateSet)
            }
            for (unitIndex, h, miles) in plan {
                let members = units[unitIndex]
                guard !placed[unitIndex], households[h].takesChildren, households[h].free >= members.count else { continue }
                placeInHouse(members, household: h, miles: miles)
                placed[unitIndex] = true
            }
        }
        for (i, members) in units.enumerated() where !placed[i] {
            children[members[0]].searchedAtEpoch = vacancyEpoch
            let waited = now - (members.map { children[$0].waitingSince }.min() ?? now)
            if waited >= scenario.findingHomes.plannedMaxWaitDays {
                fallback(members, wantsMove: false)
            } else {
                waitingGroups.append(unitGroups[i])
            }
        }
    }

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

    /// Children placed in a poor-fit emergency or agency home move when a good in-house home frees.
    mutating func plannedMoves() {
        guard !moveRequests.isEmpty else { return }
        let find = scenario.findingHomes
        let window = find.plannedMoveAfterDays + find.moveSearchDays
        var attempts = 0
        let vacancies = householdsWithVacancy
        // The list is filtered in place (kept requests move to the front); fields are read one
        // by one rather than copying each child's struct.
        var kept = 0
        let count = moveRequests.count
        for index in 0..<count {
            let c32 = moveRequests[index]
            let c = Int(c32)
            guard children[c].state == .placed, children[c].wantsMove, now - children[c].placedDay <= window
            else { continue }
            // A meeting considers a few planned moves (longest waiting first), not every one, and
            // does not repeat a search that found nothing while no place has freed since.
            guard children[c].searchedAtEpoch != vacancyEpoch else {
                if kept != index { moveRequests[kept] = c32 }
                kept += 1
                continue
            }
            attempts += 1
            guard attempts <= 2, vacancies > 0 else {
                if kept != index { moveRequests[kept] = c32 }
                kept += 1
                continue
            }
            // Brothers and sisters living together move together.
            let members = unitMates(c)
            if let best = bestInHouse(for: members, excluding: Int(children[c].household), minScore: find.poorFitScore) {
                for m in members {
                    vacate(m)
                    movesThisMonth += 1
                }
                placeInHouse(members, household: best.household, miles: best.miles)
            } else {
                children[c].searchedAtEpoch = vacancyEpoch
                if kept != index { moveRequests[kept] = c32 }
                kept += 1
            }
        }
        // Requests added while the list was walked are dropped, as when it was rebuilt.
        moveRequests.removeSubrange(kept...)
    }

    /// Step-down moves: residential to foster care, agency to in-house, when a fitting place frees.
    mutating func stepDowns() {
        let steps = scenario.moves.stepDown
        guard steps.enabled, !stepDownList.isEmpty else { return }
        var moved = 0
        var attempts = 0
        let minDays = steps.afterMonths * Calendar.monthDays
        // Filtered in place like `moveRequests` above.
        var kept = 0
        let count = stepDownList.count
        for index in 0..<count {
            let c32 = stepDownList[index]
            let c = Int(c32)
            let type = children[c].type
            guard children[c].state == .placed, children[c].stepDownReady, type == .residential || type == .ifaFoster else { continue }
            guard moved < steps.maxPerMeeting, attempts < 2 * max(1, steps.maxPerMeeting), now - children[c].placedDay >= minDays,
                children[c].searchedAtEpoch != vacancyEpoch
            else {
                if kept != index { stepDownList[kept] = c32 }
                kept += 1
                continue
            }
            attempts += 1
            if householdsWithVacancy > steps.reserveVacancies,
                let best = bestInHouse(for: [c], excluding: -1, minScore: steps.minScore)
            {
                vacate(c)
                movesThisMonth += 1
                placeInHouse([c], household: best.household, miles: best.miles)
                moved += 1
            } else if type == .residential, scenario.ifa.enabled, ifaInUse < ifaCapacity {
                vacate(c)
                movesThisMonth += 1
                put(c, type: .ifaFoster, household: -1, over20: drawOver20(.ifaFoster), unit: nextUnit())
                moved += 1
            } else {
                if type == .ifaFoster || !scenario.ifa.enabled { children[c].searchedAtEpoch = vacancyEpoch }
                if kept != index { stepDownList[kept] = c32 }
                kept += 1
            }
        }
        // Children added while the list was walked (a step-down to an agency home that is
        // itself ready to step down) are dropped, as when the list was rebuilt.
        stepDownList.removeSubrange(kept...)
    }
}

/// What a family-finding meeting notes about one household (valid when the stamps equal the
/// meeting's `planStamp`).
struct PlanMark {
    var seenStamp: UInt32 = 0
    var ownerStamp: UInt32 = 0
    var owner = -1
}

/// A household that can take children, as the candidate search reads it: its free places
/// (kept up to date by `refreshVacancy`) and its fixed approval facts.
struct VacantHousehold: Equatable {
    var household: Int32
    var free: Int32
    var minAge: Int32
    var maxAge: Int32
    var approvals: UInt8

    init(_ h: Int, _ household: SimHousehold) {
        self.household = Int32(h)
        free = Int32(household.takesChildren ? household.free : 0)
        minAge = Int32(household.minAge)
        maxAge = Int32(household.maxAge)
        approvals = household.approvals
    }
}
