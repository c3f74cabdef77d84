import CareModel
import Matching

extension Replication {
    /// Keeps household `h` in (or out of) the index of households that can take a child
    /// (`vacancies`), its places in the running counts (`placeCounts`, and `recruitedPlaceCounts`
    /// for a household recruited during the run), and marks its kernel row
    /// and its view (`refreshedHousehold`) for refreshing. Called whenever a household changes.
    /// - Complexity: O(1).
    mutating func refreshVacancy(_ h: Int) {
        if h < kernel.stale.count { kernel.stale[h] = true }
        households[h].viewValidUntil = -.infinity
        let counts = PlaceCounts(households[h])
        placeCounts -= households[h].counted
        placeCounts += counts
        if h >= start.population.households.count {
            recruitedPlaceCounts -= households[h].counted
            recruitedPlaceCounts += counts
        }
        households[h].counted = counts
        vacancies.update(h, &households[h])
    }

    /// The number of households that can take a child now.
    var householdsWithVacancy: Int { mutating get { vacancies.count } }

    /// In-house households that pass the cheap integer checks for `members` (free places, age
    /// range, approval), nearest districts first, at most about `limit`.
    /// - Complexity: O(districts read + households listed there), no allocation once the
    ///   handed-back array is large enough.
    mutating func candidateHouseholds(for members: [Int], excluding: Int, limit: Int = 24) -> [Int] {
        guard let first = members.first else { return [] }
        var youngest = Int.max, oldest = Int.min
        for c in members {
            let age = Int(register.children[c].age(at: now))
            youngest = min(youngest, age)
            oldest = max(oldest, age)
        }
        let approval = register.children[first].request.requiredApproval.rawValue
        let size = Int32(members.count)
        let home = Int(register.children[first].district)
        // Appended to the array the previous caller handed back (`buffers.candidates`, whose
        // capacity is kept), so a search allocates nothing once it is large enough and costs
        // only the districts it reads. The index tests its lists a vector at a time
        // (`VacancyIndex.gatherPassing`) into a scratch array that has room for every district's
        // segment, so the districts read are gathered there and copied out once.
        var found = buffers.takeCandidates()
        let districts = start.districtCount
        var passing = buffers.takePassing(count: vacancies.entryCount)
        let total = passing.withUnsafeMutableBufferPointer { kept in
            vacancies.gatherPassing(
                into: kept, order: start.districtOrder[home * districts ..< home * districts + districts],
                excluded: Int32(truncatingIfNeeded: excluding), size: size, youngest: Int32(youngest), oldest: Int32(oldest),
                approval: Int32(approval), enough: limit / 2)
        }
        found.reserveCapacity(total)
        for i in 0 ..< total { found.append(Int(passing[i])) }
        buffers.passing = passing
        return found
    }

    /// The matching engine's view of household `h` now: rebuilt from its occupancy, status and
    /// residents' ages only when it has changed since it was last built or a resident has had a
    /// birthday (`SimHousehold.viewValidUntil`), otherwise the view as it stands.
    /// - Complexity: O(1) when the view stands, else O(residents of `h`).
    mutating func refreshedHousehold(_ h: Int) -> Household {
        if now < households[h].viewValidUntil { return households[h].household }
        let built = builtView(h)
        households[h].household = built.view
        households[h].viewValidUntil = built.standsUntil
        return built.view
    }

    /// Household `h`'s view built afresh from its occupancy, status and residents' ages now, and
    /// the day until which those ages stand (`SimChild.wholeAgeStands`; infinity with no residents).
    /// - Complexity: O(residents of `h`).
    func builtView(_ h: Int) -> (view: Household, standsUntil: Double) {
        var view = households[h].household
        view.occupied = households[h].occupied
        view.status = households[h].onHold ? .onHold : .available
        view.residentAges.removeAll(keepingCapacity: true)
        var standsUntil = Double.infinity
        for c in households[h].occupants {
            let child = register.children[Int(c)]
            view.residentAges.append(Int(child.age(at: now)))
            standsUntil = min(standsUntil, child.wholeAgeStands(from: now))
        }
        return (view, standsUntil)
    }

