import CareModel
import Matching
import Testing

/// `Matcher.unexplainedPlan` against `Matcher.plan` on random counties: the same placements in
/// the same order (group, household, score and distance to the bit, round, split part), the
/// same groups left unplaced, and no words for the unplaced where `Matcher.plan` has them.
@Suite struct UnexplainedPlanTests {
    @Test func samePlacementsAsThePlanWithoutTheWords() {
        var rng = Xoshiro256StarStar(seed: 2611)
        var withUnplaced = 0, withSplits = 0, placements = 0
        for trial in 0..<1_500 {
            let children = RandomCounty.children(Int.random(in: 1...9, using: &rng), rng: &rng)
            let groups = SiblingGroup.groups(of: children)
            let households = RandomCounty.households(Int.random(in: 1...8, using: &rng), rng: &rng)
            let explained = Matcher.plan(groups: groups, households: households, policy: .default)
            let plain = Matcher.unexplainedPlan(groups: groups, households: households, policy: .default)
            let same = explained.entries.count == plain.entries.count && zip(explained.entries, plain.entries).allSatisfy { a, b in
                a.group.id == b.group.id && a.placement.household == b.placement.household
                    && a.placement.children == b.placement.children
                    && a.placement.score.bitPattern == b.placement.score.bitPattern
                    && a.placement.distanceMiles.bitPattern == b.placement.distanceMiles.bitPattern
                    && a.round == b.round && a.isSplitPart == b.isSplitPart && a.residentsAtRisk == b.residentsAtRisk
            }
            #expect(same, "trial \(trial): \(explained.entries.map(\.placement)) vs \(plain.entries.map(\.placement))")
            #expect(explained.unplaced.map(\.group.id) == plain.unplaced.map(\.group.id), "trial \(trial)")
            #expect(plain.unplaced.allSatisfy { $0.reasons.isEmpty && $0.nearMisses.isEmpty }, "trial \(trial)")
            #expect(explained.unplaced.allSatisfy { !$0.reasons.isEmpty }, "trial \(trial)")
            if !explained.unplaced.isEmpty { withUnplaced += 1 }
            if explained.entries.contains(where: \.isSplitPart) { withSplits += 1 }
            placements += explained.entries.count
        }
        // Counties where some children wait and where groups split both occur, so each part is exercised.
        #expect(withUnplaced >= 100, "instances with unplaced children: \(withUnplaced)")
        #expect(withSplits >= 10, "instances with split groups: \(withSplits)")
        #expect(placements >= 1_000, "placements \(placements)")
    }
}
