import CareModel
import Matching
import Testing

/// Every hard rule and soft criterion at its boundaries, with the expected outcome written from
/// the tables in docs/matching.md (default policy), not from the engine; the scoring kernel is
/// checked to agree on each case (away from the distance limit, where the projection differs).
@Suite struct RuleBoundaryTests {
    static let p = MatchPolicy.default

    static func unit(_ children: Child...) -> SiblingGroup {
        children.count == 1 ? SiblingGroup(single: children[0]) : SiblingGroup(id: "G", children: children.map {
            var c = $0
            c.groupID = "G"
            return c
        })
    }

    static func kid(
        _ id: String = "C", age: Int = 8, needs: Needs = [], request: PlacementRequest = .shortTerm, school: Location? = nil,
        district: String? = nil, ethnicity: String? = nil, language: String? = nil, days: Int = 0
    ) -> Child {
        Child(id: ChildID(id), age: age, sex: .unknown, home: town, school: school, district: district, placement: request,
              needs: needs, ethnicity: ethnicity, language: language, daysWaiting: days)
    }

    /// The failed rules, after checking the kernel gives the same feasibility and score.
    static func failed(_ group: SiblingGroup, _ household: Household, policy: MatchPolicy = p, kernel: Bool = true,
                       sourceLocation: SourceLocation = #_sourceLocation) -> [HardRule] {
        let e = Matcher.evaluate(group, household, policy: policy)
        if kernel {
            var codes = CodeBook()
            let columns = HouseholdColumns([household], codes: &codes)
            let row = UnitRow(group, policy: policy, codes: &codes)
            let score = ScoringKernel.scoreMatrix(units: [row], households: columns, policy: policy)[0]
            #expect((score >= 0) == e.feasible, "kernel feasibility", sourceLocation: sourceLocation)
            if e.feasible { #expect(abs(score - e.score) <= 0.011, "kernel \(score) vs \(e.score)", sourceLocation: sourceLocation) }
        }
        return e.failedRules
    }

    /// The points `criterion` gives.
    static func points(_ criterion: Criterion, _ group: SiblingGroup, _ household: Household, policy: MatchPolicy = p) -> Double {
        let e = Matcher.evaluate(group, household, policy: policy)
        _ = failed(group, household, policy: policy)
        return e.breakdown.first { $0.criterion == criterion.rawValue }!.points
    }

    // MARK: hard rules

    @Test func householdAvailable() {
        #expect(Self.failed(Self.unit(Self.kid()), home(status: .available)) == [])
        #expect(Self.failed(Self.unit(Self.kid()), home(status: .onHold)) == [.householdAvailable])
    }

    @Test func freePlacesExactlyEnoughAndOneShort() {
        let three = Self.unit(Self.kid("A", age: 5), Self.kid("B", age: 7), Self.kid("C", age: 9))
        #expect(Self.failed(three, home(places: 3, occupied: 0)) == [])
        #expect(Self.failed(three, home(places: 4, occupied: 1, residents: [6])) == [])
        #expect(Self.failed(three, home(places: 4, occupied: 2, residents: [6, 6])) == [.freePlaces])
        #expect(Self.failed(Self.unit(Self.kid()), home(places: 1, occupied: 0)) == [])
        #expect(Self.failed(Self.unit(Self.kid()), home(places: 1, occupied: 1, residents: [8])) == [.freePlaces])
        let detail = Matcher.evaluate(three, home(places: 4, occupied: 3, residents: [6, 6, 6]), policy: Self.p).failureDetails.joined()
        #expect(detail.contains("would fit with 2 more"), "\(detail)")
    }

    @Test func ageRangeIsInclusiveAtBothEnds() {
        for age in 0...17 {
            let expected: [HardRule] = (4...12).contains(age) ? [] : [.ageRange]
            #expect(Self.failed(Self.unit(Self.kid(age: age)), home(ages: 4...12)) == expected, "age \(age)")
        }
        // Every child of a group counts: one brother a year too old fails the group.
        #expect(Self.failed(Self.unit(Self.kid("A", age: 4), Self.kid("B", age: 12)), home(ages: 4...12)) == [])
        #expect(Self.failed(Self.unit(Self.kid("A", age: 4), Self.kid("B", age: 13)), home(ages: 4...12)) == [.ageRange])
        #expect(Self.failed(Self.unit(Self.kid("A", age: 3), Self.kid("B", age: 12)), home(ages: 4...12)) == [.ageRange])
    }

    @Test func eachRequestNeedsItsOwnApproval() {
        let approvalByRequest: [(PlacementRequest, Approvals)] = [
            (.shortTerm, .shortTerm), (.longTerm, .longTerm), (.emergency, .emergency), (.respite, .respite),
            (.parentAndChild, .parentAndChild),
        ]
        let all: Approvals = [.shortTerm, .longTerm, .emergency, .respite, .parentAndChild]
        for (request, approval) in approvalByRequest {
            let group = Self.unit(Self.kid(request: request))
            #expect(Self.failed(group, home(approvals: approval)) == [], "\(request)")
            #expect(Self.failed(group, home(approvals: all.subtracting(approval))) == [.approval], "\(request) without its approval")
        }
    }

    @Test func disabilityAndComplexNeedTheSkillOfTheSameName() {
        let skills: [Skills] = [[], .disability, .complex, .trauma, .uasc, .teenagers, [.disability, .complex]]
        for need in [Needs.disability, .complex] {
            for have in skills {
                let needed: Skills = need == .disability ? .disability : .complex
                let expected: [HardRule] = have.contains(needed) ? [] : [.requiredSkills]
                #expect(Self.failed(Self.unit(Self.kid(needs: need)), home(skills: have)) == expected, "\(need.tokenList) with \(have.tokenList)")
            }
        }
        // Both needs: both skills. One child's need is the group's.
        #expect(Self.failed(Self.unit(Self.kid(needs: [.disability, .complex])), home(skills: .disability)) == [.requiredSkills])
        #expect(Self.failed(Self.unit(Self.kid(needs: [.disability, .complex])), home(skills: [.disability, .complex])) == [])
        #expect(Self.failed(Self.unit(Self.kid("A"), Self.kid("B", needs: .complex)), home(skills: .disability)) == [.requiredSkills])
        // trauma, uasc (and solo, exploitation risk) require no skill by default.
        for need in [Needs.trauma, .uasc] {
            #expect(Self.failed(Self.unit(Self.kid(needs: need)), home(skills: [])) == [], "\(need.tokenList)")
        }
        // A policy that requires trauma makes the trauma skill required; one that requires nothing, nothing.
        var traumaPolicy = Self.p
        traumaPolicy.skillRequiredNeeds = [.trauma]
        #expect(Self.failed(Self.unit(Self.kid(needs: .trauma)), home(skills: .uasc), policy: traumaPolicy) == [.requiredSkills])
        #expect(Self.failed(Self.unit(Self.kid(needs: .trauma)), home(skills: .trauma), policy: traumaPolicy) == [])
        #expect(Self.failed(Self.unit(Self.kid(needs: .complex)), home(skills: []), policy: traumaPolicy) == [])
        var uascPolicy = Self.p
        uascPolicy.skillRequiredNeeds = [.uasc]
        #expect(Self.failed(Self.unit(Self.kid(needs: .uasc)), home(skills: .trauma), policy: uascPolicy) == [.requiredSkills])
        #expect(Self.failed(Self.unit(Self.kid(needs: .uasc)), home(skills: .uasc), policy: uascPolicy) == [])
    }

    @Test func soloOnlyWhereNobodyElseIsPlaced() {
        #expect(Self.failed(Self.unit(Self.kid(needs: .solo)), home(places: 3, occupied: 0)) == [])
        #expect(Self.failed(Self.unit(Self.kid(needs: .solo)), home(places: 3, occupied: 1, residents: [8])) == [.solo])
        // Their own brothers and sisters are fine.
        #expect(Self.failed(Self.unit(Self.kid("A", needs: .solo), Self.kid("B", age: 6)), home(places: 2)) == [])
        // Without the need, others placed there do not matter.
        #expect(Self.failed(Self.unit(Self.kid()), home(places: 3, occupied: 2, residents: [8, 9])) == [])
    }

    @Test func exploitationGapOfExactlyTheLimitPasses() {
        for residentAge in 8...16 {
            // 14-year-old at risk: residents 3 or fewer years younger are fine, 4 or more are not.
            let expected: [HardRule] = 14 - residentAge > 3 ? [.exploitationRisk] : []
            #expect(Self.failed(Self.unit(Self.kid(age: 14, needs: .exploitationRisk)), home(occupied: 1, residents: [residentAge])) == expected,
                    "resident \(residentAge)")
        }
        // The youngest resident decides.
        #expect(Self.failed(Self.unit(Self.kid(age: 14, needs: .exploitationRisk)), home(places: 3, occupied: 2, residents: [15, 10])) == [.exploitationRisk])
        // Without the need, a gap does not matter; and a younger sibling in the same group is fine.
        #expect(Self.failed(Self.unit(Self.kid(age: 16)), home(occupied: 1, residents: [2])) == [])
        #expect(Self.failed(Self.unit(Self.kid("A", age: 15, needs: .exploitationRisk), Self.kid("B", age: 5)), home(places: 2)) == [])
        // Within a plan: a child at risk placed earlier (aged 14) keeps children more than 3
        // years younger away; exactly 3 is fine.
        let eleven = Matcher.evaluate(Self.unit(Self.kid(age: 11)), home(occupied: 1, residents: [14]), policy: Self.p, residentsAtRisk: [14])
        let ten = Matcher.evaluate(Self.unit(Self.kid(age: 10)), home(occupied: 1, residents: [14]), policy: Self.p, residentsAtRisk: [14])
        #expect(eleven.failedRules == [] && ten.failedRules == [.exploitationRisk])
        // A different policy gap moves the boundary.
        var gap5 = Self.p
        gap5.exploitationAgeGap = 5
        #expect(Self.failed(Self.unit(Self.kid(age: 14, needs: .exploitationRisk)), home(occupied: 1, residents: [9]), policy: gap5) == [])
        #expect(Self.failed(Self.unit(Self.kid(age: 14, needs: .exploitationRisk)), home(occupied: 1, residents: [8]), policy: gap5) == [.exploitationRisk])
    }