    /// The matching engine's view of the children `members` as one unit.
    ///
    /// With `identified: false` the identifiers are left blank (the scoring kernel does not
    /// read them), which saves formatting strings on every search.
    mutating func siblingGroup(_ members: [Int], identified: Bool = true) -> SiblingGroup {
        let group = identified ? GroupID("g\(register.children[members[0]].group)") : GroupID("")
        let kids = members.map { c in
            Child(
                id: identified ? ChildID("c\(c)") : ChildID(""), groupID: members.count > 1 ? group : nil, age: Int(register.children[c].age(at: now)),
                sex: .unknown, home: register.children[c].home, placement: register.children[c].request, needs: register.children[c].needs,
                daysWaiting: Int(max(0, now - register.children[c].waitingSince)))
        }
        return members.count > 1 ? SiblingGroup(id: group, children: kids) : SiblingGroup(single: kids[0])
    }

    /// The best feasible in-house household for `members`, by the matching engine's score.
    mutating func bestInHouse(for members: [Int], excluding: Int, minScore: Double = -.infinity)
        -> (household: Int, score: Double, miles: Double)?
    {
        let candidates = candidateHouseholds(for: members, excluding: excluding)
        defer { buffers.candidates = candidates }
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
            let score = buffers.scores[i]
            guard score >= 0 && score >= minScore else { continue }
            if bestIndex < 0 || score > buffers.scores[bestIndex] { bestIndex = i }
        }
        if checkBestInHouse { checkSearch(members, candidates, chosen: bestIndex, minScore: minScore) }
        guard bestIndex >= 0 else { return nil }
        let h = candidates[bestIndex]
        return (h, buffers.scores[bestIndex], register.children[members[0]].home.distanceMiles(to: households[h].location))
    }

    /// Kernel scores of `unit` against in-house households `candidates` (stale rows refreshed
    /// first), written to `buffers.scores[0 ..< candidates.count]` (reused from query to query).
    mutating func kernelScores(_ unit: SiblingGroup, _ candidates: [Int]) {
        kernelScores(UnitRow(unit, policy: InHouseMatching.policy, codes: &kernel.codes), candidates)
    }

    /// Kernel scores of the unit `row` against in-house households `candidates`, as above.
    mutating func kernelScores(_ row: UnitRow, _ candidates: [Int]) {
        for h in candidates { bringRowUpToDate(h) }
        InHouseMatching.scores(row, kernel.columns, candidates, into: &buffers.scores, gathered: &buffers.gathered)
    }

    /// Rewrites household `h`'s kernel row from its occupancy now when it may be out of date:
    /// the household changed since (`KernelState.stale`), or a resident's age in whole years has
    /// changed since (`KernelState.agesValidUntil`). The row then says what `Matcher.evaluate`
    /// reads from the household today.
    /// - Complexity: O(1) when the row is up to date, else O(residents of `h`).
    @inline(__always)
    mutating func bringRowUpToDate(_ h: Int) {
        guard kernel.stale[h] || now >= kernel.agesValidUntil[h] else { return }
        let now = occupancy(h)
        kernel.columns.setOccupancy(
            at: h, available: now.available, freePlaces: now.free, occupied: now.occupied, residentCount: now.residents,
            residentAgeSum: now.ageSum, youngestResident: now.youngest)
        kernel.agesValidUntil[h] = now.agesValidUntil
        kernel.stale[h] = false
    }

    /// Household `h`'s occupancy, status and residents' ages now, as the kernel's columns
    /// record them (`HouseholdColumns.setOccupancy`): what `refreshedHousehold(h)` says, without
    /// building the view; and the day until which those whole
    /// ages stand (`SimChild.wholeAgeStands`; infinity with no residents).
    mutating func occupancy(_ h: Int)
        -> (available: Bool, free: Int, occupied: Int, residents: Int, ageSum: Int, youngest: Int?, agesValidUntil: Double)
    {
        var youngest: Int? = nil
        var sum = 0
        var validUntil = Double.infinity
        for c in households[h].occupants {
            let age = Int(register.children[Int(c)].age(at: now))
            youngest = min(youngest ?? age, age)
            sum += age
            validUntil = min(validUntil, register.children[Int(c)].wholeAgeStands(from: now))
        }
        return (!households[h].onHold, households[h].free, households[h].occupied, households[h].occupants.count, sum, youngest,
                validUntil)
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
            let age = Int(register.children[c].age(at: now))
            minAge = min(minAge, age)
            maxAge = max(maxAge, age)
            ageSum += age
            let n = register.children[c].needs
            needs.formUnion(n)
            if n.contains(.exploitationRisk) { oldestAtRisk = max(oldestAtRisk ?? age, age) }
            waited = max(waited, Int(max(0, now - register.children[c].waitingSince)))
        }
        return UnitRow(
            size: members.count, minAge: minAge, maxAge: maxAge, ageSum: ageSum, oldestAtRisk: oldestAtRisk,
            request: register.children[first].request, daysWaiting: waited, home: kernelHome(first),
            skills: InHouseMatching.skills(needs: needs, oldestAge: maxAge), policy: InHouseMatching.policy)
    }

    /// Child `c`'s home in the kernel's terms, computed on first use.
    mutating func kernelHome(_ c: Int) -> KernelHome {
        if kernelHomes.count <= c {
            // Grown by half at least, so that children arriving one by one do not copy the cache each time.
            let wanted = max(register.children.count, c + 1, kernelHomes.count + kernelHomes.count / 2)
            kernelHomes.append(contentsOf: repeatElement(KernelHome.unset, count: wanted - kernelHomes.count))
        }
        if kernelHomes[c].latitude.isNaN { kernelHomes[c] = KernelHome(register.children[c].home) }
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
    ///
    /// ## Design: one plan per connected part of the meeting
    /// With matching on, the units are joined wherever a household may be feasible for two of
    /// them (`DisjointSets`), and each connected part is planned on its own: its units over the
    /// households that may be feasible for them (`jointPlan`), a lone unit at its best by the
    /// reference evaluator (`bestForLoneUnit`). This is the joint optimum of the whole meeting:
    /// a plan gives each unit (the simulator never splits brothers and sisters) one household or
    /// none, a unit's score depends only on the units placed with it, and units of different
    /// parts never share a household, so the plan's lexicographic objective (children placed,
    /// then score counted per child; `JointPlanner`) is a sum over the parts and is best when
    /// each part's is. The links are read from the scoring kernel with margins where it may
    /// differ from the reference evaluator (`appendMayBeFeasible`), so no pair the plan could use
    /// is missed. The test mode `checkPlanShortcut` also plans the whole meeting at once and
    /// compares the two.
    /// - Complexity: the candidate searches, O(planned units x pool) kernel rule checks, then one
    ///   plan per part over its own units and households (at national size most of a meeting's
    ///   units form one part).
    mutating func planWaitingGroups() {
        guard !register.waitingGroups.isEmpty else { return }
        var meeting = MeetingBuffers()
        swap(&meeting, &meetingBuffers)
        defer { swap(&meeting, &meetingBuffers) }
        meeting.removeAll()
        for g in register.waitingGroups {
            let members = waitingMembers(Int(g))
            if !members.isEmpty {
                meeting.units.append(members)
                meeting.unitGroups.append(g)
            }
        }
        register.waitingGroups.removeAll(keepingCapacity: true)
        guard !meeting.units.isEmpty else { return }
        placingReason = .familyFinding
        let matching = scenario.findingHomes.matchingEnabled
        // Only units with at least one feasible candidate are planned (the others would only
        // make the plan explain why they cannot be placed), over every candidate of every
        // planned unit (`pool`, each once).
        // Per household, for this meeting (`MeetingMarks` instead of a set and a dictionary):
        // listed yet, and the last planned unit it may be feasible for.
        meetingMarks.begin(households: households.count)
        for (u, members) in meeting.units.enumerated() {
            // Nothing has freed since this unit last found no home: no need to look again.
            if register.children[members[0]].searchedAtEpoch == vacancies.epoch { continue }
            let candidates = candidateHouseholds(for: members, excluding: -1)
            defer { buffers.candidates = candidates }
            guard !candidates.isEmpty else { continue }
            if matching {
                let row = kernelRow(members)
                kernelScores(row, candidates)
                guard buffers.scores[0 ..< candidates.count].contains(where: { $0 >= 0 }) else { continue }
                meeting.rows.append(row)
            }
            meeting.planned.append(u)
            for h in candidates where meetingMarks.firstListing(h) { meeting.pool.append(h) }
        }
        let units = meeting.units, planned = meeting.planned, pool = meeting.pool
        meeting.placed.append(contentsOf: repeatElement(false, count: units.count))
        guard !planned.isEmpty else { return leaveUnplaced(units, meeting.unitGroups, meeting.placed) }
        if matching, planned.count == 1 {
            // One unit planned: its part is itself, over the pool's households that may be
            // feasible for it (what the parts below come to for one unit, without building them).
            appendMayBeFeasible(pool, for: meeting.rows[0], into: &meeting.linked)
            if checkPlanShortcut { checkMeetingParts(units, planned, pool: pool, parts: [[0]], partHouseholds: [meeting.linked]) }
            let members = units[planned[0]]
            if let h = bestForLoneUnit(members, among: meeting.linked) {
                placeInHouse(members, household: h, miles: register.children[members[0]].home.distanceMiles(to: households[h].location))
                meeting.placed[planned[0]] = true
            }
        } else if matching {
            // `parts` joins planned units (by index k) through the pool's households that may be
            // feasible for two of them; each household is noted as the last such unit's.
            var parts = DisjointSets(count: planned.count)
            for k in planned.indices {
                meeting.linked.removeAll(keepingCapacity: true)
                appendMayBeFeasible(pool, for: meeting.rows[k], into: &meeting.linked)
                for h in meeting.linked {
                    let other = meetingMarks.claim(h, for: k)
                    if other >= 0 { parts.union(k, other) }
                }
            }
            // Each part's households in the pool's order (a household is linked to one part only).
            let partList = parts.sets()
            var partOf = [Int](repeating: 0, count: planned.count)
            for (p, part) in partList.enumerated() { for k in part { partOf[k] = p } }
            var partHouseholds = [[Int]](repeating: [], count: partList.count)
            for h in pool {
                let k = meetingMarks.owner(of: h)
                if k >= 0 { partHouseholds[partOf[k]].append(h) }
            }
            if checkPlanShortcut { checkMeetingParts(units, planned, pool: pool, parts: partList, partHouseholds: partHouseholds) }
            for (p, part) in partList.enumerated() {
                if part.count == 1 {
                    let members = units[planned[part[0]]]
                    if let h = bestForLoneUnit(members, among: partHouseholds[p]) {
                        placeInHouse(members, household: h, miles: register.children[members[0]].home.distanceMiles(to: households[h].location))
                        meeting.placed[planned[part[0]]] = true
                    }
                } else {
                    placePlan(jointPlan(units, part.map { planned[$0] }, partHouseholds[p]), units, &meeting.placed)
                }
            }
        } else {
            placePlan(jointPlan(units, planned, pool), units, &meeting.placed)
        }
        leaveUnplaced(units, meeting.unitGroups, meeting.placed)
    }

    /// The household the joint plan gives a unit that shares none of `linked` (the households
    /// that may be feasible for it) with another unit of the meeting: its best by the reference
    /// evaluator's score in hundredths (`Matcher.evaluate`), the first in `linked` on a tie; nil
    /// when none is feasible.
    ///
    /// The kernel, with rows up to date (`bringRowUpToDate`), is within
    /// `InHouseMatching.loneUnitWindow` of the reference score on a feasible pair, and agrees
    /// with it on feasibility except near the distance limit (`kernelMayDisagree`). So when the
    /// kernel's best is the only household within that window of it, every household is
    /// feasible by the kernel, and the kernel cannot disagree on the best, the best is the
    /// kernel's. Otherwise households are read in descending kernel score,
    /// those the kernel rules out last, each evaluated unless its kernel score is that window
    /// below the best reference score found so far (it cannot beat it). The test mode
    /// `checkPlanShortcut` evaluates every household and compares.
    /// - Complexity: O(linked) on the first path; O(linked log linked) plus reference
    ///   evaluations near the best on the second.
    mutating func bestForLoneUnit(_ members: [Int], among linked: [Int]) -> Int? {
        let row = kernelRow(members)
        kernelScores(row, linked)
        let scores = buffers.scores
        var top = -1, ruledOut = false
        for i in linked.indices {
            if scores[i] < 0 { ruledOut = true } else if top < 0 || scores[i] > scores[top] { top = i }
        }
        let window = InHouseMatching.loneUnitWindow
        if top >= 0, !ruledOut, !kernelMayDisagree(row, linked[top]),
            !linked.indices.contains(where: { $0 != top && scores[$0] >= scores[top] - window })
        {
            if checkPlanShortcut { checkLoneUnit(members, among: linked, chosen: linked[top]) }
            return linked[top]
        }
        let order = linked.indices.sorted { scores[$0] > scores[$1] || (scores[$0] == scores[$1] && $0 < $1) }
        let group = siblingGroup(members)
        var best = -1, bestCents = Int.min
        for i in order {
            if scores[i] >= 0, best >= 0, scores[i] < Double(bestCents) / 100 - window { continue }
            let e = Matcher.evaluate(group, refreshedHousehold(linked[i]), policy: InHouseMatching.policy, explained: false)
            guard e.feasible else { continue }
            let cents = Int((e.score * 100).rounded())
            if cents > bestCents || (cents == bestCents && i < best) {
                bestCents = cents
                best = i
            }
        }
        let chosen = best >= 0 ? linked[best] : nil
        if checkPlanShortcut { checkLoneUnit(members, among: linked, chosen: chosen) }
        return chosen
    }

    /// Whether the kernel's feasibility for `row` in household `h` may differ from the reference
    /// evaluator's: the kernel's projected distance lies within `InHouseMatching.linkSlackMiles`
    /// of the limit (the rows being up to date, the other rules read the same facts).
    /// - Complexity: O(1).
    func kernelMayDisagree(_ row: UnitRow, _ h: Int) -> Bool {
        kernel.columns.fixedRulesFailed(row, household: h, constants: InHouseMatching.nearLimitConstants).contains(.distance)
    }

    /// For tests (`checkPlanShortcut`): every household of `linked` evaluated by the reference
    /// evaluator; `chosen` must score the best of them (nil when none is feasible). A difference
    /// is recorded in `violations`.
    mutating func checkLoneUnit(_ members: [Int], among linked: [Int], chosen: Int?) {
        let group = siblingGroup(members)
        func cents(_ h: Int) -> Int? {
            let e = Matcher.evaluate(group, refreshedHousehold(h), policy: InHouseMatching.policy, explained: false)
            return e.feasible ? Int((e.score * 100).rounded()) : nil
        }
        let everyBest = linked.compactMap(cents).max()
        let chosenCents = chosen.flatMap(cents)
        loneUnitChecks += 1
        if everyBest != chosenCents, violations.isEmpty {
            violations = ["lone unit \(members) at day \(now): the household chosen scores \(chosenCents.map(String.init) ?? "none"), the best of all \(everyBest.map(String.init) ?? "none")"]
        }
    }

    /// For tests (`checkBestInHouse`): every candidate of an in-house search evaluated by the
    /// reference evaluator (`Matcher.evaluate` on the household as it is today). The household
    /// chosen (index `chosen` in `candidates`, -1 for none) must be feasible and score within
    /// `InHouseMatching.loneUnitWindow` of the best at or above `minScore`, and none may be
    /// chosen only when no candidate scores `minScore` less that window. A difference is
    /// recorded in `violations`; the kernel's scores in `buffers` are kept.
    mutating func checkSearch(_ members: [Int], _ candidates: [Int], chosen: Int, minScore: Double) {
        let scores = buffers.scores
        defer { buffers.scores = scores }
        let group = siblingGroup(members)
        let window = InHouseMatching.loneUnitWindow
        var best = -Double.infinity, chosenScore = -Double.infinity
        for (i, h) in candidates.enumerated() {
            let e = Matcher.evaluate(group, refreshedHousehold(h), policy: InHouseMatching.policy, explained: false)
            guard e.feasible else { continue }
            if e.score >= minScore { best = max(best, e.score) }
            if i == chosen { chosenScore = e.score }
        }
        searchChecks += 1
        let agrees = chosen >= 0 ? chosenScore >= max(best, minScore) - window : best == -.infinity || best < minScore + window
        if !agrees, violations.isEmpty {
            violations = ["search for \(members) at day \(now): the household chosen scores \(chosenScore), the best candidate \(best)"]
        }
    }

    /// Places each unit of a joint plan with its household, where the household can still take it.
    mutating func placePlan(_ plan: [(unit: Int, household: Int, miles: Double)], _ units: [[Int]], _ placed: inout [Bool]) {
        for (unitIndex, h, miles) in plan {
            let members = units[unitIndex]
            guard !placed[unitIndex], households[h].takesChildren, households[h].free >= members.count else { continue }
            placeInHouse(members, household: h, miles: miles)
            placed[unitIndex] = true
        }
    }

    /// Appends to `out` those of `households` that may be feasible for `row` by the reference
    /// evaluator, as far as the kernel can tell: they fail no rule, the distance rule read with
    /// the limit `InHouseMatching.linkSlackMiles` further out (the kernel measures distance on a
    /// projection). Units of a meeting are joined through such households. The kernel rows must
    /// be up to date (`kernelScores` has just read them).
    /// - Complexity: O(households).
    func appendMayBeFeasible(_ households: [Int], for row: UnitRow, into out: inout [Int]) {
        kernel.columns.appendPassing(households, for: row, constants: InHouseMatching.linkConstants, into: &out)
    }

    /// Units not placed at this meeting: those that have waited their planned wait go to an
    /// agency or residential home, the others wait for the next meeting.
    mutating func leaveUnplaced(_ units: [[Int]], _ unitGroups: [Int32], _ placed: [Bool]) {
        for (i, members) in units.enumerated() where !placed[i] {
            register.children[members[0]].searchedAtEpoch = vacancies.epoch
            var waitingSince = now
            for m in members { waitingSince = min(waitingSince, register.children[m].waitingSince) }
            let waited = now - waitingSince
            if waited >= scenario.findingHomes.plannedMaxWaitDays {
                placingReason = .waitedTooLong
                beginDecision(members, .waited)
                fallback(members, wantsMove: false)
            } else {
                register.waitingGroups.append(unitGroups[i])
            }
        }
    }

    /// Children placed in a poor-fit emergency or agency home move when a good in-house home frees.
    mutating func plannedMoves() {
        guard !register.moveRequests.isEmpty else { return }
        placingReason = .plannedMove
        let find = scenario.findingHomes
        let window = find.plannedMoveAfterDays + find.moveSearchDays
        var attempts = 0
        let vacantHouseholds = householdsWithVacancy
        // The list is filtered in place (kept requests move to the front); fields are read one
        // by one rather than copying each child's struct. Once no search is left to make, the
        // walk stops: every request past it would be kept or, no longer applying, dropped, and
        // one that no longer applies never applies again (`RequestList`), so it is dropped
        // when a later walk reaches it.
        let positions = register.moveRequests.positions
        var kept = positions.lowerBound, walked = positions.lowerBound, stopped = false
        for index in positions {
            if !stopped, attempts >= 2 || vacantHouseholds == 0, walkEnds(&stopped) { break }
            walked = index + 1
            let request = register.moveRequests[index]
            let c = Int(request.child)
            guard register.children[c].state == .placed, register.children[c].placementStamp == request.stamp,
                register.children[c].wantsMove, now - register.children[c].placedDay <= window
            else { continue }
            // A meeting considers a few planned moves (longest waiting first), not every one, and
            // does not repeat a search that found nothing while no place has freed since.
            guard register.children[c].searchedAtEpoch != vacancies.epoch else {
                if kept != index { register.moveRequests[kept] = request }
                kept += 1
                continue
            }
            attempts += 1
            guard attempts <= 2, vacantHouseholds > 0 else {
                if kept != index { register.moveRequests[kept] = request }
                kept += 1
                continue
            }
            // Brothers and sisters living together move together.
            let members = unitMates(c)
            if let best = bestInHouse(for: members, excluding: Int(register.children[c].household), minScore: find.poorFitScore) {
                for m in members {
                    vacate(m)
                    movesThisMonth += 1
                }
                placeInHouse(members, household: best.household, miles: best.miles)
            } else {
                register.children[c].searchedAtEpoch = vacancies.epoch
                if kept != index { register.moveRequests[kept] = request }
                kept += 1
            }
        }
        // Requests added while the list was walked are dropped, as when it was rebuilt.
        register.moveRequests.endWalk(read: walked, kept: kept, end: positions.upperBound)
    }

    /// Notes that a walk of a request list has nothing left to try (`stopped`, counted in
    /// `listWalksStoppedEarly`); whether the walk stops there: yes, unless the test mode
    /// `walkWholeLists` reads on.
    /// - Complexity: O(1).
    mutating func walkEnds(_ stopped: inout Bool) -> Bool {
        stopped = true
        listWalksStoppedEarly += 1
        return !walkWholeLists
    }

    /// Step-down moves: residential to foster care, agency to in-house, when a fitting place frees.
    mutating func stepDowns() {
        let steps = scenario.moves.stepDown
        guard steps.enabled, !register.stepDownList.isEmpty else { return }
        placingReason = .stepDown
        var moved = 0
        var attempts = 0
        let minDays = steps.afterMonths * Calendar.monthDays
        // Filtered in place like `moveRequests` above, and the walk stops once no step-down is
        // left to try.
        let positions = register.stepDownList.positions
        var kept = positions.lowerBound, walked = positions.lowerBound, stopped = false
        for index in positions {
            if !stopped, moved >= steps.maxPerMeeting || attempts >= 2 * max(1, steps.maxPerMeeting), walkEnds(&stopped) { break }
            walked = index + 1
            let request = register.stepDownList[index]
            let c = Int(request.child)
            let type = register.children[c].type
            guard register.children[c].state == .placed, register.children[c].placementStamp == request.stamp,
                register.children[c].stepDownReady, type == .residential || type == .ifaFoster
            else { continue }
            guard !stopped, now - register.children[c].placedDay >= minDays, register.children[c].searchedAtEpoch != vacancies.epoch
            else {
                if kept != index { register.stepDownList[kept] = request }
                kept += 1
                continue
            }
            attempts += 1
            let child = [c]
            if householdsWithVacancy > steps.reserveVacancies,
                let best = bestInHouse(for: child, excluding: -1, minScore: steps.minScore)
            {
                vacate(c)
                movesThisMonth += 1
                placeInHouse(child, household: best.household, miles: best.miles)
                moved += 1
            } else if type == .residential, scenario.ifa.enabled, ifaInUse < ifaCapacity {
                vacate(c)
                movesThisMonth += 1
                beginDecision(child, .searched)
                put(c, type: .ifaFoster, household: -1, over20: drawOver20(.ifaFoster, for: c), unit: nextUnit())
                moved += 1
            } else {
                if type == .ifaFoster || !scenario.ifa.enabled { register.children[c].searchedAtEpoch = vacancies.epoch }
                if kept != index { register.stepDownList[kept] = request }
                kept += 1
            }
        }
        // Children added while the list was walked (a step-down to an agency home that is
        // itself ready to step down) are dropped, as when the list was rebuilt.
        register.stepDownList.endWalk(read: walked, kept: kept, end: positions.upperBound)
    }
}
