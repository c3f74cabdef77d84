import CareModel
import Foundation
import Interchange
@testable import Simulation
import Testing

/// `carers.recruitment`'s mix of new households: shares honoured, profiles recruited exactly,
/// the default mix unchanged, pairing kept, bad settings refused where they are written.
@Suite struct RecruitmentMixTests {
    static let districts = SimTest.countyStart.districts.map(\.name)

    /// `count` of `n` draws is within 5 binomial standard deviations of n x p (a test that
    /// fails by chance about once in 3.5 million).
    func expectBinomial(_ count: Int, _ n: Int, _ p: Double, _ what: String) {
        let sd = (Double(n) * p * (1 - p)).squareRoot()
        #expect(abs(Double(count) - Double(n) * p) <= 5 * sd + 1e-9, "\(what): \(count) of \(n), expected p = \(p)")
    }

    @Test func drawnHouseholdsMatchTheMixWithinBinomialBounds() {
        var settings = RecruitmentSettings()
        settings.districtWeights = [Self.districts[0]: 1, Self.districts[2]: 3]
        settings.placesDistribution = [0.2, 0.3, 0.5]
        settings.ageRangeWeights = [AgeRangeWeight(0...4, 1), AgeRangeWeight(11...17, 3), AgeRangeWeight(5...17, 1)]
        settings.approvalShares = ["short_term": 0.9, "long_term": 0.5, "parent_and_child": 0.3]
        settings.skillShares = ["disability": 0.2, "trauma": 0.6]
        var weights = Self.districts.map { settings.districtWeights[$0] ?? 0 }
        if !weights.contains(where: { $0 > 0 }) { weights = Array(repeating: 1, count: weights.count) }
        let mix = RecruitmentMix(settings, districts: Self.districts, carerWeights: weights)
        let n = 20_000
        let root = RandomKey(2024).key(.recruitment)
        var district = [Int](repeating: 0, count: Self.districts.count), places = [0, 0, 0, 0], ages: [ClosedRange<Int>: Int] = [:]
        var approvals: [String: Int] = [:], skills: [String: Int] = [:], teenagers = 0, elevenPlus = 0
        for k in 0..<n {
            let carer = mix.draw(root.key(k))
            district[carer.district] += 1
            places[carer.places] += 1
            ages[carer.ages!, default: 0] += 1
            for token in carer.approvals!.tokenList { approvals[token, default: 0] += 1 }
            for token in carer.skills!.tokenList { skills[token, default: 0] += 1 }
            if carer.ages!.lowerBound >= 11 {
                elevenPlus += 1
                if carer.skills!.contains(.teenagers) { teenagers += 1 }
            }
        }
        expectBinomial(district[0], n, 0.25, "district 0")
        expectBinomial(district[2], n, 0.75, "district 2")
        #expect(district[1] + district[3] + district[4] + district[5] == 0)
        expectBinomial(places[1], n, 0.2, "1 place")
        expectBinomial(places[2], n, 0.3, "2 places")
        expectBinomial(places[3], n, 0.5, "3 places")
        expectBinomial(ages[0...4] ?? 0, n, 0.2, "0-4")
        expectBinomial(ages[11...17] ?? 0, n, 0.6, "11-17")
        expectBinomial(ages[5...17] ?? 0, n, 0.2, "5-17")
        #expect(ages.count == 3)
        // Short-term is also given when no approval is drawn (0.1 x 0.5 x 0.7 of households).
        expectBinomial(approvals["short_term"] ?? 0, n, 0.9 + 0.1 * 0.5 * 0.7, "short_term")
        expectBinomial(approvals["long_term"] ?? 0, n, 0.5, "long_term")
        expectBinomial(approvals["parent_and_child"] ?? 0, n, 0.3, "parent_and_child")
        #expect(approvals["emergency"] == nil && approvals["respite"] == nil)
        expectBinomial(skills["disability"] ?? 0, n, 0.2, "disability")
        expectBinomial(skills["trauma"] ?? 0, n, 0.6, "trauma")
        #expect(teenagers == elevenPlus && elevenPlus > 0)
        // Approvals and skills are drawn independently: both parent-and-child and long-term.
        let both = (0..<n).filter { mix.draw(root.key($0)).approvals!.isSuperset(of: [.parentAndChild, .longTerm]) }.count
        expectBinomial(both, n, 0.15, "parent_and_child and long_term")
    }

    @Test func profilesAreRecruitedByShareWithWhatTheyFix() {
        var settings = RecruitmentSettings()
        var teen = RecruitmentProfile()
        teen.district = Self.districts[4]
        teen.minAge = 11
        teen.places = 2
        teen.approvals = ["long_term"]
        teen.skills = ["teenagers", "trauma"]
        teen.share = 1
        var open = RecruitmentProfile()
        open.share = 3
        settings.profiles = [teen, open]
        settings.placesDistribution = [1]
        let mix = RecruitmentMix(settings, districts: Self.districts, carerWeights: Array(repeating: 1, count: Self.districts.count))
        let n = 12_000
        let root = RandomKey(7).key(.recruitment)
        var teens = 0
        for k in 0..<n {
            let carer = mix.draw(root.key(k))
            if carer.ages == 11...17 {
                teens += 1
                #expect(carer == NewCarer(district: 4, places: 2, ages: 11...17, approvals: .longTerm, skills: [.teenagers, .trauma]))
            } else {
                // The open profile fixes nothing: one place (the distribution), the template's ages.
                #expect(carer.places == 1 && carer.ages == nil && carer.approvals == nil && carer.skills == nil)
            }
        }
        expectBinomial(teens, n, 0.25, "teen profile")
    }