    @Test func distanceAtTheLimitPassesAndJustBeyondFails() {
        let household = home(miles: 37)
        let miles = town.distanceMiles(to: household.location)
        #expect(abs(miles - 37) < 1e-6)
        var atLimit = Self.p
        atLimit.maxDistanceMiles = miles
        #expect(Self.failed(Self.unit(Self.kid()), household, policy: atLimit, kernel: false) == [])
        atLimit.maxDistanceMiles = miles - 1e-9
        #expect(Self.failed(Self.unit(Self.kid()), household, policy: atLimit, kernel: false) == [.distance])
        // The default 50 miles, a little either side (the kernel agrees away from the limit).
        #expect(Self.failed(Self.unit(Self.kid()), home(miles: 49.9)) == [])
        #expect(Self.failed(Self.unit(Self.kid()), home(miles: 50.1)) == [.distance])
        // The first child's home counts, in any direction.
        for bearing in stride(from: 0.0, to: 360, by: 45) {
            var h = home(miles: 49.5)
            h.location = town.offset(miles: 49.5, bearingDegrees: bearing)
            #expect(Self.failed(Self.unit(Self.kid()), h) == [], "bearing \(bearing)")
            h.location = town.offset(miles: 50.5, bearingDegrees: bearing)
            #expect(Self.failed(Self.unit(Self.kid()), h) == [.distance], "bearing \(bearing)")
        }
    }

