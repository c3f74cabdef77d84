import CareModel
@testable import Matching
import Testing

/// Waiting lists far longer than the homes: the joint planner's cuts, against brute force.
///
/// A county of a few kinds of children, each copied several times at other homes (copies
/// score differently, and interact with the rest of a home alike), with fewer free places
/// than copies, so that every household has more feasible units than could ever be placed.
func crowdedCounty(_ rng: inout Xoshiro256StarStar) -> ([SiblingGroup], [Household]) {
    let kinds = RandomCounty.children(Int.random(in: 1...3, using: &rng), rng: &rng, groupShare: 0.3).map { c -> Child in
        var c = c
        if rng.nextUnit() < 0.15 { c.needs.insert(.exploitationRisk) }
        if rng.nextUnit() < 0.05 { c.needs.insert(.solo) }
        return c
    }
    var children: [Child] = []
    let copies = Int.random(in: 2...4, using: &rng)
    for copy in 0..<copies {
        let shift = Double(Int.random(in: -200...200, using: &rng)) / 10_000
        for child in kinds where children.count < 7 {
            var c = child
            c.id = ChildID("\(child.id.rawValue)-\(copy)")
            c.groupID = child.groupID.map { GroupID("\($0.rawValue)-\(copy)") }
            c.home.latitude += shift
            c.home.longitude -= shift
            children.append(c)
        }
    }
    let households = RandomCounty.households(Int.random(in: 1...2, using: &rng), rng: &rng).map { h -> Household in
        var h = h
        h.occupied = 0
        h.places = Int.random(in: 1...3, using: &rng)
        h.status = .available
        h.approvals = [.shortTerm, .longTerm, .emergency, .respite, .parentAndChild]
        h.ageRange = 0...17
        return h
    }
    return (SiblingGroup.groups(of: children), households)
}

/// Dropping a household's same-kind duplicates beyond the best of as many sibling groups as
/// there are free places loses no optimum: the plan equals brute force on every level and is
/// proven. The candidate limit of 1 makes the cut apply whenever a home has more feasible units
/// than free places in all homes.
@Test func sameKindCutKeepsTheOptimum() {
    var rng = Xoshiro256StarStar(seed: 1717)
    var policy = MatchPolicy.default
    policy.candidateLimit = 1
    var cut = 0
    for trial in 0..<600 {
        let (groups, households) = crowdedCounty(&rng)
        let planner = JointPlanner(groups: groups, households: households, policy: policy)
        let places = households.reduce(0) { $0 + $1.freePlaces }
        let feasible = planner.pairs.reduce(0) { $0 + $1.count }
        let table = planner.configurations
        let listed = (0..<table.householdCount).reduce(0) { total, h in total + Set(table.units[table.entries(of: h)]).count }
        if listed < feasible && feasible > places { cut += 1 }
        let plan = Matcher.plan(groups: groups, households: households, policy: policy)
        let truth = bruteForceJointPlan(groups, households, policy)
        #expect(PlanValue(plan) == truth, "trial \(trial): plan \(PlanValue(plan)), brute force \(truth)")
        #expect(plan.bound?.optimal == true && plan.bound?.listsCut == false, "trial \(trial)")
        #expect(jointPlanBreaksNoRule(plan, households, policy), "trial \(trial)")
    }
    // The instances exercise the cut.
    #expect(cut > 100, "\(cut) instances with units cut")
}