    /// Without a mix, a new household's district and places are drawn from the same uniforms as
    /// before the mix existed (`location`, `places`) and everything else is the template's.
    @Test func theDefaultMixDrawsWhatRecruitmentDrewBefore() {
        let settings = RecruitmentSettings()
        let weights = SimTest.countyStart.districts.map(\.carerWeight)
        let mix = RecruitmentMix(settings, districts: Self.districts, carerWeights: weights)
        let root = RandomKey(99).key(.recruitment)
        for k in 0..<2000 {
            let key = root.key(k)
            let old = NewCarer(district: Draw.weightedIndex(weights, quantile: key.unit(.location)),
                               places: Draw.weightedIndex(settings.placesDistribution, quantile: key.unit(.places)) + 1)
            #expect(mix.draw(key) == old)
        }
    }

    static func recruiting(_ change: (inout Scenario) -> Void = { _ in }) -> Scenario {
        var s = SimTest.quiet()
        s.carers.recruitment.enabled = true
        s.carers.recruitment.enquiriesPerMonth = 60
        s.carers.recruitment.conversion = 0.2
        change(&s)
        return s
    }

    static let oneProfile: RecruitmentProfile = {
        var p = RecruitmentProfile()
        p.district = districts[3]
        p.minAge = 0
        p.maxAge = 4
        p.places = 3
        p.approvals = ["parent_and_child", "short_term"]
        p.skills = ["disability"]
        return p
    }()

    /// A one-profile scenario approves only that profile, on the same days and as many as the
    /// default mix (common random numbers), and the carers' lives do not change the arrivals.
    @Test func aOneProfileScenarioRecruitsOnlyThatProfileOnTheSameDays() {
        let start = PreparedStart(SimTest.countyStart, scenario: Self.recruiting())
        let base = start.population.households.count
        for seed in 0..<3 {
            var plain = Replication(scenario: Self.recruiting(), start: start, months: 24, rng: Xoshiro256StarStar(seed: UInt64(seed)))
            _ = plain.run()
            let targeted = Self.recruiting { $0.carers.recruitment.profiles = [Self.oneProfile] }
            var one = Replication(scenario: targeted, start: start, months: 24, rng: Xoshiro256StarStar(seed: UInt64(seed)))
            _ = one.run()
            let recruited = one.households[base...]
            #expect(recruited.count > 10)
            #expect(recruited.count == plain.households.count - base)
            #expect(one.approvalKeys == plain.approvalKeys)
            // The same approvals month by month (and, with entries off here, the same arrivals: none).
            let k = KPI.allCases.count
            #expect((0...24).map { plain.output[$0 * k + KPI.approvals.rawValue] } == (0...24).map { one.output[$0 * k + KPI.approvals.rawValue] })
            for h in recruited {
                #expect(h.household.district == Self.districts[3])
                #expect(h.household.ageRange == 0...4 && h.household.places == 3)
                #expect(h.household.approvals == [.parentAndChild, .shortTerm] && h.household.skills == .disability)
            }
            // The default mix recruits other kinds too.
            #expect(plain.households[base...].contains { $0.household.ageRange != 0...4 || $0.household.places != 3 })
            #expect(one.violations.isEmpty)
        }
    }

    /// A mix that fixes nothing (one profile with no fields) gives the default's output exactly.
    @Test func aProfileThatFixesNothingChangesNothing() {
        let start = SimTest.countyStart
        var empty = Scenario()
        empty.carers.recruitment.profiles = [RecruitmentProfile()]
        let a = MonteCarlo.replicate(scenario: Scenario(), start: start, runs: 2, years: 2, seed: 5, threads: 1)
        let b = MonteCarlo.replicate(scenario: empty, start: start, runs: 2, years: 2, seed: 5, threads: 1)
        #expect(a.map(\.monthly) == b.map(\.monthly))
        #expect(a.map(\.totalCost) == b.map(\.totalCost))
    }

    @Test func theCountyAgeRangeWeightsAreSettable() {
        var profile = CountyProfile.default
        profile.inHouseAgeRangeWeights = [AgeRangeWeight(11...17, 1)]
        let county = CountyGenerator.generate(profile: profile, seed: 3)
        let inHouse = county.households.filter { $0.provider == .inHouse }
        // Placing a younger child widens a range (the snapshot's placements come first), so
        // empty households keep exactly the range drawn.
        #expect(inHouse.filter { $0.occupied == 0 }.allSatisfy { $0.ageRange == 11...17 })
        #expect(inHouse.allSatisfy { $0.ageRange.upperBound == 17 })
        let usual = CountyGenerator.generate(seed: 3).households.filter { $0.provider == .inHouse && $0.occupied == 0 }
        #expect(Set(usual.map(\.ageRange)).count >= 4)
    }