    // MARK: soft criteria (points = weight x fit, rounded to 0.01)

    @Test func distanceFromHomePoints() {
        // 30 x (1 - 0.2 d/20) within 20; 0.4 at 21; 0.4 (1 - (d-21)/29) to 0 at 50.
        let expected: [(Double, Double)] = [(0, 30), (10, 27), (20, 24), (21, 12), (35.5, 6), (50, 0)]
        for (miles, points) in expected {
            #expect(abs(Self.points(.distanceFromHome, Self.unit(Self.kid()), home(miles: miles)) - points) <= 0.011, "\(miles) miles")
        }
        // Continuous and falling between 20 and 21.
        let at = [20.0, 20.25, 20.5, 20.75, 21].map { Self.points(.distanceFromHome, Self.unit(Self.kid()), home(miles: $0)) }
        #expect(zip(at, at.dropFirst()).allSatisfy { $0 > $1 }, "\(at)")
    }

    @Test func sameDistrictPoints() {
        var h = home()
        h.district = "Stroud"
        #expect(Self.points(.sameDistrict, Self.unit(Self.kid(district: "Stroud")), h) == 5)
        #expect(Self.points(.sameDistrict, Self.unit(Self.kid(district: "Gloucester")), h) == 0)
        #expect(Self.points(.sameDistrict, Self.unit(Self.kid()), h) == 2.5)
        #expect(Self.points(.sameDistrict, Self.unit(Self.kid(district: "Stroud")), home()) == 2.5)
    }

