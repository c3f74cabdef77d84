import CareModel
import Matching
import Testing

/// The joint plan's objective as three numbers: children placed, split parts placed, score
/// counted per child in hundredths of a point.
struct PlanValue: Equatable, Comparable, CustomStringConvertible {
    var children: Int
    var parts: Int
    var cents: Int

    static func < (a: PlanValue, b: PlanValue) -> Bool {
        (a.children, -a.parts, a.cents) < (b.children, -b.parts, b.cents)
    }

    var description: String { "\(children) children, \(parts) parts, \(cents) cents" }

    init(children: Int, parts: Int, cents: Int) {
        self.children = children; self.parts = parts; self.cents = cents
    }

    init(_ plan: MatchPlan) {
        children = plan.entries.reduce(0) { $0 + $1.group.size }
        parts = plan.entries.filter(\.isSplitPart).count
        cents = plan.entries.reduce(0) { $0 + Int(($1.placement.score * 100).rounded()) * $1.group.size }
    }
}

/// Checks each placement of a joint plan with the reference evaluator against its household
/// with every other child the plan places there already living there (order-free).
func jointPlanBreaksNoRule(_ plan: MatchPlan, _ households: [Household], _ policy: MatchPolicy) -> Bool {
    let byID = Dictionary(uniqueKeysWithValues: households.map { ($0.id, $0) })
    for (id, entries) in Dictionary(grouping: plan.entries, by: \.placement.household) {
        for (k, entry) in entries.enumerated() {
            guard var h = byID[id] else { return false }
            var atRisk: [Int] = []
            for (j, other) in entries.enumerated() where j != k {
                h.occupied += other.group.size
                h.residentAges += other.group.children.map(\.age)
                atRisk += other.group.children.filter { $0.needs.contains(.exploitationRisk) }.map(\.age)
            }
            let e = Matcher.evaluate(entry.group, h, policy: policy, isSplitPart: entry.isSplitPart, residentsAtRisk: atRisk)
            guard e.feasible, abs(e.score - entry.placement.score) < 1e-9 else { return false }
        }
    }
    return homesKeepSoloAndExploitationRules(plan, households, policy)
}

/// The units a group may be placed as: whole, and when it may split, its halves by age
/// (younger half first, the larger when odd, never cutting between two children under 2),
/// and their halves.
func unitsOf(_ group: SiblingGroup) -> [(group: SiblingGroup, isPart: Bool)] {
    var result: [(group: SiblingGroup, isPart: Bool)] = [(group, false)]
    func halve(_ g: SiblingGroup) {
        guard g.size > 1 else { return }
        let sorted = g.children.enumerated().sorted { ($0.element.age, $0.offset) < ($1.element.age, $1.offset) }.map(\.element)
        var cut = (sorted.count + 1) / 2
        while cut < sorted.count && sorted[cut].age < 2 && sorted[cut - 1].age < 2 { cut += 1 }
        guard cut < sorted.count else { return }
        for part in [Array(sorted[..<cut]), Array(sorted[cut...])] {
            let p = SiblingGroup(id: GroupID(g.id.rawValue + "'"), children: part)
            result.append((p, true))
            halve(p)
        }
    }
    if group.maySplit { halve(group) }
    return result
}

/// The best plan by brute force: every way of giving each unit a household or none, with no
/// child twice and no two parts of one group in one home, each home's set of units checked
/// and scored by the reference evaluator with all the others living there.
func bruteForceJointPlan(_ groups: [SiblingGroup], _ households: [Household], _ policy: MatchPolicy) -> PlanValue {
    var units: [(group: SiblingGroup, isPart: Bool, origin: Int)] = []
    for (g, group) in groups.enumerated() { for u in unitsOf(group) { units.append((u.group, u.isPart, g)) } }
    var inHome = [[Int]](repeating: [], count: households.count)
    var placedChildren = Set<ChildID>()
    var best = PlanValue(children: 0, parts: 0, cents: 0)
    /// The home's units, each evaluated with the others living there: nil if one fails.
    func homeValue(_ h: Int) -> Int? {
        var cents = 0
        for u in inHome[h] {
            var home = households[h]
            var atRisk: [Int] = []
            for v in inHome[h] where v != u {
                home.occupied += units[v].group.size
                home.residentAges += units[v].group.children.map(\.age)
                atRisk += units[v].group.children.filter { $0.needs.contains(.exploitationRisk) }.map(\.age)
            }
            let e = Matcher.evaluate(units[u].group, home, policy: policy, isSplitPart: units[u].isPart, residentsAtRisk: atRisk)
            guard e.feasible else { return nil }
            cents += Int((e.score * 100).rounded()) * units[u].group.size
        }
        return cents
    }
    func go(_ u: Int) {
        if u == units.count {
            var value = PlanValue(children: 0, parts: 0, cents: 0)
            for h in households.indices {
                guard let cents = homeValue(h) else { return }
                value.cents += cents
                for v in inHome[h] {
                    value.children += units[v].group.size
                    if units[v].isPart { value.parts += 1 }
                }
            }
            if best < value { best = value }
            return
        }
        go(u + 1)
        let ids = units[u].group.childIDs
        guard ids.allSatisfy({ !placedChildren.contains($0) }) else { return }
        for h in households.indices where !inHome[h].contains(where: { units[$0].origin == units[u].origin }) {
            inHome[h].append(u)
            // Adding children only tightens the rules, so an infeasible home stays infeasible.
            if homeValue(h) != nil {
                placedChildren.formUnion(ids)
                go(u + 1)
                placedChildren.subtract(ids)
            }
            inHome[h].removeLast()
        }
    }
    go(0)
    return best
}

