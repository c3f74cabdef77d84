import CareModel

/// Random children and households in one region for the scoring-kernel benchmark: every
/// rule and criterion is exercised (holds, full homes, age ranges, approvals, skills, solo,
/// exploitation risk, schools, districts, ethnicity, language, residents).
enum SyntheticPairs {
    static let centre = Location(latitude: 52.2, longitude: -1.6)
    static let districts = ["North", "South", "East", "West", "Central", "Vale"]
    static let ethnicities = ["WBRI", "WIRI", "WOTH", "MWBC", "MWBA", "AIND", "APKN", "BAFR", "BCRB", "CHNE", "OOTH"]
    static let languages = ["English", "Polish", "Urdu", "Arabic", "Romanian"]

    static func children(_ count: Int, radiusMiles: Double, rng: inout Xoshiro256StarStar) -> [SiblingGroup] {
        (0..<count).map { i in
            let size = rng.nextUnit() < 0.25 ? Int.random(in: 2...3, using: &rng) : 1
            let home = centre.offset(miles: radiusMiles * rng.nextUnit().squareRoot(), bearingDegrees: 360 * rng.nextUnit())
            let request = PlacementRequest.allCases[Draw.weightedIndex([40, 30, 15, 10, 5], using: &rng)]
            let school: Location? = rng.nextUnit() < 0.6 ? home.offset(miles: 3 * rng.nextUnit(), bearingDegrees: 360 * rng.nextUnit()) : nil
            let ethnicity: String? = rng.nextUnit() < 0.9 ? ethnicities[Int.random(in: 0..<ethnicities.count, using: &rng)] : nil
            let language: String? = rng.nextUnit() < 0.7 ? languages[Draw.weightedIndex([80, 5, 5, 5, 5], using: &rng)] : nil
            let district: String? = rng.nextUnit() < 0.9 ? districts[Int.random(in: 0..<districts.count, using: &rng)] : nil
            let kids = (0..<size).map { k -> Child in
                var needs = Needs()
                for (need, _) in Needs.tokens where rng.nextUnit() < 0.06 { needs.insert(need) }
                return Child(id: ChildID("U\(i)-\(k)"), groupID: size > 1 ? GroupID("U\(i)") : nil, age: Int.random(in: 0...17, using: &rng),
                    sex: .unknown, home: home, school: school, district: district, placement: request, needs: needs,
                    ethnicity: ethnicity, language: language, daysWaiting: Int.random(in: 0...180, using: &rng), maySplit: size > 1 && rng.nextUnit() < 0.5)
            }
            return size > 1 ? SiblingGroup(id: GroupID("U\(i)"), children: kids) : SiblingGroup(single: kids[0])
        }
    }

    static func households(_ count: Int, radiusMiles: Double, rng: inout Xoshiro256StarStar) -> [Household] {
        (0..<count).map { i in
            let places = Int.random(in: 1...4, using: &rng)
            let occupied = Int.random(in: 0...places, using: &rng)
            let low = Int.random(in: 0...12, using: &rng)
            let high = min(17, low + Int.random(in: 4...17, using: &rng))
            var approvals = Approvals()
            for (a, _) in Approvals.tokens where rng.nextUnit() < 0.55 { approvals.insert(a) }
            if approvals.isEmpty { approvals = .shortTerm }
            var skills = Skills()
            for (s, _) in Skills.tokens where rng.nextUnit() < 0.3 { skills.insert(s) }
            let residents = (0..<Int.random(in: 0...3, using: &rng)).map { _ in Int.random(in: 0...17, using: &rng) }
            return Household(
                id: HouseholdID("H\(i)"), provider: rng.nextUnit() < 0.6 ? .inHouse : .ifa,
                location: centre.offset(miles: radiusMiles * rng.nextUnit().squareRoot(), bearingDegrees: 360 * rng.nextUnit()),
                district: rng.nextUnit() < 0.9 ? districts[Int.random(in: 0..<districts.count, using: &rng)] : nil,
                places: places, occupied: occupied, ageRange: low...high, approvals: approvals, skills: skills,
                status: rng.nextUnit() < 0.92 ? .available : .onHold, residentAges: residents,
                ethnicity: rng.nextUnit() < 0.9 ? ethnicities[Int.random(in: 0..<ethnicities.count, using: &rng)] : nil,
                language: rng.nextUnit() < 0.7 ? languages[Draw.weightedIndex([80, 5, 5, 5, 5], using: &rng)] : nil)
        }
    }
}