    @Test func sameSchoolPoints() {
        // Household 3 miles east of town; school placed so the household-school distance is d.
        let h = home(miles: 3)
        func school(_ d: Double) -> Location { h.location.offset(miles: d, bearingDegrees: 0) }
        let expected: [(Double, Double)] = [(0, 15), (5, 15), (10, 7.5), (12.5, 3.75), (15, 0), (30, 0)]
        for (miles, points) in expected {
            #expect(abs(Self.points(.sameSchool, Self.unit(Self.kid(school: school(miles))), h) - points) <= 0.011, "\(miles) miles")
        }
        #expect(Self.points(.sameSchool, Self.unit(Self.kid()), h) == 7.5)
    }

    @Test func ageFitPoints() {
        // 10 x (1 - |mean new - mean resident| / 10), at least 0; 5 with nobody there.
        #expect(Self.points(.ageFit, Self.unit(Self.kid(age: 8)), home(occupied: 1, residents: [8])) == 10)
        #expect(Self.points(.ageFit, Self.unit(Self.kid(age: 3)), home(occupied: 1, residents: [8])) == 5)
        #expect(Self.points(.ageFit, Self.unit(Self.kid("A", age: 4), Self.kid("B", age: 6)), home(places: 4, occupied: 2, residents: [7, 9])) == 7)
        #expect(Self.points(.ageFit, Self.unit(Self.kid(age: 0)), home(occupied: 1, residents: [10])) == 0)
        #expect(Self.points(.ageFit, Self.unit(Self.kid(age: 0)), home(occupied: 1, residents: [16])) == 0)
        #expect(Self.points(.ageFit, Self.unit(Self.kid(age: 8)), home()) == 5)
    }

    @Test func cultureLanguagePoints() {
        var h = home()
        h.ethnicity = "WBRI"
        h.language = "English"
        func pts(_ e: String?, _ l: String?) -> Double { Self.points(.cultureLanguage, Self.unit(Self.kid(ethnicity: e, language: l)), h) }
        #expect(pts("WBRI", "English") == 10)           // 0.6 x 1 + 0.4 x 1
        #expect(pts("WOTH", "English") == 7)            // same major group: 0.6 x 0.5 + 0.4
        #expect(pts("WOTH", "Polish") == 3)             // 0.6 x 0.5 + 0
        #expect(pts("ABAN", "Polish") == 0)
        #expect(pts("ABAN", "English") == 4)
        #expect(pts(nil, "English") == 7)               // blank ethnicity: neutral 0.5
        #expect(pts("WBRI", nil) == 8)                  // blank language: neutral 0.5
        #expect(pts(nil, nil) == 5)
    }

