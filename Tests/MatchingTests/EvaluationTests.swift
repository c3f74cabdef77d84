import CareModel
import Matching
import Testing

let town = Location(latitude: 51.86, longitude: -2.24)

func child(_ id: String, age: Int, needs: Needs = [], request: PlacementRequest = .shortTerm, group: String? = nil) -> Child {
    Child(id: ChildID(id), groupID: group.map { GroupID($0) }, age: age, sex: .unknown, home: town, placement: request, needs: needs)
}

func home(_ id: String = "H1", places: Int = 2, occupied: Int = 0, ages: ClosedRange<Int> = 0...17,
          approvals: Approvals = [.shortTerm, .longTerm, .emergency, .respite, .parentAndChild],
          skills: Skills = [], status: HouseholdStatus = .available, residents: [Int] = [], miles: Double = 3) -> Household {
    Household(id: HouseholdID(id), provider: .inHouse, location: town.offset(miles: miles, bearingDegrees: 90),
              places: places, occupied: occupied, ageRange: ages, approvals: approvals, skills: skills,
              status: status, residentAges: residents)
}

@Test func feasiblePairPassesEveryRule() {
    let e = Matcher.evaluate(SiblingGroup(single: child("C1", age: 7)), home(), policy: .default)
    #expect(e.feasible)
    #expect(e.failedRules.isEmpty)
    #expect(e.checks.map(\.rule) == HardRule.allCases)
}

@Test func eachHardRuleFailsAloneOnItsCraftedCase() {
    let p = MatchPolicy.default
    let cases: [(SiblingGroup, Household, HardRule, String)] = [
        (SiblingGroup(single: child("C1", age: 7)), home(status: .onHold), .householdAvailable, "on hold"),
        (SiblingGroup(id: "G", children: [child("A", age: 5, group: "G"), child("B", age: 7, group: "G"), child("C", age: 9, group: "G")]),
         home(places: 3, occupied: 1), .freePlaces, "needs 3 places, has 2 free (would fit with 1 more)"),
        (SiblingGroup(single: child("C1", age: 14)), home(ages: 0...10), .ageRange, "age 14 outside approved 0-10"),
        (SiblingGroup(single: child("C1", age: 7, request: .longTerm)), home(approvals: [.shortTerm]), .approval, "not approved for long-term placements (approved for short-term)"),
        (SiblingGroup(single: child("C1", age: 7, needs: .disability)), home(skills: .trauma), .requiredSkills, "needs carers approved for disability"),
        (SiblingGroup(single: child("C1", age: 7, needs: .solo)), home(places: 3, occupied: 1, residents: [8]), .solo, "must be the only child placed, and 1 child is already placed there"),
        (SiblingGroup(single: child("C1", age: 15, needs: .exploitationRisk)), home(residents: [9]), .exploitationRisk, "6 years younger (limit 3)"),
        (SiblingGroup(single: child("C1", age: 7)), home(miles: 80), .distance, "limit 50.0 (too far)"),
    ]
    for (group, household, rule, text) in cases {
        let e = Matcher.evaluate(group, household, policy: p)
        #expect(e.failedRules == [rule], "\(rule)")
        #expect(e.failureDetails.joined().contains(text), "\(rule): \(e.failureDetails)")
    }
}

@Test func siblingsOfASoloChildAndOlderResidentsAreFine() {
    let group = SiblingGroup(id: "G", children: [child("A", age: 15, needs: [.solo, .exploitationRisk], group: "G"), child("B", age: 6, group: "G")])
    // Empty home: the group itself includes a younger sibling, which is allowed.
    #expect(Matcher.evaluate(group, home(places: 2), policy: .default).feasible)
    // A resident 13-year-old is within the 3-year gap of the 15-year-old... but solo forbids others placed.
    #expect(Matcher.evaluate(group, home(places: 3, occupied: 0, residents: [13]), policy: .default).feasible)
    #expect(Matcher.evaluate(group, home(places: 3, occupied: 0, residents: [11]), policy: .default).failedRules == [.exploitationRisk])
}

@Test func breakdownAddsUpToScoreAndScoresStayInRange() {
    var rng = Xoshiro256StarStar(seed: 21)
    let children = RandomCounty.children(200, rng: &rng)
    let households = RandomCounty.households(60, rng: &rng)
    for group in SiblingGroup.groups(of: children) {
        for household in households {
            for split in [false, true] {
                let e = Matcher.evaluate(group, household, policy: .default, isSplitPart: split)
                #expect(e.breakdown.reduce(0) { $0 + $1.points } == e.score)
                #expect(e.score >= 0 && e.score <= 100)
                #expect(e.breakdown.count == Criterion.allCases.count + (split ? 1 : 0))
                for c in e.breakdown where c.weight > 0 {
                    #expect(c.points >= 0 && c.points <= c.weight + 1e-9)
                }
                #expect(e.feasible == e.failedRules.isEmpty)
            }
        }
    }
}

@Test func missingDataGetsNeutralPoints() {
    let e = Matcher.evaluate(SiblingGroup(single: child("C1", age: 7)), home(), policy: .default)
    let w = MatchPolicy.default.weights
    let byKey = Dictionary(uniqueKeysWithValues: e.breakdown.map { ($0.criterion, $0.points) })
    #expect(byKey["same_school"] == w.sameSchool / 2)
    #expect(byKey["same_district"] == w.sameDistrict / 2)
    #expect(byKey["age_fit"] == w.ageFit / 2)
    #expect(byKey["culture_language"] == w.cultureLanguage / 2)
}

@Test func defaultWeightsSumTo100() {
    #expect(MatchPolicy.default.weights.total == 100)
}

@Test func closerSameSchoolHomesScoreHigher() {
    var c = child("C1", age: 9)
    c.school = town
    let group = SiblingGroup(single: c)
    let near = Matcher.evaluate(group, home(miles: 2), policy: .default)
    let far = Matcher.evaluate(group, home(miles: 30), policy: .default)
    #expect(near.score > far.score)
    #expect(near.breakdown.first { $0.criterion == "same_school" }!.points == MatchPolicy.default.weights.sameSchool)
    #expect(far.breakdown.first { $0.criterion == "same_school" }!.points == 0)
}
