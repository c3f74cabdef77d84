import CareModel
@testable import Matching
import Testing

// Callers that only rank (the joint planner's pair scoring and starts, the simulator) ask for
// evaluations and baseline plans without the words; these must agree with the explained ones
// on everything but the words, over many random pairs and plans.

@Test func unexplainedEvaluationHasTheSameRulesPointsAndScore() {
    var rng = Xoshiro256StarStar(seed: 77)
    let children = RandomCounty.children(300, rng: &rng)
    let households = RandomCounty.households(80, rng: &rng)
    var compared = 0, feasible = 0
    for group in SiblingGroup.groups(of: children) {
        for household in households {
            for split in [false, true] {
                let atRisk = split ? [Int(rng.next() % 18)] : []
                let full = Matcher.evaluate(group, household, policy: .default, isSplitPart: split, residentsAtRisk: atRisk)
                let bare = Matcher.evaluate(group, household, policy: .default, isSplitPart: split, residentsAtRisk: atRisk, explained: false)
                #expect(bare.feasible == full.feasible)
                #expect(bare.failedRules == full.failedRules)
                #expect(bare.checks.map(\.rule) == full.checks.map(\.rule))
                #expect(bare.checks.map(\.passed) == full.checks.map(\.passed))
                #expect(bare.score.bitPattern == full.score.bitPattern)
                #expect(bare.distanceMiles.bitPattern == full.distanceMiles.bitPattern)
                #expect(bare.breakdown.map(\.criterion) == full.breakdown.map(\.criterion))
                #expect(bare.breakdown.map(\.points.bitPattern) == full.breakdown.map(\.points.bitPattern))
                #expect(bare.breakdown.allSatisfy { $0.reason.isEmpty } && bare.checks.allSatisfy { $0.detail.isEmpty })
                // The explained evaluation does carry words, so the comparison above means something.
                #expect(full.checks.allSatisfy { !$0.detail.isEmpty })
                compared += 1
                if full.feasible { feasible += 1 }
            }
        }
    }
    #expect(compared > 10_000 && feasible > 100)
}

@Test func baselinesWithoutWordsMakeTheSamePlacements() {
    var rng = Xoshiro256StarStar(seed: 78)
    for _ in 0..<40 {
        let groups = SiblingGroup.groups(of: RandomCounty.children(40, rng: &rng))
        let households = RandomCounty.households(25, rng: &rng)
        for explained in [true, false] {
            let plans = explained
                ? [Matcher.roundOptimalPlan(groups: groups, households: households, policy: .default),
                   Matcher.greedyPlan(groups: groups, households: households, policy: .default)]
                : [Matcher.roundOptimalPlan(groups: groups, households: households, policy: .default, explained: false),
                   Matcher.greedyPlan(groups: groups, households: households, policy: .default, explained: false)]
            let reference = [Matcher.roundOptimalPlan(groups: groups, households: households, policy: .default),
                             Matcher.greedyPlan(groups: groups, households: households, policy: .default)]
            for (plan, full) in zip(plans, reference) {
                #expect(plan.entries.map(\.group.id) == full.entries.map(\.group.id))
                #expect(plan.entries.map(\.placement.household) == full.entries.map(\.placement.household))
                #expect(plan.entries.map(\.placement.score.bitPattern) == full.entries.map(\.placement.score.bitPattern))
                #expect(plan.entries.map(\.round) == full.entries.map(\.round))
                #expect(plan.unplaced.map(\.group.id) == full.unplaced.map(\.group.id))
                if !explained { #expect(plan.unplaced.allSatisfy { $0.reasons.isEmpty && $0.nearMisses.isEmpty }) }
            }
        }
    }
}