    @Test func extraSkillsPoints() {
        // Share of the welcome skills held: trauma, uasc (not required by default), teenagers for 13+.
        #expect(Self.points(.extraSkills, Self.unit(Self.kid(age: 8)), home()) == 5)                              // none wanted
        #expect(Self.points(.extraSkills, Self.unit(Self.kid(age: 8, needs: .trauma)), home(skills: .trauma)) == 10)
        #expect(Self.points(.extraSkills, Self.unit(Self.kid(age: 8, needs: .trauma)), home(skills: .uasc)) == 0)
        #expect(Self.points(.extraSkills, Self.unit(Self.kid(age: 8, needs: .uasc)), home(skills: .uasc)) == 10)
        #expect(Self.points(.extraSkills, Self.unit(Self.kid(age: 13)), home(skills: .teenagers)) == 10)
        #expect(Self.points(.extraSkills, Self.unit(Self.kid(age: 13)), home()) == 0)
        #expect(Self.points(.extraSkills, Self.unit(Self.kid(age: 12)), home(skills: .teenagers)) == 5)       // 12: not wanted
        #expect(Self.points(.extraSkills, Self.unit(Self.kid(age: 14, needs: .trauma)), home(skills: .teenagers)) == 5)
        #expect(Self.points(.extraSkills, Self.unit(Self.kid(age: 14, needs: [.trauma, .uasc])), home(skills: .teenagers)) == 3.33)
        // Required skills are not counted again as extra.
        #expect(Self.points(.extraSkills, Self.unit(Self.kid(age: 8, needs: .disability)), home(skills: .disability)) == 5)
    }

    @Test func inHouseAndApprovalFitPoints() {
        var ifa = home()
        ifa.provider = .ifa
        #expect(Self.points(.inHouse, Self.unit(Self.kid()), home()) == 10)
        #expect(Self.points(.inHouse, Self.unit(Self.kid()), ifa) == 0)
        // 5 x 0.3 when a short-term, emergency or respite request would use a long-term carer.
        for request in [PlacementRequest.shortTerm, .emergency, .respite] {
            let unit = Self.unit(Self.kid(request: request))
            #expect(Self.points(.approvalFit, unit, home(approvals: [request.requiredApproval, .longTerm])) == 1.5, "\(request)")
            #expect(Self.points(.approvalFit, unit, home(approvals: request.requiredApproval)) == 5, "\(request)")
        }
        for request in [PlacementRequest.longTerm, .parentAndChild] {
            #expect(Self.points(.approvalFit, Self.unit(Self.kid(request: request)), home(approvals: [request.requiredApproval, .longTerm])) == 5)
        }
    }

    @Test func urgencyPoints() {
        // 5 x days/90, at most 5; 5 for emergencies.
        let expected: [(Int, Double)] = [(0, 0), (9, 0.5), (45, 2.5), (89, 4.94), (90, 5), (400, 5)]
        for (days, points) in expected {
            #expect(Self.points(.urgency, Self.unit(Self.kid(days: days)), home()) == points, "\(days) days")
        }
        #expect(Self.points(.urgency, Self.unit(Self.kid(request: .emergency, days: 0)), home()) == 5)
    }

    @Test func theScoreIsTheSumOfThePointsAndSplitsLoseTwentyPoints() {
        let unit = Self.unit(Self.kid(age: 9, needs: .trauma, district: "Stroud", days: 30))
        let e = Matcher.evaluate(unit, home(skills: .trauma, miles: 12), policy: Self.p)
        #expect(abs(e.score - e.breakdown.reduce(0) { $0 + $1.points }) < 1e-9)
        // 30 x (1 - 0.2 x 12/20) + 2.5 + 7.5 + 5 + 5 + 10 + 10 + 1.5 (long-term carer) + 5 x 30/90
        #expect(abs(e.score - (26.4 + 2.5 + 7.5 + 5 + 5 + 10 + 10 + 1.5 + 1.67)) <= 0.011, "\(e.breakdown.map { ($0.criterion, $0.points) })")
        let split = Matcher.evaluate(unit, home(skills: .trauma, miles: 12), policy: Self.p, isSplitPart: true)
        #expect(abs(split.score - (e.score - 20)) < 1e-9)
        #expect(split.breakdown.last?.points == -20)
    }
}
