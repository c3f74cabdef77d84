import CareModel
import Testing
@testable import Matching

/// A group of four, three full-ish homes that each fail only `free_places`; nearest has least room.
private func fourChildrenAndThreeHomes() -> ([SiblingGroup], [Household]) {
    let kids = ["A", "B", "C", "D"].enumerated().map { child($1, age: 5 + $0, group: "G") }
    let households = [
        home("H0", places: 2, occupied: 2, miles: 1),   // 0 free, nearest
        home("H2", places: 3, occupied: 1, miles: 2),   // 2 free
        home("H3", places: 4, occupied: 1, miles: 5),   // 3 free, farthest
    ]
    return (SiblingGroup.groups(of: kids), households)
}

@Test func nearMissesWithMostRoomComeFirstWhenFreePlacesFail() {
    let (groups, households) = fourChildrenAndThreeHomes()
    for h in households {
        #expect(Matcher.evaluate(groups[0], h, policy: .default).failedRules == [.freePlaces])
    }
    let expected = ["H3", "H2", "H0"].map { HouseholdID($0) }
    #expect(Matcher.nearMisses(groups[0], households, policy: .default, top: 3).map(\.household) == expected)
    let lists = Matcher.shortlists(groups: groups, households: households, policy: .default, top: 3)
    #expect(lists[0].candidates.isEmpty)
    #expect(lists[0].nearMisses.map(\.household) == expected)
    let plan = Matcher.plan(groups: groups, households: households, policy: .default)
    #expect(plan.unplaced.count == 1)
    #expect(plan.unplaced[0].nearMisses.map(\.household) == expected)
    #expect(plan.unplaced[0].reasons[1].hasPrefix("nearest miss H3:"))
}

@Test func fewerFailedRulesStillOutrankMoreRoom() {
    let (groups, households) = fourChildrenAndThreeHomes()
    var both = households
    // Room for all four, but on hold and too far: two failed rules, so it comes last.
    both.append(home("H9", places: 4, status: .onHold, miles: 80))
    let misses = Matcher.nearMisses(groups[0], both, policy: .default, top: 4)
    #expect(misses.map(\.household.rawValue) == ["H3", "H2", "H0", "H9"])
}

/// Against a brute-force ranking by the reference evaluator over random counties: the near
/// misses are the best by (failed rules, shortfall in free places), and by miles within those.
@Test func nearMissesFollowTheRankingOnRandomCounties() {
    var rng = Xoshiro256StarStar(seed: 2024)
    var checked = 0
    for _ in 0..<30 {
        let groups = SiblingGroup.groups(of: RandomCounty.children(12, rng: &rng))
        let households = RandomCounty.households(25, rng: &rng)
        for g in groups {
            let key = { (e: MatchEvaluation, h: Household) in (e.failedRules.count, max(0, g.size - h.freePlaces)) }
            let all = households.map { (h: $0, e: Matcher.evaluate(g, $0, policy: .default)) }.filter { !$0.e.feasible }
            guard !all.isEmpty else { continue }
            let truth = all.map { key($0.e, $0.h) }.sorted { $0 < $1 }.prefix(3)
            let byID = Dictionary(uniqueKeysWithValues: households.map { ($0.id, $0) })
            let misses = Matcher.nearMisses(g, households, policy: .default, top: 3)
            let keys = misses.map { key($0.evaluation, byID[$0.household]!) }
            #expect(keys.elementsEqual(truth, by: ==))
            for (a, b) in zip(misses, misses.dropFirst()) where key(a.evaluation, byID[a.household]!) == key(b.evaluation, byID[b.household]!) {
                #expect(a.evaluation.distanceMiles <= b.evaluation.distanceMiles * 1.001 + 1e-9)
            }
            checked += 1
        }
    }
    #expect(checked > 100)
}
