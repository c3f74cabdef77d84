import CareModel
@testable import Matching
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
            let same = sameEntries(explained, plain)
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

    /// The baselines' placements read by position give the search the same starts as their
    /// plans read by identifier, and the same plan to the bit, split sibling groups included.
    @Test func sameStartsFromTheBaselinesPlacements() {
        var rng = Xoshiro256StarStar(seed: 2613)
        var withSplits = 0, startsPlaced = 0
        for trial in 0..<1_200 {
            let children = RandomCounty.children(Int.random(in: 1...9, using: &rng), rng: &rng)
            let groups = SiblingGroup.groups(of: children)
            let households = RandomCounty.households(Int.random(in: 1...8, using: &rng), rng: &rng)
            let prepared = PlanEngine(groups: groups, households: households, policy: .default)
            let plans = [Matcher.roundOptimalPlan(groups: groups, households: households, policy: .default, explained: false, prepared: prepared),
                         Matcher.greedyPlan(groups: groups, households: households, policy: .default, explained: false, prepared: prepared)]
            var rounds = prepared, greedy = prepared
            rounds.recordsEntries = false
            greedy.recordsEntries = false
            _ = Matcher.placeInRounds(&rounds)
            _ = Matcher.placeGreedily(&greedy)
            #expect(rounds.entries.isEmpty && greedy.entries.isEmpty, "trial \(trial): entries recorded")
            let planner = JointPlanner(groups: groups, households: households, policy: .default, prepared: prepared)
            let byIdentifier = planner.baselineStarts(plans)
            let byPosition = planner.baselineStarts(placements: [rounds.placedAt, greedy.placedAt], unitsOf: [rounds, greedy])
            #expect(byIdentifier == byPosition, "trial \(trial): \(byIdentifier) vs \(byPosition)")
            // The plan searched from them is the one searched from the plans' starts.
            let fromPlans = planner.plan(timeLimit: nil, nodeLimit: Matcher.defaultNodeLimit, households: households, starts: byIdentifier)
            let fromPlacements = planner.plan(timeLimit: nil, nodeLimit: Matcher.defaultNodeLimit, households: households, starts: byPosition)
            let same = sameEntries(fromPlans, fromPlacements)
            #expect(same, "trial \(trial): \(fromPlans.entries.map(\.placement)) vs \(fromPlacements.entries.map(\.placement))")
            if plans.contains(where: { $0.entries.contains(where: \.isSplitPart) }) { withSplits += 1 }
            startsPlaced += byPosition.reduce(0) { $0 + $1.filter { $0 >= 0 }.count }
        }
        #expect(withSplits >= 10, "instances whose baselines place split parts: \(withSplits)")
        #expect(startsPlaced >= 1_000, "households in the starts: \(startsPlaced)")
    }

    /// The placements read without building the plan are the plan's: every whole group placed,
    /// with its household, in the plan's order (split parts left out), on counties where groups
    /// split and homes take several units.
    @Test func placementsAreThePlansWholeGroups() {
        var rng = Xoshiro256StarStar(seed: 2614)
        var placements = 0, sharedHomes = 0
        for trial in 0..<1_200 {
            let children = RandomCounty.children(Int.random(in: 1...10, using: &rng), rng: &rng)
            let groups = SiblingGroup.groups(of: children)
            let households = RandomCounty.households(Int.random(in: 1...8, using: &rng), rng: &rng)
            let reference = Matcher.plan(groups: groups, households: households, policy: .default)
            let expected = reference.entries.filter { !$0.isSplitPart }.map { entry in
                (groups.firstIndex { $0.id == entry.group.id }!, households.firstIndex { $0.id == entry.placement.household }!)
            }
            let found = Matcher.unexplainedPlacements(groups: groups, households: households, policy: .default)
            #expect(found != nil, "trial \(trial): a small instance has placements")
            let same = found.map { $0.count == expected.count && zip($0, expected).allSatisfy { $0.group == $1.0 && $0.household == $1.1 } } ?? false
            #expect(same, "trial \(trial): \(found.map { "\($0)" } ?? "nil") vs \(expected)")
            placements += expected.count
            if Set(expected.map(\.1)).count < expected.count { sharedHomes += 1 }
        }
        #expect(placements >= 1_000, "placements \(placements)")
        #expect(sharedHomes >= 50, "plans with a home taking several groups: \(sharedHomes)")
    }

    /// A meeting of more than `Matcher.tableStartUnits` groups starts its search from the
    /// table (`JointPlanner.greedyStart`): that start is a packing (configurations listed, no
    /// child twice) worth no more than the plan; the placements read without building the plan
    /// are the unexplained plan's; and the plan is as good as `Matcher.plan`'s on every level.
    @Test func largeMeetingsStartFromTheTable() {
        var rng = Xoshiro256StarStar(seed: 2615)
        var large = 0, proven = 0, startPlaced = 0
        for trial in 0..<40 {
            let (groups, households) = loneHomesCounty(&rng, children: 16...34, homes: 40...120)
            guard groups.count > Matcher.tableStartUnits else { continue }
            large += 1
            let planner = JointPlanner(groups: groups, households: households, policy: .default)
            let start = planner.greedyStart()
            var childrenSeen = Set<Int32>(), startChildren = 0
            for (h, q) in start.enumerated() where q >= 0 {
                #expect(q < planner.configurations.count(of: h), "trial \(trial): household \(h) configuration \(q)")
                for e in planner.configurations.range(h, q) {
                    let u = Int(planner.configurations.units[e])
                    for c in planner.childRange(u) {
                        #expect(childrenSeen.insert(planner.unitChildList[c]).inserted, "trial \(trial): a child twice")
                        startChildren += 1
                    }
                }
            }
            startPlaced += startChildren
            let plain = Matcher.unexplainedPlan(groups: groups, households: households, policy: .default)
            #expect(startChildren <= plain.statistics.childrenPlaced, "trial \(trial)")
            let expected = plain.entries.filter { !$0.isSplitPart }.map { entry in
                (groups.firstIndex { $0.id == entry.group.id }!, households.firstIndex { $0.id == entry.placement.household }!)
            }
            let found = Matcher.unexplainedPlacements(groups: groups, households: households, policy: .default) ?? []
            #expect(found.count == expected.count && zip(found, expected).allSatisfy { $0.group == $1.0 && $0.household == $1.1 },
                    "trial \(trial): \(found) vs \(expected)")
            let reference = Matcher.plan(groups: groups, households: households, policy: .default)
            guard plain.bound?.optimal == true, reference.bound?.optimal == true else { continue }
            proven += 1
            #expect(PlanValue(plain) == PlanValue(reference), "trial \(trial): \(PlanValue(plain)) vs \(PlanValue(reference))")
        }
        #expect(large >= 25 && proven >= large * 9 / 10, "\(large) meetings over the threshold, \(proven) proven")
        #expect(startPlaced > 200, "children placed by the starts: \(startPlaced)")
    }

    /// With the households' codes taken from another code book (one that has coded other
    /// texts first, and the households in reverse order, so every code differs), the plan is
    /// the same to the bit, and so are the engine's kernel candidates and scores: the kernel
    /// compares codes only for equality.
    @Test func samePlanWithAnotherCodeBook() {
        var rng = Xoshiro256StarStar(seed: 2612)
        var placements = 0, differentCodes = 0
        for trial in 0..<1_000 {
            let children = RandomCounty.children(Int.random(in: 2...9, using: &rng), rng: &rng)
            let groups = SiblingGroup.groups(of: children)
            let households = RandomCounty.households(Int.random(in: 2...10, using: &rng), rng: &rng)
            var book = CodeBook()
            for text in ["elsewhere", "Zulu", "W9", "Ancient Greek"] { _ = book.code(text) }
            let reversed = HouseholdColumns(Array(households.reversed()), codes: &book)
            let rows = households.indices.map { reversed.rowCodes(households.count - 1 - $0) }
            var fresh = CodeBook()
            let own = HouseholdColumns(households, codes: &fresh)
            if households.indices.contains(where: { own.rowCodes($0) != rows[$0] }) { differentCodes += 1 }
            // The engine's kernel sees the same households: every unit's candidates and kernel scores agree.
            let engines = [PlanEngine(groups: groups, households: households, policy: .default),
                           PlanEngine(groups: groups, households: households, policy: .default, knownCodes: (book, rows))]
            let lists = engines.map { $0.candidates(for: Array($0.units.indices)) }
            let sameKernel = lists[0].count == lists[1].count && zip(lists[0], lists[1]).allSatisfy { a, b in
                a.count == b.count && zip(a, b).allSatisfy { $0.h == $1.h && $0.score.bitPattern == $1.score.bitPattern }
            }
            #expect(sameKernel, "trial \(trial): kernel candidates \(lists[0]) vs \(lists[1])")
            let plain = Matcher.unexplainedPlan(groups: groups, households: households, policy: .default)
            let coded = Matcher.unexplainedPlan(groups: groups, households: households, policy: .default, knownCodes: (book, rows))
            let same = sameEntries(plain, coded)
            #expect(same, "trial \(trial): \(plain.entries.map(\.placement)) vs \(coded.entries.map(\.placement))")
            #expect(plain.unplaced.map(\.group.id) == coded.unplaced.map(\.group.id), "trial \(trial)")
            placements += plain.entries.count
        }
        #expect(differentCodes >= 900, "instances whose codes differ: \(differentCodes)")
        #expect(placements >= 1_000, "placements \(placements)")
    }

    /// Whether two plans have the same entries in the same order: group, household, children,
    /// score and distance to the bit, round, split part and residents at risk.
    private func sameEntries(_ a: MatchPlan, _ b: MatchPlan) -> Bool {
        a.entries.count == b.entries.count && zip(a.entries, b.entries).allSatisfy { a, b in
            a.group.id == b.group.id && a.placement.household == b.placement.household
                && a.placement.children == b.placement.children
                && a.placement.score.bitPattern == b.placement.score.bitPattern
                && a.placement.distanceMiles.bitPattern == b.placement.distanceMiles.bitPattern
                && a.round == b.round && a.isSplitPart == b.isSplitPart && a.residentsAtRisk == b.residentsAtRisk
        }
    }
}
