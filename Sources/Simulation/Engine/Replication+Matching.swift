import CareModel

extension Replication {
    /// Keeps household `h` in (or out of) the index of households that can take a child.
    /// - Complexity: O(1).
    mutating func refreshVacancy(_ h: Int) {
        let takes = households[h].takesChildren
        let slot = Int(vacantSlot[h])
        let d = Int(households[h].district)
        if takes, slot < 0 {
            vacantSlot[h] = Int32(vacantByDistrict[d].count)
            vacantByDistrict[d].append(Int32(h))
        } else if !takes, slot >= 0 {
            let last = vacantByDistrict[d].removeLast()
            if Int(last) != h {
                vacantByDistrict[d][slot] = last
                vacantSlot[Int(last)] = Int32(slot)
            }
            vacantSlot[h] = -1
        }
    }

    /// The number of households that can take a child now.
    var householdsWithVacancy: Int { vacantByDistrict.reduce(0) { $0 + $1.count } }

    /// In-house households that pass the cheap integer checks for `members` (free places, age
    /// range, approval), nearest districts first, at most about `limit`.
    /// - Complexity: O(districts + candidates examined).
    func candidateHouseholds(for members: [Int], excluding: Int, limit: Int = 24) -> [Int] {
        guard let first = members.first else { return [] }
        let ages = members.map { Int(children[$0].age(at: now)) }
        let youngest = ages.min()!, oldest = ages.max()!
        let approval = children[first].request.requiredApproval
        var found: [Int] = []
        for d in start.districtOrder[Int(children[first].district)] {
            for h32 in vacantByDistrict[Int(d)] {
                let h = Int(h32)
                let household = households[h]
                guard h != excluding, household.free >= members.count,
                    household.household.ageRange.lowerBound <= youngest, household.household.ageRange.upperBound >= oldest,
                    household.household.approvals.contains(approval)
                else { continue }
                found.append(h)
            }
            if found.count >= limit / 2 { break }
        }
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
    func siblingGroup(_ members: [Int]) -> SiblingGroup {
        let group = GroupID("g\(children[members[0]].group)")
        let kids = members.map { c in
            Child(
                id: ChildID("c\(c)"), groupID: members.count > 1 ? group : nil, age: Int(children[c].age(at: now)),
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
        guard !candidates.isEmpty else { return nil }
        let unit = siblingGroup(members)
        var best: (household: Int, score: Double, miles: Double)? = nil
        for h in candidates {
            let view = refreshedHousehold(h)
            let result = InHouseMatching.evaluate(unit, view, useEngine: scenario.findingHomes.matchingEnabled)
            guard result.feasible, result.score >= minScore else { continue }
            if best == nil || result.score > best!.score { best = (h, result.score, result.miles) }
        }
        return best
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
        var candidateSet: [Int] = []
        var seen = Set<Int>()
        for members in units {
            for h in candidateHouseholds(for: members, excluding: -1) where seen.insert(h).inserted { candidateSet.append(h) }
        }
        var placed = [Bool](repeating: false, count: units.count)
        if !candidateSet.isEmpty {
            let views = candidateSet.map { refreshedHousehold($0) }
            let groupsForPlan = units.map { siblingGroup($0) }
            let plan = InHouseMatching.plan(groups: groupsForPlan, households: views, useEngine: scenario.findingHomes.matchingEnabled)
            for assignment in plan {
                let h = candidateSet[assignment.household]
                let members = units[assignment.group]
                guard !placed[assignment.group], households[h].takesChildren, households[h].free >= members.count else { continue }
                placeInHouse(members, household: h, miles: assignment.miles)
                placed[assignment.group] = true
            }
        }
        for (i, members) in units.enumerated() where !placed[i] {
            let waited = now - (members.map { children[$0].waitingSince }.min() ?? now)
            if waited >= scenario.findingHomes.plannedMaxWaitDays {
                fallback(members, wantsMove: false)
            } else {
                waitingGroups.append(unitGroups[i])
            }
        }
    }

    /// Children placed in a poor-fit emergency or agency home move when a good in-house home frees.
    mutating func plannedMoves() {
        guard !moveRequests.isEmpty else { return }
        let find = scenario.findingHomes
        var kept: [Int32] = []
        var moved = 0
        for c32 in moveRequests {
            let c = Int(c32)
            let child = children[c]
            guard child.state == .placed, child.wantsMove, now - child.placedDay <= find.plannedMoveAfterDays + find.moveSearchDays
            else { continue }
            if moved < 3, householdsWithVacancy > 0,
                let best = bestInHouse(for: [c], excluding: Int(child.household), minScore: find.poorFitScore)
            {
                vacate(c)
                movesThisMonth += 1
                placeInHouse([c], household: best.household, miles: best.miles)
                moved += 1
            } else {
                kept.append(c32)
            }
        }
        moveRequests = kept
    }

    /// Step-down moves: residential to foster care, agency to in-house, when a fitting place frees.
    mutating func stepDowns() {
        let steps = scenario.moves.stepDown
        guard steps.enabled, !stepDownList.isEmpty else { return }
        var kept: [Int32] = []
        var moved = 0
        let minDays = steps.afterMonths * Calendar.monthDays
        for c32 in stepDownList {
            let c = Int(c32)
            let child = children[c]
            guard child.state == .placed, child.stepDownReady, child.type == .residential || child.type == .ifaFoster else { continue }
            guard moved < steps.maxPerMeeting, now - child.placedDay >= minDays else {
                kept.append(c32)
                continue
            }
            if householdsWithVacancy > steps.reserveVacancies,
                let best = bestInHouse(for: [c], excluding: -1, minScore: steps.minScore)
            {
                vacate(c)
                movesThisMonth += 1
                placeInHouse([c], household: best.household, miles: best.miles)
                moved += 1
            } else if child.type == .residential, scenario.ifa.enabled, ifaInUse < ifaCapacity {
                vacate(c)
                movesThisMonth += 1
                put(c, type: .ifaFoster, household: -1, over20: drawOver20(.ifaFoster), unit: nextUnit())
                moved += 1
            } else {
                kept.append(c32)
            }
        }
        stepDownList = kept
    }
}