/// Small random counties with several-place homes, groups of 2-4, solo, exploitation risk and
/// groups that may split.
func smallCounty(_ rng: inout Xoshiro256StarStar) -> ([SiblingGroup], [Household]) {
    let children = RandomCounty.children(Int.random(in: 1...6, using: &rng), rng: &rng, groupShare: 0.35).map { c -> Child in
        var c = c
        if rng.nextUnit() < 0.15 { c.needs.insert(.exploitationRisk) }
        if rng.nextUnit() < 0.05 { c.needs.insert(.solo) }
        return c
    }
    let households = RandomCounty.households(Int.random(in: 1...4, using: &rng), rng: &rng).map { h -> Household in
        var h = h
        // Mostly free places, several per home, wide approvals: many ways to fill each home.
        h.occupied = Int.random(in: 0...1, using: &rng)
        h.places = h.occupied + Int.random(in: 1...4, using: &rng)
        h.status = .available
        h.approvals = [.shortTerm, .longTerm, .emergency, .respite, .parentAndChild]
        h.ageRange = 0...17
        return h
    }
    return (SiblingGroup.groups(of: children), households)
}

@Test func jointPlanEqualsBruteForceOnEveryLevel() {
    var rng = Xoshiro256StarStar(seed: 1101)
    var multiUnitHomes = 0, splits = 0
    for trial in 0..<2000 {
        let (groups, households) = smallCounty(&rng)
        let plan = Matcher.plan(groups: groups, households: households, policy: .default)
        let truth = bruteForceJointPlan(groups, households, .default)
        let value = PlanValue(plan)
        #expect(value == truth, "trial \(trial): plan \(value), brute force \(truth)")
        #expect(jointPlanBreaksNoRule(plan, households, .default), "trial \(trial)")
        // The proof: the bound is met on both levels.
        let bound = plan.bound!
        #expect(bound.optimal && bound.childrenPossible == truth.children, "trial \(trial)")
        #expect(abs(bound.childScoreBound * 100 - Double(truth.cents)) < 0.5 && bound.gap == 0, "trial \(trial)")
        #expect(abs(bound.childScore * 100 - Double(truth.cents)) < 0.5, "trial \(trial)")
        if Set(plan.entries.map(\.placement.household)).count < plan.entries.count { multiUnitHomes += 1 }
        if value.parts > 0 { splits += 1 }
        // Every child placed once or listed as not placed.
        let placed = plan.entries.flatMap(\.placement.children) + plan.unplaced.flatMap(\.group.childIDs)
        #expect(placed.sorted() == groups.flatMap(\.childIDs).sorted(), "trial \(trial)")
    }
    // The instances exercise homes taking several units and split groups.
    #expect(multiUnitHomes > 300 && splits > 20, "\(multiUnitHomes) plans with shared homes, \(splits) with splits")
}

/// Brute force over every packing of a random `PackingProblem`.
func bruteForcePacking(_ p: PackingProblem) -> Double {
    var taken = [Bool](repeating: false, count: p.itemCount)
    var best = 0.0
    func go(_ h: Int, _ value: Double) {
        if h == p.options.count { best = max(best, value); return }
        go(h + 1, value)
        for o in p.options[h] where o.items.allSatisfy({ !taken[Int($0)] }) {
            for i in o.items { taken[Int(i)] = true }
            go(h + 1, value + o.weight)
            for i in o.items { taken[Int(i)] = false }
        }
    }
    go(0, 0)
    return best
}

