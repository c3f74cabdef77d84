import CareModel
import Matching

/// The search a placement decision under way came from: what the residual reason is when an
/// in-house household passes every rule (`TurnAwayReason`).
enum TurnAwaySearch: UInt8 {
    /// No in-house search: the care plan, a move's drawn destination, a residential move.
    case notSought
    /// An in-house search was made and found nothing it would offer.
    case searched
    /// A family-finding meeting did not place the unit before its planned wait ran out.
    case waited
    /// The unit is being placed in-house (far from home when recorded).
    case inHouse
}

/// The placement decision under way, for the turned-away record: the unit looked for a home
/// together and how; `serial` numbers decisions so each is recorded once however many
/// placements it makes.
struct TurnAwayContext {
    var members: [Int] = []
    var search = TurnAwaySearch.notSought
    /// A household not to count (the one a child has just left, or the one being placed with).
    var excluding = -1
    var day = -Double.infinity
    var serial: UInt32 = 0
    var recordedSerial: UInt32 = 0
}

extension Replication {
    /// Starts a placement decision for `members` (a child, or brothers and sisters looked for a
    /// home together), made by `search`. No allocation: the array is the caller's.
    @inline(__always)
    mutating func beginDecision(_ members: [Int], _ search: TurnAwaySearch, excluding: Int = -1) {
        turnAway.members = members
        turnAway.search = search
        turnAway.excluding = excluding
        turnAway.day = now
        turnAway.serial &+= 1
    }

    /// Called by `put` before child `c` is placed in `type` (`far`: in-house over
    /// `KPI.farFromHomeMiles` from home): records the decision the first time one of its
    /// children goes to an agency, residential care or a far in-house home, and counts each
    /// such child.
    mutating func recordTurnAway(_ c: Int, type: PlacementType, far: Bool) {
        guard type == .ifaFoster || type == .residential || (type == .inHouseFoster && far) else { return }
        var current = turnAway.day == now && turnAway.members.contains(c)
        if !current {
            if checkInvariants, violations.isEmpty {
                violations = ["child \(c) placed in \(type) at day \(now) outside a recorded decision"]
            }
            beginDecision([c], .notSought)
            current = true
        }
        if turnAway.recordedSerial == turnAway.serial, let last = turnedAway.indices.last {
            turnedAway[last].children &+= 1
            return
        }
        turnAway.recordedSerial = turnAway.serial
        let members = turnAway.members
        var minAge = Int.max, maxAge = Int.min, ageSum = 0
        var needs = Needs()
        var oldestAtRisk = -1
        for m in members {
            let age = Int(register.children[m].age(at: now))
            minAge = min(minAge, age)
            maxAge = max(maxAge, age)
            ageSum += age
            needs.formUnion(register.children[m].needs)
            if register.children[m].needs.contains(.exploitationRisk) { oldestAtRisk = max(oldestAtRisk, age) }
        }
        let nearHome = type == .inHouseFoster
        let residual: TurnAwayReason
        switch turnAway.search {
        case .notSought: residual = .notSought
        case .searched: residual = .passedNotOffered
        case .waited: residual = .waitedPastPlannedWait
        case .inHouse: residual = .nearerHomeNotChosen
        }
        let reason = bindingReason(
            row: kernelRow(members), homeDistrict: Int(register.children[members[0]].district), excluding: turnAway.excluding,
            constants: nearHome ? InHouseMatching.nearHomeConstants : InHouseMatching.constants, residual: residual)
        if checkTurnAwayReasons { recheckReason(reason, members: members, nearHome: nearHome, residual: residual) }
        let first = members[0]
        turnedAway.append(TurnedAwayDecision(
            day: now, home: register.children[first].home, reason: reason, district: Int16(register.children[first].district),
            size: UInt8(clamping: members.count), children: 1, minAge: Int8(clamping: minAge), maxAge: Int8(clamping: maxAge),
            ageSum: Int16(clamping: ageSum), oldestAtRisk: Int8(clamping: oldestAtRisk), request: register.children[first].request,
            needs: needs, nearHomeLimit: nearHome))
    }

