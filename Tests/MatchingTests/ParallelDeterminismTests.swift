import CareModel
import Dispatch
import Foundation
import Matching
import Testing

/// The matching engine splits work over threads; its answers must not depend on how many run.
/// The parallel score matrix equals a one-thread row-by-row computation bit for bit, and plans
/// and shortlists computed while other threads compete for the cores equal those computed alone.
@Suite struct ParallelDeterminismTests {
    @Test func scoreMatrixEqualsTheOneThreadComputation() {
        var rng = Xoshiro256StarStar(seed: 61)
        for trial in 0..<6 {
            let children = RandomCounty.children(40 + 30 * trial, rng: &rng)
            let households = RandomCounty.households(25 + 20 * trial, rng: &rng)
            var codes = CodeBook()
            let columns = HouseholdColumns(households, codes: &codes)
            let rows = SiblingGroup.groups(of: children).map { UnitRow($0, policy: .default, codes: &codes) }
            let parallel = ScoringKernel.scoreMatrix(units: rows, households: columns, policy: .default)
            var sequential = [Double](repeating: 0, count: rows.count * households.count)
            let constants = KernelConstants(policy: .default)
            sequential.withUnsafeMutableBufferPointer { out in
                columns.withView { view in
                    for (r, row) in rows.enumerated() {
                        for h in 0..<households.count {
                            ScoringKernel.scoreRowScalar(row, view, range: h..<(h + 1), constants: constants, into: out.baseAddress! + r * households.count + h)
                        }
                    }
                }
            }
            #expect(parallel.map(\.bitPattern) == sequential.map(\.bitPattern), "trial \(trial)")
            #expect(parallel.contains { $0 >= 0 } && parallel.contains { $0 < 0 }, "trial \(trial): feasible and infeasible pairs")
        }
    }

    /// A plan's placements as comparable text.
    static func fingerprint(_ plan: MatchPlan) -> [String] {
        plan.entries.map { "\($0.placement.children.map(\.rawValue)) \($0.placement.household.rawValue) \($0.placement.score.bitPattern) \($0.round) \($0.isSplitPart)" }
    }

    @Test func plansAndShortlistsDoNotDependOnCompetingThreads() {
        var rng = Xoshiro256StarStar(seed: 62)
        // Random counties (no geography) make dense feasibility graphs, the exact planner's hard
        // case: kept small enough to solve to the end in a debug build.
        let groups = SiblingGroup.groups(of: RandomCounty.children(60, rng: &rng))
        let households = RandomCounty.households(45, rng: &rng)
        let alone = Self.fingerprint(Matcher.plan(groups: groups, households: households, policy: .default))
        let aloneLists = Matcher.shortlists(groups: groups, households: households, policy: .default, top: 3)
            .map { "\($0)" }
        #expect(!alone.isEmpty)
        let results = Results(count: 4)
        DispatchQueue.concurrentPerform(iterations: 4) { i in
            let plan = Self.fingerprint(Matcher.plan(groups: groups, households: households, policy: .default))
            let lists = Matcher.shortlists(groups: groups, households: households, policy: .default, top: 3).map { "\($0)" }
            results.set(i, plan + lists)
        }
        for i in 0..<4 { #expect(results.get(i) == alone + aloneLists, "concurrent call \(i)") }
    }
}

/// Results written by concurrent workers, one slot each.
final class Results: @unchecked Sendable {
    private var slots: [[String]]
    private let lock = NSLock()
    init(count: Int) { slots = Array(repeating: [], count: count) }
    func set(_ i: Int, _ value: [String]) { lock.lock(); slots[i] = value; lock.unlock() }
    func get(_ i: Int) -> [String] { lock.lock(); defer { lock.unlock() }; return slots[i] }
}
