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
    /// Scratch list of the stale kernel rows `bindingReason` brings up to date (reused).
    var savedRows: [SavedKernelRow] = []
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
            let age = Int(children[m].age(at: now))
            minAge = min(minAge, age)
            maxAge = max(maxAge, age)
            ageSum += age
            needs.formUnion(children[m].needs)
            if children[m].needs.contains(.exploitationRisk) { oldestAtRisk = max(oldestAtRisk, age) }
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
            row: kernelRow(members), excluding: turnAway.excluding,
            constants: nearHome ? InHouseMatching.nearHomeConstants : InHouseMatching.constants, residual: residual)
        if checkTurnAwayReasons { recheckReason(reason, members: members, nearHome: nearHome, residual: residual) }
        let first = members[0]
        turnedAway.append(TurnedAwayDecision(
            day: now, home: children[first].home, reason: reason, district: Int16(children[first].district),
            size: UInt8(clamping: members.count), children: 1, minAge: Int8(clamping: minAge), maxAge: Int8(clamping: maxAge),
            ageSum: Int16(clamping: ageSum), oldestAtRisk: Int8(clamping: oldestAtRisk), request: children[first].request,
            needs: needs, nearHomeLimit: nearHome))
    }

    /// The binding reason no in-house household with a vacancy could take the unit `row`
    /// (see `TurnAwayReason`): the latest, in the order of the reasons, of each household's
    /// first failing rule; `residual` when a household passes every rule.
    ///
    /// Stale kernel rows are brought up to date for the check and then put back as they were,
    /// so that recording never changes what the engine sees later (rows not stale are read as
    /// the engine reads them).
    /// - Complexity: O(households with a vacancy + residents of stale ones), no allocation once
    ///   the scratch list of saved rows is large enough.
    mutating func bindingReason(row: UnitRow, excluding: Int, constants: KernelConstants, residual: TurnAwayReason)
        -> TurnAwayReason
    {
        var saved = turnAway.savedRows
        turnAway.savedRows = []
        saved.removeAll(keepingCapacity: true)
        for list in vacantByDistrict {
            for h32 in list where kernel.stale[Int(h32)] {
                let h = Int(h32)
                saved.append(SavedKernelRow(
                    household: h, free: kernel.columns.free[h], places: kernel.columns.places[h], occupied: kernel.columns.occupied[h],
                    youngestResident: kernel.columns.youngestResident[h], residentMeanAge: kernel.columns.residentMeanAge[h],
                    ageFitNeutral: kernel.columns.ageFitNeutral[h], residentCount: kernel.columns.residentCounts[h]))
                let now = occupancy(h)
                kernel.columns.setOccupancy(
                    at: h, available: now.available, freePlaces: now.free, occupied: now.occupied, residentCount: now.residents,
                    residentAgeSum: now.ageSum, youngestResident: now.youngest)
            }
        }
        var latest = TurnAwayReason.noVacancy
        kernel.columns.withView { view in
            for list in vacantByDistrict {
                for h32 in list where Int(h32) != excluding {
                    let first = TurnAwayReason(firstFailing: ScoringKernel.failedRules(row, view, Int(h32), constants: constants)) ?? residual
                    if first > latest { latest = first }
                    if latest == residual { return }
                }
            }
        }
        for row in saved {
            let h = row.household
            kernel.columns.free[h] = row.free
            kernel.columns.places[h] = row.places
            kernel.columns.occupied[h] = row.occupied
            kernel.columns.youngestResident[h] = row.youngestResident
            kernel.columns.residentMeanAge[h] = row.residentMeanAge
            kernel.columns.ageFitNeutral[h] = row.ageFitNeutral
            kernel.columns.residentCounts[h] = row.residentCount
        }
        turnAway.savedRows = saved
        return latest
    }
}

/// The changing columns of a stale kernel row, kept while `bindingReason` brings it up to date.
struct SavedKernelRow {
    var household: Int
    var free, places, occupied, youngestResident: Int32
    var residentMeanAge, ageFitNeutral: Double
    var residentCount: Int32
}

extension Replication {
    /// For tests: the binding reason found again by the reference evaluator (`Matcher.evaluate`
    /// on each household's view as it is now), the rules applied as filters one after another
    /// in the reasons' order; a difference is recorded in `violations`. Decisions where a
    /// household lies within 0.05 miles of the distance limit (where the kernel's projected
    /// distance and the haversine distance may disagree), or where a child at risk of
    /// exploitation meets a household with residents, are skipped.
    mutating func recheckReason(_ reason: TurnAwayReason, members: [Int], nearHome: Bool, residual: TurnAwayReason) {
        var policy = InHouseMatching.policy
        if nearHome { policy.maxDistanceMiles = KPI.farFromHomeMiles }
        let unit = siblingGroup(members)
        var remaining: [[HardRule]] = []
        for h in households.indices where households[h].takesChildren && h != turnAway.excluding {
            var view = households[h].household
            view.occupied = households[h].occupied
            view.status = households[h].onHold ? .onHold : .available
            view.residentAges = households[h].occupants.map { Int(children[Int($0)].age(at: now)) }
            // The kernel keeps residents' ages as of the household's last change; the reference
            // takes them today, so the exploitation rule may differ where residents have aged.
            if unit.needs.contains(.exploitationRisk), !view.residentAges.isEmpty { return }
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
