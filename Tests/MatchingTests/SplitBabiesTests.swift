import CareModel
import Testing
@testable import Matching

/// The households where each group's children under 2 were placed, by group.
private func babyHomes(_ plan: MatchPlan) -> [GroupID: Set<HouseholdID>] {
    var homes: [GroupID: Set<HouseholdID>] = [:]
    for entry in plan.entries {
        for child in entry.group.children where child.age < 2 {
            homes[child.groupID ?? GroupID(child.id.rawValue), default: []].insert(entry.placement.household)
        }
    }
    return homes
}

private func allPlans(_ groups: [SiblingGroup], _ households: [Household]) -> [MatchPlan] {
    [Matcher.plan(groups: groups, households: households, policy: .default),
     Matcher.roundOptimalPlan(groups: groups, households: households, policy: .default),
     Matcher.greedyPlan(groups: groups, households: households, policy: .default)]
}

@Test func aSplitKeepsBabiesTogetherInTheYoungerPart() {
    // Ages 0, 1, 1, 9: halving would cut between the two one-year-olds; the babies go together.
    let kids = [child("A", age: 0, group: "G"), child("B", age: 1, group: "G"), child("C", age: 1, group: "G"),
                child("D", age: 9, group: "G")].map { c -> Child in var c = c; c.maySplit = true; return c }
    let households = [home("H3", places: 3), home("H1", places: 1, miles: 4)]
    for plan in allPlans(SiblingGroup.groups(of: kids), households) {
        #expect(plan.statistics.childrenPlaced == 4, "\(plan.method)")
        let placedIn = Dictionary(uniqueKeysWithValues: plan.entries.flatMap { e in e.group.childIDs.map { ($0, e.placement.household) } })
        #expect(placedIn[ChildID("A")] == HouseholdID("H3") && placedIn[ChildID("B")] == HouseholdID("H3")
            && placedIn[ChildID("C")] == HouseholdID("H3") && placedIn[ChildID("D")] == HouseholdID("H1"), "\(plan.method)")
    }
}

@Test func aGroupOfBabiesIsNeverSplit() {
    // Three babies and homes of 2 and 1 places: splitting would place them all, but apart.
    let kids = [child("A", age: 0, group: "G"), child("B", age: 1, group: "G"), child("C", age: 1, group: "G")]
        .map { c -> Child in var c = c; c.maySplit = true; return c }
    let households = [home("H2", places: 2), home("H1", places: 1, miles: 4)]
    for plan in allPlans(SiblingGroup.groups(of: kids), households) {
        #expect(plan.entries.isEmpty, "\(plan.method)")
        #expect(plan.unplaced.map(\.group.size) == [3], "\(plan.method)")
    }
}

/// Over random counties with many babies in groups that may split: in every plan, each
/// group's babies share one home, and every child is placed at most once.
@Test func noPlanSeparatesBabiesOfOneGroupOnRandomCounties() {
    var rng = Xoshiro256StarStar(seed: 77)
    var splitGroupsWithBabies = 0
    for _ in 0..<60 {
        let kids = RandomCounty.children(10, rng: &rng, groupShare: 0.7).map { c -> Child in
            var c = c
            if c.groupID != nil && rng.nextUnit() < 0.5 { c.age = Int.random(in: 0...1, using: &rng) }
            c.maySplit = c.groupID != nil
            return c
        }
        let groups = SiblingGroup.groups(of: kids)
        let households = RandomCounty.households(10, rng: &rng)
        for plan in allPlans(groups, households) {
            for (group, homes) in babyHomes(plan) { #expect(homes.count == 1, "\(plan.method) \(group)") }
            let placed = plan.entries.flatMap(\.group.childIDs)
            #expect(Set(placed).count == placed.count)
            splitGroupsWithBabies += Set(plan.entries.filter { e in e.isSplitPart && e.group.children.contains { $0.age < 2 } }
                .map { $0.group.children[0].groupID }).count
        }
    }
    #expect(splitGroupsWithBabies > 10, "the instances do split groups with babies")
}
