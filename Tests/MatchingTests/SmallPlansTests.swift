import CareModel
import Matching
import Testing

/// `SmallPlans.plan` against `Matcher.plan`: whenever the shortcut claims to settle the plan, the
/// exact planner places exactly those groups, whole, at the households the shortcut picked.
@Suite struct SmallPlansTests {
    @Test func theShortcutIsThePlanWheneverItApplies() {
        var rng = Xoshiro256StarStar(seed: 2711)
        var applied = 0, declined = 0, competing = 0, leftOut = 0
        for trial in 0..<6_000 {
            let children = RandomCounty.children(Int.random(in: 1...6, using: &rng), rng: &rng).map { child in
                var whole = child
                whole.maySplit = false
                return whole
            }
            let groups = SiblingGroup.groups(of: children)
            guard groups.count <= 4 else { continue }
            let households = RandomCounty.households(Int.random(in: 1...8, using: &rng), rng: &rng)
            guard let picks = SmallPlans.plan(groups: groups, households: households, policy: .default) else {
                declined += 1
                continue
            }
            applied += 1
            if picks.contains(-1) { leftOut += 1 }
            let taken = picks.filter { $0 >= 0 }
            if Set(taken).count < taken.count { competing += 1 }
            let plan = Matcher.plan(groups: groups, households: households, policy: .default)
            var expected: [GroupID: HouseholdID] = [:]
            for (group, pick) in zip(groups, picks) where pick >= 0 { expected[group.id] = households[pick].id }
            let found = Dictionary(plan.entries.map { ($0.group.id, $0.placement.household) }, uniquingKeysWith: { a, _ in a })
            let anySplit = plan.entries.contains { $0.isSplitPart }
            #expect(!anySplit, "trial \(trial)")
            #expect(found == expected, "trial \(trial): shortcut \(expected), Matcher.plan \(found)")
        }
        // Each side of the test is exercised: homes taking two groups, and groups the plan
        // leaves out (ties, which these counties' scattered homes make rare, are tested below).
        #expect(applied >= 1_000 && declined < applied / 10, "applied \(applied), declined \(declined)")
        #expect(competing >= 50, "shared homes \(competing)")
        #expect(leftOut >= 100, "left out \(leftOut)")
    }

    @Test func groupsThatMaySplitAndTiesAreLeftToThePlanner() {
        let centre = RandomCounty.centre
        let home = Household(
            id: "H1", provider: .inHouse, location: centre.offset(miles: 2, bearingDegrees: 0), places: 1, occupied: 0,
            ageRange: 0...17, approvals: [.shortTerm, .longTerm], skills: [], status: .available, residentAges: [])
        // Two children alike in every respect compete for one place: a tie.
        let twins = [
            Child(id: "A", age: 6, sex: .unknown, home: centre, placement: .longTerm),
            Child(id: "B", age: 6, sex: .unknown, home: centre, placement: .longTerm),
        ]
        let pair = SiblingGroup.groups(of: twins), one = SiblingGroup.groups(of: [twins[0]])
        #expect(SmallPlans.plan(groups: pair, households: [home], policy: .default) == nil)
        // One of them alone: placed.
        #expect(SmallPlans.plan(groups: one, households: [home], policy: .default) == [0])
        // A group that may split is the planner's.
        let brothers = twins.map { child in
            var member = child
            member.groupID = "G"
            member.maySplit = true
            return member
        }
        let group = SiblingGroup.groups(of: brothers)
        #expect(group.count == 1 && group[0].maySplit)
        #expect(SmallPlans.plan(groups: group, households: [home], policy: .default) == nil)
    }
}
