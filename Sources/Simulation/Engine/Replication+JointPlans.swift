import CareModel
import Matching

/// Joint plans at family-finding meetings: the engine's plan (`Matcher.plan`), or the plan read
/// off each unit's best household, or found by trying every assignment of a few units, when the
/// planner's shortcuts (`SeparateBests`, `SmallPlans`) prove it is the same.
extension Replication {
    /// The most units for which `jointPlan` tries `SeparateBests` (it settles a plan only when no
    /// two units could share a home, which at national size never held for a part of more than
    /// eight). Skipping it never changes a plan, as it gives `Matcher.plan`'s when it gives one.
    static let separateBestsUnitLimit = 8

    /// The joint plan for units `planned` (indices into `units`) over households `candidateSet`:
    /// (unit index, household, miles) in the plan's order.
    ///
    /// With matching on, the units and households are handed to `SmallPlans.plan` (a few units:
    /// every assignment tried) and then `SeparateBests.plan` first, as the plan sees them now (residents' ages today; placements made
    /// since only take places away and tighten the rules); when one settles the plan,
    /// `Matcher.plan` is not run. The test mode `checkPlanShortcut` runs it anyway and records
    /// any difference in `violations`.
    mutating func jointPlan(_ units: [[Int]], _ planned: [Int], _ candidateSet: [Int])
        -> [(unit: Int, household: Int, miles: Double)]
    {
        let views = candidateSet.map { refreshedHousehold($0) }
        let groupsForPlan = planned.map { siblingGroup(units[$0]) }
        let useEngine = scenario.findingHomes.matchingEnabled
        // Identifiers must name one household each for either plan to map back.
        if useEngine, householdIDsUnique {
            var picks = SmallPlans.plan(groups: groupsForPlan, households: views, policy: InHouseMatching.policy)
            if picks == nil, planned.count <= Self.separateBestsUnitLimit {
                picks = SeparateBests.plan(groups: groupsForPlan, households: views, policy: InHouseMatching.policy)
            }
            if let picks {
                let settled = picks.enumerated().compactMap { k, i -> (unit: Int, household: Int, miles: Double)? in
                    guard i >= 0 else { return nil }
                    return (planned[k], candidateSet[i], register.children[units[planned[k]][0]].home.distanceMiles(to: views[i].location))
                }
                if checkPlanShortcut {
                    let reference = InHouseMatching.plan(groups: groupsForPlan, households: views, useEngine: true)
                        .map { (unit: planned[$0.group], household: candidateSet[$0.household], miles: $0.miles) }
                    let same = reference.count == settled.count && zip(reference, settled).allSatisfy {
                        $0.unit == $1.unit && $0.household == $1.household && $0.miles.bitPattern == $1.miles.bitPattern
                    }
                    planShortcutChecks += 1
                    if !same, violations.isEmpty {
                        violations = ["plan shortcut at day \(now): \(settled) but Matcher.plan gives \(reference)"]
                    }
                }
                return settled
            }
        }
        // The households' rows are coded with the kernel's own code book, as they stand there.
        // A meeting's units are one per sibling group ("g" and the group, or a lone child's "c"
        // and the child), so their identifiers are distinct.
        let codes = useEngine ? (book: kernel.codes, rows: candidateSet.map { kernel.columns.rowCodes($0) }) : nil
        let plan = InHouseMatching.plan(groups: groupsForPlan, households: views, useEngine: useEngine, knownCodes: codes,
                                        identifiersUnique: householdIDsUnique)
        if checkPlanShortcut, useEngine {
            // The plan read from the matching engine's own plan (its code book, its entries).
            let plain = InHouseMatching.plan(groups: groupsForPlan, households: views, useEngine: true)
            let same = plain.count == plan.count && zip(plain, plan).allSatisfy {
                $0.group == $1.group && $0.household == $1.household && $0.miles.bitPattern == $1.miles.bitPattern
            }
            if !same, violations.isEmpty {
                violations = ["plan with the kernel's codes at day \(now): \(plan) but the engine's plan is \(plain)"]
            }
        }
        return plan.map { (planned[$0.group], candidateSet[$0.household], $0.miles) }
    }
}

extension Replication {
    /// For tests: plans the whole meeting at once with `Matcher.plan` (every planned unit over
    /// every household of the `pool`) and checks that the parts planned one by one
    /// (`planWaitingGroups`: `parts` of indices into `planned`, each over its `partHouseholds`)
    /// reach the same objective: as many children placed, and the same score counted per child
    /// (within the per-criterion rounding) when the whole plan is proven optimal, no less when
    /// it is not. Each part is planned by `Matcher.plan` too (`jointPlan`'s shortcuts and
    /// `bestForLoneUnit` are checked against it there). A difference is recorded in
    /// `violations`; nothing is placed.
    mutating func checkMeetingParts(_ units: [[Int]], _ planned: [Int], pool: [Int], parts: [[Int]], partHouseholds: [[Int]]) {
        guard householdIDsUnique else { return }
        let policy = InHouseMatching.policy
        let perChild = { (plan: MatchPlan) in plan.entries.reduce(0.0) { $0 + $1.placement.score * Double($1.group.size) } }
        let whole = Matcher.unexplainedPlan(
            groups: planned.map { siblingGroup(units[$0]) }, households: pool.map { refreshedHousehold($0) }, policy: policy)
        var partsChildren = 0, partsScore = 0.0, partsOptimal = true
        for (part, households) in zip(parts, partHouseholds) {
            let plan = Matcher.unexplainedPlan(
                groups: part.map { siblingGroup(units[planned[$0]]) }, households: households.map { refreshedHousehold($0) }, policy: policy)
            partsChildren += plan.statistics.childrenPlaced
            partsScore += perChild(plan)
            partsOptimal = partsOptimal && (plan.bound?.optimal ?? true)
        }
        meetingPartChecks += 1
        let wholeChildren = whole.statistics.childrenPlaced, wholeScore = perChild(whole)
        let tolerance = 0.05 * Double(max(wholeChildren, partsChildren))
        let wholeOptimal = whole.bound?.optimal ?? true
        let agree: Bool
        if wholeOptimal, partsOptimal {
            agree = wholeChildren == partsChildren && abs(wholeScore - partsScore) <= tolerance
        } else {
            agree = partsChildren > wholeChildren || (partsChildren == wholeChildren && partsScore >= wholeScore - tolerance)
        }
        if !agree, violations.isEmpty {
            violations = ["meeting at day \(now): parts place \(partsChildren) children scoring \(partsScore), the whole plan \(wholeChildren) scoring \(wholeScore)"]
        }
    }
}
