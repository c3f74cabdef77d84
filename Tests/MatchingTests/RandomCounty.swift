import CareModel
import Matching

/// Small random counties for property tests: children and households around one town, with
/// every rule and criterion exercised (holds, full homes, solo, exploitation risk, skills).
enum RandomCounty {
    static let centre = Location(latitude: 51.86, longitude: -2.24)

    static func children(_ count: Int, rng: inout Xoshiro256StarStar, groupShare: Double = 0.3) -> [Child] {
        var result: [Child] = []
        var groupNumber = 0
        while result.count < count {
            let inGroup = rng.nextUnit() < groupShare
            let size = inGroup ? Int.random(in: 2...4, using: &rng) : 1
            groupNumber += 1
            let gid: GroupID? = inGroup ? GroupID("G\(groupNumber)") : nil
            let request = PlacementRequest.allCases[Int.random(in: 0..<5, using: &rng)]
            let home = centre.offset(miles: rng.nextUnit() * 40, bearingDegrees: rng.nextUnit() * 360)
            let maySplit = inGroup && rng.nextUnit() < 0.5
            let ethnicity = ["WBRI", "WIRI", "MWBC", "BAFR", "APKN", nil][Int.random(in: 0..<6, using: &rng)]
            for _ in 0..<size where result.count < count {
                var needs = Needs()
                for (need, _) in Needs.tokens where rng.nextUnit() < 0.08 { needs.insert(need) }
                let school: Location? = rng.nextUnit() < 0.6 ? home.offset(miles: rng.nextUnit() * 4, bearingDegrees: rng.nextUnit() * 360) : nil
                result.append(Child(
                    id: ChildID("C\(result.count + 1)"), groupID: gid, age: Int.random(in: 0...17, using: &rng),
                    sex: .unknown, home: home, school: school,
                    district: rng.nextUnit() < 0.8 ? ["North", "South", "East"][Int.random(in: 0..<3, using: &rng)] : nil,
                    placement: request, needs: needs, ethnicity: ethnicity,
                    language: rng.nextUnit() < 0.7 ? ["English", "Polish", "Urdu"][Int.random(in: 0..<3, using: &rng)] : nil,
                    daysWaiting: Int.random(in: 0...200, using: &rng), maySplit: maySplit))
            }
        }
        return result
    }

    static func households(_ count: Int, rng: inout Xoshiro256StarStar) -> [Household] {
        (0..<count).map { i in
            let places = Int.random(in: 1...4, using: &rng)
            let occupied = Int.random(in: 0...places, using: &rng)
            let low = Int.random(in: 0...12, using: &rng)
            let high = min(17, low + Int.random(in: 3...17, using: &rng))
            var approvals = Approvals()
            for (a, _) in Approvals.tokens where rng.nextUnit() < 0.5 { approvals.insert(a) }
            if approvals.isEmpty { approvals = .shortTerm }
            var skills = Skills()
            for (s, _) in Skills.tokens where rng.nextUnit() < 0.3 { skills.insert(s) }
            let residents = (0..<Int.random(in: 0...3, using: &rng)).map { _ in Int.random(in: 0...17, using: &rng) }
            return Household(
                id: HouseholdID("H\(i + 1)"), provider: rng.nextUnit() < 0.6 ? .inHouse : .ifa,
                location: centre.offset(miles: rng.nextUnit() * 45, bearingDegrees: rng.nextUnit() * 360),
                district: rng.nextUnit() < 0.8 ? ["North", "South", "East"][Int.random(in: 0..<3, using: &rng)] : nil,
                places: places, occupied: occupied, ageRange: low...high, approvals: approvals, skills: skills,
                status: rng.nextUnit() < 0.9 ? .available : .onHold, residentAges: residents,
                ethnicity: ["WBRI", "WIRI", "MWBC", "BAFR", "APKN", nil][Int.random(in: 0..<6, using: &rng)],
                language: rng.nextUnit() < 0.7 ? ["English", "Polish", "Urdu"][Int.random(in: 0..<3, using: &rng)] : nil)
        }
    }
}
