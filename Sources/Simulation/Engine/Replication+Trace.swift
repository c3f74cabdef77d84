import CareModel
import Matching

/// The reference evaluation of an in-house placement about to be made, kept for its trace row.
struct PendingInHouse {
    var household: Int
    var score: Double
    var miles: Double
    var failedRules: [HardRule]
    var unit: SiblingGroup?
    var householdBefore: Household?
}

extension Replication {
    /// Before in-house household `h` takes `members`: how `Matcher.evaluate` sees the
    /// placement against the household as it is now (only called when tracing).
    ///
    /// The household's view is built here, not stored back, so that tracing cannot change a run.
    /// - Complexity: O(members + residents).
    mutating func traceInHouse(_ members: [Int], household h: Int) {
        let unit = siblingGroup(members)
        var view = households[h].household
        view.occupied = households[h].occupied
        view.status = households[h].onHold ? .onHold : .available
        view.residentAges = households[h].occupants.map { Int(register.children[Int($0)].age(at: now)) }
        let e = Matcher.evaluate(unit, view, policy: InHouseMatching.policy)
        pendingInHouse = PendingInHouse(
            household: h, score: e.score, miles: e.distanceMiles, failedRules: e.failedRules,
            unit: traceSnapshots ? unit : nil, householdBefore: traceSnapshots ? view : nil)
    }

    /// Records that child `c` was placed in `type` (household `h` or -1) as part of placement
    /// `unit`: a child placed in the same act as the previous row joins that row.
    /// - Complexity: amortised O(1).
    mutating func traceDecision(_ c: Int, type: PlacementType, household h: Int, unit: Int32) {
        guard trace != nil else { return }
        let last = trace!.count - 1
        if last >= 0, trace![last].placementUnit == unit, trace![last].run == traceRun, trace![last].day == now {
            trace![last].children.append(c)
            return
        }
        var decision = PlacementDecision(
            run: traceRun, day: now, children: [c], group: Int(register.children[c].group), setting: type, household: nil,
            score: nil, miles: nil, failedRules: [], reason: placingReason, noInHouseHome: placingFallback,
            unit: nil, householdBefore: nil, placementUnit: unit)
        if h >= 0 {
            decision.household = households[h].household.id
            if let pending = pendingInHouse, pending.household == h {
                decision.score = pending.score
                decision.miles = pending.miles
                decision.failedRules = pending.failedRules
                decision.unit = pending.unit
                decision.householdBefore = pending.householdBefore
            }
        }
        trace!.append(decision)
    }
}
