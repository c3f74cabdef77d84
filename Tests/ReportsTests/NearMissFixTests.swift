import CareModel
import Matching
import Reports
import Testing

/// Applying each fix the page names for a near miss makes that rule pass, and the fix is the
/// smallest such change: over thousands of random pairs.
@Test func nearMissFixesMakeTheirRulePassAndAreTheSmallest() throws {
    var rng = Xoshiro256StarStar(seed: 16)
    let policy = MatchPolicy.default
    let centre = Location(latitude: 51.86, longitude: -2.24)
    var checked: [HardRule: Int] = [:]
    func whole(_ text: String, after prefix: String) -> Int? {
        guard let r = text.range(of: prefix) else { return nil }
        return Int(text[r.upperBound...].prefix { $0.isNumber })
    }
    for trial in 0..<4000 {
        let size = rng.nextUnit() < 0.3 ? Int.random(in: 2...3, using: &rng) : 1
        let home = centre.offset(miles: 70 * rng.nextUnit(), bearingDegrees: 360 * rng.nextUnit())
        let request = PlacementRequest.allCases[Int.random(in: 0..<5, using: &rng)]
        var needs = Needs()
        for (need, _) in Needs.tokens where rng.nextUnit() < 0.15 { needs.insert(need) }
        let children = (0..<size).map { k in
            Child(id: ChildID("C\(trial)-\(k)"), groupID: size > 1 ? GroupID("G\(trial)") : nil, age: Int.random(in: 0...17, using: &rng),
                  sex: .unknown, home: home, placement: request, needs: k == 0 ? needs : [])
        }
        let group = size > 1 ? SiblingGroup(id: GroupID("G\(trial)"), children: children) : SiblingGroup(single: children[0])
        let places = Int.random(in: 1...4, using: &rng)
        let low = Int.random(in: 0...12, using: &rng)
        var approvals = Approvals()
        for (a, _) in Approvals.tokens where rng.nextUnit() < 0.5 { approvals.insert(a) }
        var skills = Skills()
        for (s, _) in Skills.tokens where rng.nextUnit() < 0.4 { skills.insert(s) }
        let household = Household(
            id: HouseholdID("H\(trial)"), provider: .inHouse, location: centre, places: places,
            occupied: Int.random(in: 0...places, using: &rng), ageRange: low...min(17, low + Int.random(in: 2...12, using: &rng)),
            approvals: approvals, skills: skills, status: rng.nextUnit() < 0.1 ? .onHold : .available)
        let e = Matcher.evaluate(group, household, policy: policy)
        let phrases = NearMissFix.phrases(group: group, household: household, policy: policy, evaluation: e)
        #expect(phrases.count == e.failedRules.count)
        for (rule, phrase) in zip(e.failedRules, phrases) {
            #expect(!phrase.contains("_"), "a code in \(phrase)")
            func passes(_ h: Household) -> Bool { Matcher.evaluate(group, h, policy: policy).checks.first { $0.rule == rule }!.passed }
            var fixed = household
            switch rule {
            case .freePlaces:
                let more = try #require(Int(phrase.prefix { $0.isNumber }))
                fixed.places += more
                #expect(passes(fixed), "\(phrase)")
                fixed.places -= 1
                #expect(!passes(fixed), "\(phrase) is more than needed")
            case .ageRange:
                let from = try #require(whole(phrase, after: "(ages "))
                let to = try #require(whole(phrase, after: "(ages \(from)-"))
                fixed.ageRange = from...to
                #expect(passes(fixed), "\(phrase)")
                #expect(from == household.ageRange.lowerBound || from == group.ageRange.lowerBound, "\(phrase) widens too far")
                #expect(to == household.ageRange.upperBound || to == group.ageRange.upperBound, "\(phrase) widens too far")
                #expect(phrase.hasPrefix("approval for teenagers") == (to >= policy.teenageFrom && household.ageRange.upperBound < policy.teenageFrom))
            case .approval:
                #expect(phrase.contains(MeetingWords.request(request)))
                fixed.approvals.insert(request.requiredApproval)
                #expect(passes(fixed))
            case .requiredSkills:
                fixed.skills.formUnion(policy.requiredSkills(for: group.needs))
                #expect(passes(fixed))
                for (skill, _) in Skills.tokens where policy.requiredSkills(for: group.needs).subtracting(household.skills).contains(skill) {
                    #expect(phrase.contains(MeetingWords.skills(skill)))
                }
            case .householdAvailable:
                fixed.status = .available
                #expect(passes(fixed))
            case .distance:
                #expect(phrase == "a home within 50 miles (this one is \(MeetingWords.fixed(e.distanceMiles, 1)))")
            case .solo:
                fixed.occupied = 0
                #expect(passes(fixed))
            case .exploitationRisk:
                #expect(phrase.contains("\(policy.exploitationAgeGap) years younger"))
            }
            checked[rule, default: 0] += 1
        }
    }
    for rule in [HardRule.freePlaces, .ageRange, .approval, .requiredSkills, .householdAvailable, .distance, .solo] {
        #expect((checked[rule] ?? 0) > 20, "\(rule) exercised \(checked[rule] ?? 0) times")
    }
}