/// Cutting crowded households to their best units is not exact: the plan says so, still
/// breaks no rule, and its simple bounds hold against brute force.
@Test func crowdedCutIsMarkedAndItsBoundsHold() {
    var rng = Xoshiro256StarStar(seed: 1718)
    var policy = MatchPolicy.default
    policy.candidateLimit = 1
    // Cut as crowded homes, or by a small total for all homes.
    let tightLimits = [PlanLimits(crowdedConfigurations: 0, crowdedBudget: 2), PlanLimits(totalConfigurations: 4)]
    var marked = [0, 0], belowOptimum = 0
    for trial in 0..<600 {
        let (groups, households) = crowdedCounty(&rng)
        let plan = Matcher.plan(groups: groups, households: households, policy: policy, limits: tightLimits[trial % 2])
        let truth = bruteForceJointPlan(groups, households, policy)
        let value = PlanValue(plan)
        let bound = plan.bound!
        #expect(jointPlanBreaksNoRule(plan, households, policy), "trial \(trial)")
        #expect(value <= truth, "trial \(trial)")
        #expect(bound.childrenPossible >= truth.children, "trial \(trial): \(bound.childrenPossible) < \(truth.children)")
        #expect(bound.childScoreBound * 100 >= Double(truth.cents) - 0.5, "trial \(trial): \(bound.childScoreBound) below \(truth)")
        if bound.listsCut {
            marked[trial % 2] += 1
            #expect(!bound.optimal, "trial \(trial)")
        }
        if value < truth { belowOptimum += 1 }
    }
    // Both ways of cutting are exercised.
    #expect(marked.allSatisfy { $0 > 50 }, "\(marked) plans with lists cut (crowded homes, total)")
    // The cut does lose the optimum sometimes: the mark is needed.
    #expect(belowOptimum > 0, "\(belowOptimum) plans below the optimum")
}

/// Water-filling: the shares fit the total, a household wanting less than the final level
/// keeps all it wants, and every household cut gets the same share, no less than any kept
/// household wants.
@Test func sharesOfTheTotalAreWaterFilled() {
    var rng = Xoshiro256StarStar(seed: 1719)
    for trial in 0..<3000 {
        let count = Int.random(in: 1...40, using: &rng)
        let wanted = (0..<count).map { _ in Double(Int.random(in: 0...1_000, using: &rng)) }
        let limits = PlanLimits(totalConfigurations: Int.random(in: 1...20_000, using: &rng))
        let shares = limits.shares(wanted)
        let listed = zip(wanted, shares).reduce(0.0) { $0 + min($1.0, $1.1) }
        if wanted.reduce(0, +) <= Double(limits.totalConfigurations) {
            #expect(shares.allSatisfy { $0 == .infinity }, "trial \(trial)")
            continue
        }
        // (Every household keeps at least one configuration, so a total below the count of
        // households is exceeded by that floor only.)
        #expect(listed <= Double(max(limits.totalConfigurations, count)) + 1e-6 * Double(count), "trial \(trial): \(listed)")
        let cut = shares.filter { $0 != .infinity }
        #expect(!cut.isEmpty, "trial \(trial)")
        // One level for every household cut (at least 1 configuration).
        #expect(Set(cut.map { ($0 * 1e6).rounded() }).count == 1, "trial \(trial): \(cut)")
        for h in wanted.indices where shares[h] == .infinity {
            #expect(wanted[h] <= cut[0] + 1e-9 || cut[0] == 1, "trial \(trial)")
        }
        for h in wanted.indices where shares[h] != .infinity { #expect(wanted[h] > shares[h], "trial \(trial)") }
    }
}

/// The configuration table is the same whether households are listed in order into one table
/// or over several chunks run concurrently and joined (as large plans are), on random counties
/// whose homes take one unit or several, some crowded.
@Test func configurationsListedInChunksAreTheSameTable() {
    var rng = Xoshiro256StarStar(seed: 2209)
    var multiUnitHomes = 0
    for trial in 0..<40 {
        let groups = SiblingGroup.groups(of: RandomCounty.children(Int.random(in: 20...120, using: &rng), rng: &rng))
        let households = RandomCounty.households(Int.random(in: 5...80, using: &rng), rng: &rng)
        var policy = MatchPolicy.default
        if trial % 4 == 0 { policy.candidateLimit = 1 }
        var planner = JointPlanner(groups: groups, households: households, policy: policy)
        planner.listConfigurations(chunks: 1)
        let inOrder = planner.configurations
        for h in 0..<inOrder.householdCount where (0..<inOrder.count(of: h)).contains(where: { inOrder.range(h, $0).count > 1 }) {
            multiUnitHomes += 1
        }
        for chunks in [2, 7, households.count + 3] {
            planner.listConfigurations(chunks: chunks)
            #expect(planner.configurations == inOrder, "trial \(trial), \(chunks) chunks")
            #expect(planner.configurations.householdCount == households.count)
        }
    }
    // The counties exercise homes taking several units together.
    #expect(multiUnitHomes > 100, "\(multiUnitHomes) homes with a configuration of several units")
}
