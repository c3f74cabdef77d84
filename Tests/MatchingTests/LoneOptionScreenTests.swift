import CareModel
@testable import Matching
import Testing

/// Counties where most homes have one free place (each takes one unit at a time) and wide
/// approvals, so that a child has several such homes: where `LoneOptionScreen` drops options.
func loneHomesCounty(_ rng: inout Xoshiro256StarStar, children: ClosedRange<Int>, homes: ClosedRange<Int>)
    -> ([SiblingGroup], [Household])
{
    let kids = RandomCounty.children(Int.random(in: children, using: &rng), rng: &rng, groupShare: 0.25)
    let households = RandomCounty.households(Int.random(in: homes, using: &rng), rng: &rng).map { h -> Household in
        var h = h
        h.status = .available
        h.approvals = [.shortTerm, .longTerm, .emergency, .respite, .parentAndChild]
        h.ageRange = 0...17
        h.occupied = min(h.occupied, 2)
        h.places = h.occupied + (rng.nextUnit() < 0.8 ? 1 : Int.random(in: 2...3, using: &rng))
        return h
    }
    return (SiblingGroup.groups(of: kids), households)
}

/// The feasible pairs a planner keeps, in all.
func pairCount(_ planner: JointPlanner) -> Int { planner.pairs.reduce(0) { $0 + $1.count } }

/// With lone options dropped the plan still equals brute force on every level and is proven,
/// and the options dropped on the kernel's score alone are those the reference evaluator's
/// scores would drop.
@Test func loneOptionsDroppedKeepTheOptimum() {
    var rng = Xoshiro256StarStar(seed: 2611)
    var screened = 0
    for trial in 0..<800 {
        let (groups, households) = loneHomesCounty(&rng, children: 1...4, homes: 3...6)
        let plan = Matcher.plan(groups: groups, households: households, policy: .default)
        let truth = bruteForceJointPlan(groups, households, .default)
        #expect(PlanValue(plan) == truth, "trial \(trial): plan \(PlanValue(plan)), brute force \(truth)")
        #expect(plan.bound?.optimal == true && plan.bound?.gap == 0, "trial \(trial)")
        let every = JointPlanner(groups: groups, households: households, policy: .default, screensLoneOptions: false)
        let counted = JointPlanner(groups: groups, households: households, policy: .default)
        let quick = JointPlanner(groups: groups, households: households, policy: .default, countsEveryPair: false)
        #expect(quick.pairs.map { $0.map(\.h) } == counted.pairs.map { $0.map(\.h) }, "trial \(trial)")
        // Counting every pair, each unit's count is that of the unscreened planner.
        #expect(counted.engine.units.map(\.initialFeasible) == every.engine.units.map(\.initialFeasible), "trial \(trial)")
        if pairCount(counted) < pairCount(every) { screened += 1 }
    }
    // The counties exercise the screen.
    #expect(screened > 150, "\(screened) counties with options dropped")
}

/// At a meeting's size (tens of children, hundreds of homes) the packing with lone options
/// dropped has the optimum of the packing with every feasible pair, far smaller.
@Test func loneOptionsDroppedKeepTheMeetingOptimum() {
    var rng = Xoshiro256StarStar(seed: 2612)
    var proven = 0, kept = 0, all = 0
    let trials = 16
    for trial in 0..<trials {
        let (groups, households) = loneHomesCounty(&rng, children: 15...30, homes: 80...180)
        let every = JointPlanner(groups: groups, households: households, policy: .default, screensLoneOptions: false)
        let screened = JointPlanner(groups: groups, households: households, policy: .default)
        let quick = JointPlanner(groups: groups, households: households, policy: .default, countsEveryPair: false)
        #expect(quick.pairs.map { $0.map(\.h) } == screened.pairs.map { $0.map(\.h) }, "trial \(trial)")
        kept += pairCount(screened)
        all += pairCount(every)
        let a = every.plan(timeLimit: nil, nodeLimit: 20_000, households: households, starts: [])
        let b = screened.plan(timeLimit: nil, nodeLimit: 20_000, households: households, starts: [])
        guard a.bound?.optimal == true && b.bound?.optimal == true else { continue }
        proven += 1
        #expect(PlanValue(a) == PlanValue(b), "trial \(trial): every pair \(PlanValue(a)), screened \(PlanValue(b))")
    }
    #expect(proven >= trials * 9 / 10, "\(proven) of \(trials) proven")
    // Most options are dropped.
    #expect(kept * 2 < all, "\(kept) of \(all) pairs kept")
}

/// On kernel scores off the reference scores by up to the screen's tolerance (one child,
/// homes scored alike to within a point), the options dropped on the kernel's score alone are
/// exactly those the reference scores drop: a home the kernel ranks below the witness but the
/// reference scores above it is kept.
@Test func loneOptionsDroppedOnTheKernelScoreAreThoseTheReferenceDrops() {
    var rng = Xoshiro256StarStar(seed: 2613)
    var keptBeyondWitness = 0
    for trial in 0..<2000 {
        let homes = Int.random(in: 2...20, using: &rng)
        let screen = LoneOptionScreen(lists: [(0..<homes).map { (Int32($0), 0) }], free: Array(repeating: 1, count: homes), enough: homes,
                                      limitMiles: 50, childStart: [0, 1], childList: [0])
        let slack = (screen.toleranceCents - 0.5) / 100
        // Reference scores in hundredths, some homes infeasible; kernel scores within the slack.
        let cents = (0..<homes).map { _ in rng.nextUnit() < 0.1 ? nil : Int32(5_000 + Int.random(in: 0...100, using: &rng)) }
        let candidates = (0..<homes).map { h in (h: Int32(h), score: Double(cents[h] ?? 5_000) / 100 + (rng.nextUnit() * 2 - 1) * slack) }
        func run(_ countsEveryPair: Bool) -> (pairs: [(h: Int32, baseCents: Int32)], confirmed: Int) {
            var counted = [-1]
            return screen.pairs(of: 0, candidates: candidates, countsEveryPair: countsEveryPair, counted: &counted,
                                confirm: { cents[Int($0)] }, aloneCents: { _, base in Int(base) })
        }
        let quick = run(false), every = run(true)
        #expect(quick.pairs.map(\.h) == every.pairs.map(\.h), "trial \(trial)")
        #expect(every.confirmed == cents.compactMap { $0 }.count, "trial \(trial)")
        // The witness is the feasible home the kernel ranks first; every home the reference
        // scores above it is kept, and no other.
        guard let witness = candidates.filter({ cents[Int($0.h)] != nil }).max(by: { ($0.score, -$0.h) < ($1.score, -$1.h) }) else { continue }
        let above = Set((0..<homes).filter { h in cents[h].map { $0 > cents[Int(witness.h)]! } ?? false }.map { Int32($0) })
        #expect(Set(every.pairs.map(\.h)) == above.union([witness.h]), "trial \(trial)")
        if !above.isEmpty { keptBeyondWitness += 1 }
    }
    #expect(keptBeyondWitness > 200, "\(keptBeyondWitness) trials keeping a home scored above the witness")
}
