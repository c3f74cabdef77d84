import CareModel
import Matching
import Testing
@testable import Simulation

/// The carers we need, against brute force with the reference evaluator.
@Suite struct CarerCoveringTests {
    static let centres = [
        Location(latitude: 51.86, longitude: -2.24), Location(latitude: 51.75, longitude: -2.0),
        Location(latitude: 52.0, longitude: -2.5),
    ]

    /// A random turned-away decision and the sibling group it records.
    static func decision(using rng: inout Xoshiro256StarStar) -> (TurnedAwayDecision, SiblingGroup) {
        let district = Int(rng.nextUnit() * Double(centres.count))
        let c = centres[district]
        let home = Location(latitude: c.latitude + (rng.nextUnit() - 0.5) * 0.6, longitude: c.longitude + (rng.nextUnit() - 0.5) * 0.9)
        let size = 1 + Int(rng.nextUnit() * rng.nextUnit() * 4)
        let request = PlacementRequest.allCases[Int(rng.nextUnit() * 3)]
        let tokens: [Needs] = [.disability, .complex, .trauma, .exploitationRisk, .solo]
        let kids = (0..<size).map { k -> Child in
            var needs = Needs()
            for t in tokens where rng.nextUnit() < 0.12 { needs.formUnion(t) }
            return Child(id: ChildID("c\(k)"), age: Int(rng.nextUnit() * 18), sex: .unknown, home: home, placement: request, needs: needs)
        }
        let group = size == 1 ? SiblingGroup(single: kids[0]) : SiblingGroup(id: GroupID("g"), children: kids)
        let ages = kids.map(\.age)
        let atRisk = kids.filter { $0.needs.contains(.exploitationRisk) }.map(\.age).max() ?? -1
        let reasons = TurnAwayReason.allCases
        let decision = TurnedAwayDecision(
            day: rng.nextUnit() * 700, home: home, reason: reasons[Int(rng.nextUnit() * Double(reasons.count))],
            district: Int16(district), size: UInt8(size), children: UInt8(1 + Int(rng.nextUnit() * Double(size))),
            minAge: Int8(ages.min()!), maxAge: Int8(ages.max()!), ageSum: Int16(ages.reduce(0, +)), oldestAtRisk: Int8(atRisk),
            request: request, needs: group.needs, nearHomeLimit: rng.nextUnit() < 0.3)
        return (decision, group)
    }

    /// Whether a household of `profile` takes the decision, by `Matcher.evaluate` (nil when the
    /// distance is within 0.05 miles of the limit, where the kernel's projection may differ).
    static func takes(_ profile: CarerProfile, _ decision: TurnedAwayDecision, _ group: SiblingGroup) -> Bool? {
        var policy = MatchPolicy.default
        if decision.nearHomeLimit { policy.maxDistanceMiles = KPI.farFromHomeMiles }
        let e = Matcher.evaluate(group, profile.household(at: centres[profile.district]), policy: policy)
        if abs(e.distanceMiles - policy.maxDistanceMiles) < 0.05 { return nil }
        return e.feasible
    }

    @Test func greedyPicksMatchBruteForceOnRandomSets() {
        var rng = Xoshiro256StarStar(seed: 77)
        var checkedSets = 0
        for _ in 0..<60 {
            let runs = 1 + Int(rng.nextUnit() * 3)
            var perRun: [[(TurnedAwayDecision, SiblingGroup)]] = []
            for _ in 0..<runs { perRun.append((0..<Int(5 + rng.nextUnit() * 25)).map { _ in Self.decision(using: &rng) }) }
            let all = perRun.flatMap { $0 }.filter { $0.0.newHouseholdCouldHelp }
            // The candidates as documented: the narrowest profiles of at least 1% of the children.
            // (age range, places, approval and skills), in every district a decision comes from.
            var fitted: [String: Int] = [:]
            var kinds: [String: CarerProfile] = [:]
            for (d, _) in all {
                let p = CarerProfile(fitting: d, policy: .default)
                let kind = "\(p.ageRange) \(p.places) \(p.approval) \(p.skills.rawValue)"
                fitted[kind, default: 0] += Int(d.children)
                kinds[kind] = p
            }
            let total = all.reduce(0) { $0 + Int($1.0.children) }
            let districts = Set(all.map { Int($0.0.district) })
            var candidates = Set<CarerProfile>()
            for (kind, children) in fitted where Double(children) >= Double(total) / 100 {
                for district in districts {
                    var p = kinds[kind]!
                    p.district = district
                    candidates.insert(p)
                }
            }
            #expect(candidates == Set(CarerCovering.candidates(all.map(\.0), policy: .default)))
            var table: [CarerProfile: [Bool]] = [:]
            var ambiguous = false
            for p in candidates {
                table[p] = all.map { d, g in
                    guard let t = Self.takes(p, d, g) else { ambiguous = true; return false }
                    return t
                }
            }
            if ambiguous { continue }
            checkedSets += 1
            let picks = CarerCovering.carersWeNeed(perRun.map { $0.map(\.0) }, districtCentres: Self.centres, count: 3)
            // The first pick takes as many children as the best single profile (brute force).
            let best = candidates.map { p in zip(table[p]!, all).reduce(0) { $0 + ($1.0 ? Int($1.1.0.children) : 0) } }.max() ?? 0
            #expect((picks.first?.total ?? 0) == best)
            // Each pick's count is a direct recount: children it takes that no earlier pick takes.
            var covered = [Bool](repeating: false, count: all.count)
            for pick in picks {
                let takes = table[pick.profile]!
                var recount = 0
                var perRunCount = [Double](repeating: 0, count: runs)
                var index = 0
                for (r, list) in perRun.enumerated() {
                    for (d, _) in list where d.newHouseholdCouldHelp {
                        if takes[index] && !covered[index] {
                            recount += Int(d.children)
                            perRunCount[r] += Double(d.children)
                        }
                        index += 1
                    }
                }
                #expect(pick.total == recount)
                #expect(pick.children == Percentiles(of: perRunCount))
                // Greedy: no other candidate takes more new children at this step.
                for p in candidates {
                    let gain = zip(table[p]!, all).enumerated().reduce(0) { $0 + ($1.element.0 && !covered[$1.offset] ? Int($1.element.1.0.children) : 0) }
                    #expect(gain <= pick.total)
                }
                for i in covered.indices where takes[i] { covered[i] = true }
            }
        }
        #expect(checkedSets > 40)
    }

    @Test func aProfileFitsTheDecisionItWasMadeFrom() {
        var rng = Xoshiro256StarStar(seed: 78)
        var fitted = 0
        for _ in 0..<500 {
            let (d, g) = Self.decision(using: &rng)
            let p = CarerProfile(fitting: d, policy: .default)
            #expect(p.places == g.size && p.ageRange.contains(Int(d.minAge)) && p.ageRange.contains(Int(d.maxAge)))
            // Near its district centre, the narrowest profile takes the unit unless a rule that
            // no empty household can fail is at stake (solo and exploitation always pass here).
            if let takes = Self.takes(p, d, g), d.home.distanceMiles(to: Self.centres[p.district]) < 15 {
                #expect(takes)
                fitted += 1
            }
        }
        #expect(fitted > 200)
    }
}
