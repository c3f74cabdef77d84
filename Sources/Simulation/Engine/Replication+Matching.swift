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
        placingReason = .familyFinding
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
                // The plan ranks by the reference evaluator's scores (0.01 points per
                // criterion): when another household is within the kernel's rounding of the
                // best, the reference scores decide (first in candidate order on a tie).
                var near: [Int] = []
                for i in candidates.indices where scoreBuffer[i] >= 0 && scoreBuffer[i] >= top.score - 0.1 { near.append(i) }
                if near.count > 1 {
                    let group = siblingGroup(members)
                    var bestCents = Int.min
                    for i in near {
                        let e = Matcher.evaluate(group, refreshedHousehold(candidates[i]), policy: InHouseMatching.policy)
                        let cents = Int((e.score * 100).rounded())
                        if e.feasible, cents > bestCents { bestCents = cents; top = (candidates[i], e.score) }
                    }
                }
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
            // No household is feasible for two units: every configuration holds one unit, so
            // the joint optimum (all children placed, none split, each at the highest score
            // it can have) is each unit's best.
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
                placingReason = .waitedTooLong
                beginDecision(members, .waited)
                fallback(members, wantsMove: false)
            } else {
                waitingGroups.append(unitGroups[i])
            }
        }
    }

    /// Children placed in a poor-fit emergency or agency home move when a good in-house home frees.
    mutating func plannedMoves() {
        guard !moveRequests.isEmpty else { return }
        placingReason = .plannedMove
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
        placingReason = .stepDown
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
                beginDecision([c], .searched)
                put(c, type: .ifaFoster, household: -1, over20: drawOver20(.ifaFoster, for: c), unit: nextUnit())
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
