import CareModel
import Matching
import Testing

/// `SeparateBests.plan` against `Matcher.plan`: whenever the shortcut claims to settle the plan,
/// the exact planner places every group whole at the household the shortcut picked, with the
/// reference evaluator's score there.
@Suite struct SeparateBestsTests {
    @Test func theShortcutIsThePlanWheneverItApplies() {
        var rng = Xoshiro256StarStar(seed: 1305)
        var applied = 0, declined = 0
        for trial in 0..<10_000 {
            let children = RandomCounty.children(Int.random(in: 1...7, using: &rng), rng: &rng)
            let groups = SiblingGroup.groups(of: children)
            let households = RandomCounty.households(Int.random(in: 1...9, using: &rng), rng: &rng)
            guard let picks = SeparateBests.plan(groups: groups, households: households, policy: .default) else {
                declined += 1
                continue
            }
            applied += 1
            let plan = Matcher.plan(groups: groups, households: households, policy: .default)
            let expected = Dictionary(uniqueKeysWithValues: zip(groups, picks).map { ($0.id, households[$1].id) })
            let found = Dictionary(plan.entries.map { ($0.group.id, $0.placement.household) }, uniquingKeysWith: { a, _ in a })
            #expect(plan.entries.count == groups.count && !plan.entries.contains(where: \.isSplitPart),
                    "trial \(trial): plan has \(plan.entries.count) entries for \(groups.count) groups")
            #expect(found == expected, "trial \(trial): shortcut \(expected), Matcher.plan \(found)")
            for (group, pick) in zip(groups, picks) {
                let score = Matcher.evaluate(group, households[pick], policy: .default).score
                let planned = plan.entries.first { $0.group.id == group.id }?.placement.score
                #expect(planned.map { abs($0 - score) < 1e-9 } == true, "trial \(trial): score \(score) vs \(String(describing: planned))")
            }
        }
        // Both outcomes are common in these counties, so each side of the test is exercised.
        #expect(applied >= 500, "applied \(applied)")
        #expect(declined >= 500, "declined \(declined)")
    }

    @Test func twoUnitsThatCouldShareAHomeAreLeftToThePlanner() {
        let centre = RandomCounty.centre
        let children = [
            Child(id: "A", age: 6, sex: .unknown, home: centre, placement: .longTerm),
            Child(id: "B", age: 8, sex: .unknown, home: centre, placement: .longTerm),
        ]
        let home = Household(
            id: "H1", provider: .inHouse, location: centre.offset(miles: 2, bearingDegrees: 0), places: 2, occupied: 0,
            ageRange: 0...17, approvals: [.shortTerm, .longTerm], skills: [], status: .available, residentAges: [])
        var other = home
        other.id = "H2"
        other.location = centre.offset(miles: 8, bearingDegrees: 90)
        other.places = 1
        let groups = SiblingGroup.groups(of: children)
        #expect(SeparateBests.plan(groups: groups, households: [home, other], policy: .default) == nil)
        // With one place each home takes one child: the nearer is each child's best only for
        // one of them, so the bests collide and the planner decides.
        var single = home
        single.places = 1
        #expect(SeparateBests.plan(groups: groups, households: [single, other], policy: .default) == nil)
        // One child alone: its best is the plan.
        #expect(SeparateBests.plan(groups: [groups[0]], households: [single, other], policy: .default) == [0])
    }
}