    func read(_ text: String) throws(InvalidInput) -> Scenario {
        try ScenarioFile.parse(Array(text.utf8), file: "s.json", directory: nil)
    }

    func problems(_ text: String) -> [String] {
        do {
            _ = try read(text)
            return []
        } catch {
            return error.problems.map(\.description)
        }
    }

    /// Age ranges are held in one order whatever order they are written in, so a scenario
    /// printed with sorted keys draws what it drew.
    @Test func theMixIsReadInOneOrderAndRoundTrips() throws {
        let text = """
            {"carers": {"recruitment": {"age_range_weights": {"2-9": 2, "0-4": 1, "11-17": 3, "1-3": 1},
              "approval_shares": {"parent_and_child": 0.5}, "skill_shares": {"uasc": 0.1},
              "profiles": [{"district": "\(Self.districts[1])", "min_age": 11, "places": 2, "approvals": ["long_term"], "share": 2}]}},
             "start": {"county": {"age_range_weights": {"0-17": 1, "0-10": 1}}}}
            """
        let s = try read(text)
        #expect(s.carers.recruitment.ageRangeWeights == [AgeRangeWeight(11...17, 3), AgeRangeWeight(0...4, 1),
                                                         AgeRangeWeight(1...3, 1), AgeRangeWeight(2...9, 2)])
        #expect(s.carers.recruitment.approvalShares == ["parent_and_child": 0.5])
        #expect(s.carers.recruitment.profiles.first?.ages == 11...17)
        #expect(s.carers.recruitment.profiles.first?.share == 2)
        #expect(s.start.profile.inHouseAgeRangeWeights == [AgeRangeWeight(0...10, 1), AgeRangeWeight(0...17, 1)])
        let again = try read(ScenarioFile.encode(s))
        #expect(again == s)
        // The default writes no mix at all.
        #expect(!(try ScenarioFile.encode(Scenario())).contains("profiles"))
    }

    @Test(arguments: [
        (#"{"carers": {"recruitment": {"age_range_weights": {"12-4": 1}}}}"#,
         "s.json:1: carers.recruitment.age_range_weights.12-4: key \"12-4\": expected a range \"low-high\" of whole numbers 0-17, low no more than high"),
        (#"{"carers": {"recruitment": {"age_range_weights": {"0-18": 1}}}}"#,
         "s.json:1: carers.recruitment.age_range_weights.0-18: key \"0-18\": expected a range \"low-high\" of whole numbers 0-17, low no more than high"),
        (#"{"carers": {"recruitment": {"age_range_weights": {"0-4": -1}}}}"#,
         "s.json:1: carers.recruitment.age_range_weights.0-4 -1: expected a number 0-1,000,000"),
        (#"{"carers": {"recruitment": {"approval_shares": {"short_term": 1.5}}}}"#,
         "s.json:1: carers.recruitment.approval_shares.short_term 1.5: expected a number 0-1"),
        (#"{"carers": {"recruitment": {"skill_shares": {"knitting": 0.5}}}}"#,
         "s.json:1: carers.recruitment.skill_shares.knitting: unknown key \"knitting\": expected one of disability, complex, trauma, uasc, teenagers"),
        (#"{"carers": {"recruitment": {"profiles": [{"places": 0}]}}}"#,
         "s.json:1: carers.recruitment.profiles[0].places 0: expected a whole number 1-10"),
        (#"{"carers": {"recruitment": {"profiles": [{"approvals": ["adoption"]}]}}}"#,
         "s.json:1: carers.recruitment.profiles[0].approvals[0] \"adoption\": expected one of short_term, long_term, emergency, respite, parent_and_child"),
        (#"{"start": {"county": {"age_range_weights": {"a-b": 1}}}}"#,
         "s.json:1: start.county.age_range_weights.a-b: key \"a-b\": expected a range \"low-high\" of whole numbers 0-17, low no more than high"),
    ])
    func outOfRangeMixSettingsAreRefusedWhereWritten(text: String, message: String) {
        #expect(problems(text) == [message])
    }

    @Test func inconsistentProfilesAreRefusedWhereWritten() {
        let text = """
            {"carers": {"recruitment": {
              "profiles": [{"min_age": 12, "max_age": 4},
                           {"district": "Atlantis"}],
              "age_range_weights": {"0-4": 0}}}}
            """
        let found = problems(text)
        #expect(found.contains { $0.hasPrefix("s.json:2: carers.recruitment.profiles[0].min_age 12: expected no more than max_age 4") })
        #expect(found.contains { $0.hasPrefix("s.json:3: carers.recruitment.profiles[1].district \"Atlantis\": expected one of the county's districts") })
        #expect(found.contains { $0.hasPrefix("s.json:4: carers.recruitment.age_range_weights") && $0.contains("not all zero") })
        #expect(found.count == 3)
    }
}
