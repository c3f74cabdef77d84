import CareModel
import Interchange
@testable import Simulation
import Testing

/// `district_weights` (where entering children's families and new carers live): every name must
/// be one of the county's districts, and the weights alone decide where the new ones live.
@Suite struct DistrictWeightsTests {
    let districtNames = Scenario().start.profile.districts.map(\.name)

    func problems(_ text: String) -> [String] {
        do {
            _ = try ScenarioFile.parse(Array(text.utf8), file: "s.json", directory: nil)
            return []
        } catch {
            return error.problems.map(\.description)
        }
    }

    /// A misspelt district would otherwise lose its weight without a word (and weights all
    /// under unknown names would become equal weights everywhere).
    @Test func namesThatAreNotDistrictsAreRefusedWhereWritten() {
        let text = """
            {"entries": {"district_weights": {"\(districtNames[0])": 2,
                                              "\(districtNames[1])x": 1}},
             "carers": {"recruitment": {"district_weights": {"Nowhere": 1}}}}
            """
        let found = problems(text)
        let known = districtNames.joined(separator: ", ")
        #expect(found.contains(
            "s.json:2: entries.district_weights.\(districtNames[1])x: unknown district \"\(districtNames[1])x\": expected one of the county's districts: \(known)"))
        #expect(found.contains(
            "s.json:3: carers.recruitment.district_weights.Nowhere: unknown district \"Nowhere\": expected one of the county's districts: \(known)"))
        #expect(found.count == 2, "\(found)")
    }

    /// A name holding a dot is reported at its own line, not at the line of the map.
    @Test func aNameWithADotIsLocatedOnItsOwnLine() {
        let found = problems("""
            {"entries": {"district_weights": {
                "\(districtNames[0])": 1,
                "St. Albans": 2}}}
            """)
        #expect(found.count == 1, "\(found)")
        #expect(found.first?.hasPrefix("s.json:3: entries.district_weights.St. Albans: unknown district \"St. Albans\"") == true, "\(found)")
    }

    @Test func weightsAllZeroAreRefused() {
        let found = problems(#"{"carers": {"recruitment": {"district_weights": {"\#(districtNames[2])": 0}}}}"#)
        #expect(found.count == 1, "\(found)")
        #expect(found.first?.hasPrefix("s.json:1: carers.recruitment.district_weights") == true)
        #expect(found.first?.contains("not all zero") == true)
    }

    @Test func theCountysOwnNamesAreAccepted() {
        let weights = districtNames.enumerated().map { "\"\($0.element)\": \($0.offset)" }.joined(separator: ", ")
        #expect(problems(#"{"entries": {"district_weights": {\#(weights)}}, "carers": {"recruitment": {"district_weights": {\#(weights)}}}}"#) == [])
    }

    /// Children entering during a run, and households recruited during it, live in the
    /// weighted districts only, in the weights' proportions (children: within five binomial
    /// standard deviations; a sibling group is one draw).
    @Test(arguments: [1, 2])
    func entrantsAndRecruitsLiveWhereTheWeightsSay(seed: UInt64) {
        let light = districtNames[1], heavy = districtNames[3]
        var scenario = SimTest.quiet()
        scenario.entries.enabled = true
        scenario.carers.recruitment.enabled = true
        scenario.entries.districtWeights = [light: 1, heavy: 3]
        scenario.carers.recruitment.districtWeights = [heavy: 1]
        #expect(scenario.validationProblems().isEmpty)
        let start = PreparedStart(SimTest.countyStart, scenario: scenario)
        let index = { (name: String) in Int32(start.population.districts.firstIndex { $0.name == name }!) }
        var replication = Replication(scenario: scenario, start: start, months: 48, rng: Xoshiro256StarStar(seed: seed))
        _ = replication.run()
        let startingChildren = SimTest.countyStart.children.count, startingHouseholds = SimTest.countyStart.households.count
        var groupsByDistrict: [Int32: Int] = [:]
        for group in replication.register.groups where Int(group.first) >= startingChildren {
            let districts = Set((Int(group.first) ..< Int(group.first + group.count)).map { replication.register.children[$0].district })
            #expect(districts.count == 1, "brothers and sisters entering together share a family home")
            groupsByDistrict[districts.first!, default: 0] += 1
        }
        let groups = groupsByDistrict.values.reduce(0, +)
        #expect(groups > 500)
        #expect(Set(groupsByDistrict.keys) == [index(light), index(heavy)])
        let share = Double(groupsByDistrict[index(heavy)] ?? 0) / Double(groups)
        #expect(abs(share - 0.75) < 5 * (0.75 * 0.25 / Double(groups)).squareRoot(), "heavy district's share \(share) of \(groups)")
        let recruited = replication.households[startingHouseholds...].map(\.district)
        #expect(recruited.count > 20)
        #expect(recruited.allSatisfy { $0 == index(heavy) })
    }
}
