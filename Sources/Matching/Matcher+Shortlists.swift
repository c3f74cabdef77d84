import CareModel
import Dispatch

extension Matcher {
    /// The top `top` feasible households for each unit, best first (score, then fewer miles,
    /// then household id); for a unit with none, its nearest misses instead.
    ///
    /// The kernel finds the feasible households (within the distance limit, via the grid);
    /// the best are then explained by the reference evaluator, whose scores are shown.
    /// - Complexity: units x households within the limit, plus K reference evaluations each.
    public static func shortlists(groups: [SiblingGroup], households: [Household], policy: MatchPolicy, top: Int) -> [Shortlist] {
        var result: [Shortlist] = []
        result.reserveCapacity(groups.count)
        forEachShortlistBlock(groups: groups, households: households, policy: policy, top: top, blockSize: max(groups.count, 1)) {
            result += $0
        }
        return result
    }

    /// Units per block of `forEachShortlistBlock`: enough to keep both cores busy, few enough
    /// that a block's explained shortlists take a few megabytes.
    public static let shortlistBlockSize = 4_096

    /// The shortlists of `shortlists(...)`, in the same order and identical, handed to `body`
    /// a block of at most `blockSize` units at a time, so that a caller writing them out holds
    /// one block, not all of them (a million children's shortlists take gigabytes).
    /// - Complexity: as `shortlists`; memory O(households + blockSize x top).
    public static func forEachShortlistBlock(
        groups: [SiblingGroup], households: [Household], policy: MatchPolicy, top: Int,
        blockSize: Int = shortlistBlockSize, _ body: ([Shortlist]) throws -> Void
    ) rethrows {
        guard !groups.isEmpty else { return }
        // Whether candidates are limited depends on the whole instance, as in the plan.
        var engine = PlanEngine(groups: [], households: households, policy: policy,
            limitCandidates: PlanEngine.limitsCandidates(units: groups.count, households: households.count))
        var start = 0
        while start < groups.count {
            let end = min(groups.count, start + max(1, blockSize))
            engine.replaceUnits(with: groups[start..<end])
            try body(shortlists(of: engine, top: top))
            start = end
        }
    }

    /// The shortlist of each of `engine`'s units, in parallel chunks.
    static func shortlists(of engine: PlanEngine, top: Int) -> [Shortlist] {
        let count = engine.units.count
        let lists = engine.candidates(for: Array(engine.units.indices))
        let policy = engine.policy
        var result = [Shortlist?](repeating: nil, count: count)
        result.withUnsafeMutableBufferPointer { buffer in
            let out = UnsafeSendablePointer(buffer.baseAddress!)
            let chunks = max(1, min(count, 64))
            DispatchQueue.concurrentPerform(iterations: chunks) { c in
                for u in (c * count / chunks)..<((c + 1) * count / chunks) {
                    let group = engine.units[u].group
                    var kernelBest = lists[u]
                    kernelBest.sort { $0.score != $1.score ? $0.score > $1.score : $0.h < $1.h }
                    // The kernel's top K, plus any within 0.25 points of its K-th (the kernel and
                    // the reference differ by the rounding of 9 criteria, < 0.05, and the projection, < 0.1), so
                    // the reference's top K is always among those explained.
                    let cut = kernelBest.count > top ? kernelBest[top - 1].score - 0.25 : -Double.infinity
                    var candidates = kernelBest.prefix { $0.score >= cut }.map { c -> Candidate in
                        let household = engine.households[Int(c.h)]
                        return Candidate(household: household.id, evaluation: evaluate(group, household, policy: policy))
                    }.filter(\.evaluation.feasible)
                    candidates.sort(by: candidateOrder)
                    let chosen = Array(candidates.prefix(top))
                    let misses = chosen.isEmpty ? engine.nearMisses(u, top: top) : []
                    (out.base + u).pointee = Shortlist(group: group, candidates: chosen, nearMisses: misses)
                }
            }
        }
        return result.map { $0! }
    }

    static func candidateOrder(_ a: Candidate, _ b: Candidate) -> Bool {
        if a.evaluation.score != b.evaluation.score { return a.evaluation.score > b.evaluation.score }
        if a.evaluation.distanceMiles != b.evaluation.distanceMiles { return a.evaluation.distanceMiles < b.evaluation.distanceMiles }
        return a.household < b.household
    }

    /// The households that come closest to taking `group`, in `NearMissRank` order (fewest
    /// failed rules, then smallest shortfall in free places, then fewest miles, then id), each
    /// with its failed rules, e.g. "would fit with 1 more place".
    /// - Complexity: O(households) cheap checks plus `top` reference evaluations.
    public static func nearMisses(_ group: SiblingGroup, _ households: [Household], policy: MatchPolicy, top: Int) -> [Candidate] {
        guard !households.isEmpty, top > 0 else { return [] }
        var codes = CodeBook()
        let columns = HouseholdColumns(households, codes: &codes)
        let row = UnitRow(group, policy: policy, codes: &codes)
        let k = KernelConstants(policy: policy)
        var ranked: [NearMissRank] = []
        columns.withView { view in
            ranked = NearMissRank.best((0..<households.count).lazy.compactMap { i -> NearMissRank? in
                let f = ScoringKernel.failures(row, view, i, constants: k)
                return f.count > 0 ? NearMissRank(failedRules: f.count, placesShort: f.placesShort, miles: f.miles,
                    household: households[i].id, index: i) : nil
            }, top: top)
        }
        return ranked.map { r in
            Candidate(household: households[r.index].id, evaluation: evaluate(group, households[r.index], policy: policy))
        }
    }
}