    /// The binding reason no in-house household with a vacancy could take the unit `row`
    /// (see `TurnAwayReason`): the latest, in the order of the reasons, of each household's
    /// first failing rule; `residual` when a household passes every rule.
    ///
    /// The answer is a maximum over households, so they may be read in any order; districts are
    /// read nearest to `homeDistrict` first, so the answer soon reaches the distance rule. A
    /// household can only move the answer on if it passes every rule up to the latest found so
    /// far, so once that is the distance rule or later, a district whose every household is
    /// beyond the limit (`DistrictBounds`) is passed over whole, and once it is the places or
    /// later, so is a district with no household of enough free places
    /// (`VacancyIndex.hasFree`). Within a district, the age range
    /// and places are tested a vector of households at a time (`VacancyIndex.reasonScan`), and a
    /// household passing both has its first failing rule up to approval read from the listed
    /// approvals and the kernel's fixed columns (distance, required skills:
    /// `HouseholdColumns.fixedRulesFailed`), the same tests as `ScoringKernel.failedRules`; only a
    /// household passing all of those has its occupancy brought up to date for the last rules
    /// (`failedRulesNow`).
    /// - Complexity: O(districts + households with a vacancy in the districts read), no allocation.
    mutating func bindingReason(row: UnitRow, homeDistrict: Int, excluding: Int, constants: KernelConstants, residual: TurnAwayReason)
        -> TurnAwayReason
    {
        var latest = TurnAwayReason.noVacancy
        let districts = vacancies.districtCount
        let order = homeDistrict >= 0 && homeDistrict < districts ? homeDistrict * districts : 0
        let excluded = Int32(truncatingIfNeeded: excluding)
        var kept = buffers.takePassing(count: vacancies.entryCount)
        defer { buffers.passing = kept }
        for position in 0 ..< districts {
            let d = homeDistrict >= 0 && homeDistrict < districts ? Int(start.districtOrder[order + position]) : position
            if latest >= .distance, kernel.districtBounds.allBeyond(d, row, maxDistanceSquared: constants.maxDistanceSquared) { continue }
            // Every household of a district with none of `size` free places fails at the age
            // range or the places at the latest, which moves the answer on no further.
            if latest >= .places, !vacancies.hasFree(Int32(row.size), in: d) { continue }
            // The households failing the age range or the places are read a vector at a time;
            // only those passing both (and, once the answer has reached approval, sharing one)
            // are read one by one.
            let scan = kept.withUnsafeMutableBufferPointer { out in
                vacancies.reasonScan(
                    district: d, into: out, excluded: excluded, size: Int32(row.size), youngest: row.minAge, oldest: row.maxAge,
                    approval: latest >= .approval ? row.approval : 0)
            }
            if scan.failsAge { latest = max(latest, .ageRange) }
            if scan.failsPlaces { latest = max(latest, .places) }
            // The kept households' kernel records lie scattered through memory: all are asked
            // for before the first is read (`Prefetch`).
            for j in 0 ..< scan.kept { kernel.columns.prefetchRecord(household: Int(vacancies.household[Int(kept[j])])) }
            for j in 0 ..< scan.kept {
                let v = vacancies.fact(Int(kept[j]))
                let h = Int(v.household)
                // The first failing rule after the places, read from the kernel's fixed columns
                // (distance, required skills) and the listed approvals; only a household passing
                // all of those needs its occupancy brought up to date (`failedRulesNow`).
                let first: TurnAwayReason
                let fixed = kernel.columns.fixedRulesFailed(row, household: h, constants: constants)
                if fixed.contains(.distance) {
                    first = .distance
                } else if fixed.contains(.requiredSkills) {
                    first = .skills
                } else if Int32(v.approvals) & row.approval == 0 {
                    first = .approval
                } else {
                    first = TurnAwayReason(firstFailing: failedRulesNow(row, h, constants: constants)) ?? residual
                }
                if first > latest {
                    latest = first
                    if latest == residual { return residual }
                }
            }
        }
        return latest
    }

    /// The hard rules household `h` fails for `row` as it is now (its kernel row brought up to
    /// date first, as the engine's next read would bring it: `bringRowUpToDate`).
    /// - Complexity: O(residents of `h`), no allocation.
    mutating func failedRulesNow(_ row: UnitRow, _ h: Int, constants: KernelConstants) -> HardRuleMask {
        bringRowUpToDate(h)
        return Self.failedRules(row, kernel.columns, h, constants: constants)
    }

    /// `ScoringKernel.failedRules` on row `h` of `columns` (static, with the columns borrowed,
    /// so that reading them copies nothing).
    static func failedRules(_ row: UnitRow, _ columns: HouseholdColumns, _ h: Int, constants: KernelConstants) -> HardRuleMask {
        columns.failedRules(row, household: h, constants: constants)
    }
}

extension Replication {
    /// For tests: the binding reason found again by the reference evaluator (`Matcher.evaluate`
    /// on each household's view as it is now), the rules applied as filters one after another
    /// in the reasons' order; a difference is recorded in `violations`. Decisions where a
    /// household lies within 0.05 miles of the distance limit (where the kernel's projected
    /// distance and the haversine distance may disagree) are skipped.
    mutating func recheckReason(_ reason: TurnAwayReason, members: [Int], nearHome: Bool, residual: TurnAwayReason) {
        var policy = InHouseMatching.policy
        if nearHome { policy.maxDistanceMiles = KPI.farFromHomeMiles }
        let unit = siblingGroup(members)
        var remaining: [[HardRule]] = []
        for h in households.indices where households[h].takesChildren && h != turnAway.excluding {
            var view = households[h].household
            view.occupied = households[h].occupied
            view.status = households[h].onHold ? .onHold : .available
            view.residentAges = households[h].occupants.map { Int(register.children[Int($0)].age(at: now)) }
            let e = Matcher.evaluate(unit, view, policy: policy)
            if abs(e.distanceMiles - policy.maxDistanceMiles) < 0.05 { return }
            remaining.append(e.failedRules)
        }
        turnAwayRechecks += 1
        let filters: [(TurnAwayReason, [HardRule])] = [
            (.ageRange, [.ageRange]), (.places, [.freePlaces]), (.distance, [.distance]), (.skills, [.requiredSkills]),
            (.approval, [.approval]), (.soloOrExploitation, [.solo, .exploitationRisk]),
        ]
        var expected = remaining.isEmpty ? TurnAwayReason.noVacancy : residual
        if !remaining.isEmpty {
            for (candidate, rules) in filters {
                remaining.removeAll { failed in failed.contains { rules.contains($0) } }
                if remaining.isEmpty { expected = candidate; break }
            }
        }
        if expected != reason, violations.isEmpty {
            violations = ["day \(now): children \(members) turned away for \(reason.key), the reference evaluator says \(expected.key)"]
        }
    }
}

extension TurnAwayReason {
    /// The first of a household's failed rules in the reasons' order (nil when it passes all).
    init?(firstFailing failed: HardRuleMask) {
        if failed.isEmpty { return nil }
        if failed.contains(.householdAvailable) { self = .noVacancy }
        else if failed.contains(.ageRange) { self = .ageRange }
        else if failed.contains(.freePlaces) { self = .places }
        else if failed.contains(.distance) { self = .distance }
        else if failed.contains(.requiredSkills) { self = .skills }
        else if failed.contains(.approval) { self = .approval }
        else { self = .soloOrExploitation }
    }
}