@Test func packingSolverEqualsBruteForceAndItsBoundHolds() {
    var rng = Xoshiro256StarStar(seed: 1102)
    for trial in 0..<3000 {
        let items = Int.random(in: 1...9, using: &rng)
        var options: [[PackingOption]] = []
        for _ in 0..<Int.random(in: 1...6, using: &rng) {
            var list: [PackingOption] = []
            for _ in 0..<Int.random(in: 0...5, using: &rng) {
                let set = Set((0..<Int.random(in: 1...3, using: &rng)).map { _ in Int32(Int.random(in: 0..<items, using: &rng)) })
                list.append(PackingOption(items: set.sorted(), weight: Double(Int.random(in: 1...60, using: &rng))))
            }
            options.append(list)
        }
        let problem = PackingProblem(itemCount: items, options: options)
        let truth = bruteForcePacking(problem)
        let s = PackingSolver.solve(problem)
        #expect(s.value == truth && s.bound == truth, "trial \(trial): \(s.value) bound \(s.bound), truth \(truth)")
        // The choice is a packing worth its value.
        var seen = Set<Int32>()
        var value = 0.0
        for (h, o) in s.choice.enumerated() where o >= 0 {
            for i in options[h][o].items { #expect(seen.insert(i).inserted, "trial \(trial)") }
            value += options[h][o].weight
        }
        #expect(value == s.value, "trial \(trial)")
        // Stopped at once, the bound still holds.
        let stopped = PackingSolver.solve(problem, timeLimit: 0)
        #expect(stopped.bound >= truth && stopped.value <= truth, "trial \(trial)")
    }
}

/// A random packing problem with 0, 1 or 2 lexicographic levels before the weight's rest (as
/// the joint plan weighs children, then split parts, then score): level 1 the items taken,
/// level 2 minus a random "parts" count; each scale above any difference the later levels make.
func randomPacking(_ rng: inout Xoshiro256StarStar, levels: Int) -> PackingProblem {
    let items = Int.random(in: 1...9, using: &rng)
    let households = Int.random(in: 1...6, using: &rng)
    let b = 400.0, a = 4000.0   // b > 6 households x 60; a > 6 x b + 360
    let scales = Array([a, b].suffix(levels))
    var options: [[PackingOption]] = []
    for _ in 0..<households {
        var list: [PackingOption] = []
        for _ in 0..<Int.random(in: 0...5, using: &rng) {
            let set = Set((0..<Int.random(in: 1...3, using: &rng)).map { _ in Int32(Int.random(in: 0..<items, using: &rng)) }).sorted()
            let rest = Double(Int.random(in: 1...60, using: &rng))
            let parts = Double(Int.random(in: 0...1, using: &rng))
            let values = Array([Double(set.count), -parts].prefix(levels))
            let weight = zip(scales, values).reduce(rest) { $0 + $1.0 * $1.1 }
            list.append(PackingOption(items: set, weight: weight, levels: values))
        }
        options.append(list)
    }
    return PackingProblem(itemCount: items, options: options, levelScales: levels > 0 ? Array(repeating: scales, count: households) : [])
}

@Test func configurationLPBoundsTheBruteForceOptimumAndMeetsItWhenIntegral() {
    var rng = Xoshiro256StarStar(seed: 1103)
    var integral = 0, fractional = 0
    for trial in 0..<3000 {
        let problem = randomPacking(&rng, levels: trial % 3)
        let truth = bruteForcePacking(problem)
        guard let root = PackingSolver.rootRelaxation(problem) else {
            Issue.record("trial \(trial): LP stopped"); continue
        }
        #expect(root.bound >= truth, "trial \(trial): LP bound \(root.bound) below the optimum \(truth)")
        if root.integral {
            integral += 1
            #expect(root.bound == truth, "trial \(trial): integral LP \(root.bound), optimum \(truth)")
        } else {
            fractional += 1
        }
        // The solver with the LP bound is exact on both kinds.
        let s = PackingSolver.solve(problem)
        #expect(s.value == truth && s.bound == truth, "trial \(trial): \(s.value) bound \(s.bound), truth \(truth)")
    }
    #expect(integral > 500 && fractional > 50, "\(integral) integral LPs, \(fractional) fractional")
}
