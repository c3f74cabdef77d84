import CareModel
import Matching

/// One of "the carers we need": a profile and the turned-away children a household of that
/// kind would have taken, beyond those the profiles ranked before it would have taken.
public struct CarerNeed: Sendable, Equatable {
    public var profile: CarerProfile
    /// Children per run (P10/P50/P90 over runs) over the whole horizon.
    public var children: Percentiles
    /// Children over all runs together (what the greedy choice maximised).
    public var total: Int
}

/// Finds the few carer profiles that would have taken the most turned-away children.
///
/// ## Design note
/// Each recorded decision that one more household could have changed
/// (`TurnedAwayDecision.newHouseholdCouldHelp`) is tested again against a hypothetical
/// household of each candidate profile (empty, available, at its district's centre) with the
/// matching engine's own hard rules (`ScoringKernel.failedRules` on the engine's
/// `HouseholdColumns` and `UnitRow`), under the distance limit the decision was judged by. The
/// candidates are the kinds of carer (age range, places, approval, skills) that fit at least one
/// in a hundred of the turned-away children most narrowly (`CarerProfile(fitting:)`), wherever
/// they live, each placed in every district: kinds a real share of the children need. Without
/// that floor the profile of one unusual group (four brothers and sisters aged 2 to 15 with
/// disability and complex needs: four places, any age, both skills) passes the rules for nearly
/// every child and is always first, saying only that a carer who can take anyone takes most
/// children. The district matters where the distance limit does: the policy's limit for agency
/// and residential placements, and 20 miles for children placed in-house further away.
/// A profile "takes" a decision when the decision passes every rule, and is credited with its
/// turned-away children.
///
/// The measure is need, not one household's capacity: a profile's count is every turned-away
/// child a household of that kind would have passed the rules for, however many arrived at
/// once; so it says how many children such carers would have served, not that one household
/// could take them all (a county would recruit several).
///
/// The choice is the greedy algorithm for maximum coverage (Nemhauser, Wolsey and Fisher
/// 1978; within 1 - 1/e of the best set of k): the first profile is the one taking the most
/// children over all runs (exactly the best single profile), each next one counts only the
/// decisions not taken by those before it. Ties go to the first profile in `CarerProfile`'s
/// order, so the result does not depend on the thread count or on the order of runs.
public enum CarerCovering {
    /// The top `count` profiles for the decisions of every run (`runs[r]` = run r's decisions).
    /// - Complexity: O(candidates x decisions) rule checks, plus O(count x candidates x
    ///   decisions / 64) for the greedy rounds.
    public static func carersWeNeed(
        _ runs: [[TurnedAwayDecision]], districtCentres: [Location], policy: MatchPolicy = .default, count: Int = 5
    ) -> [CarerNeed] {
        var decisions: [TurnedAwayDecision] = []
        var runOf: [Int32] = []
        for (r, list) in runs.enumerated() {
            for d in list where d.newHouseholdCouldHelp && Int(d.district) < districtCentres.count {
                decisions.append(d)
                runOf.append(Int32(r))
            }
        }
        let candidates = self.candidates(decisions, policy: policy)
        guard !candidates.isEmpty else { return [] }
        let takes = coverage(candidates, decisions, districtCentres: districtCentres, policy: policy)
        let words = (decisions.count + 63) / 64
        var covered = [UInt64](repeating: 0, count: words)
        var result: [CarerNeed] = []
        for _ in 0..<min(count, candidates.count) {
            var best = -1, bestTotal = 0
            for p in candidates.indices {
                var total = 0
                forEachNew(takes[p], covered) { total += Int(decisions[$0].children) }
                if total > bestTotal { best = p; bestTotal = total }
            }
            guard best >= 0 else { break }
            var perRun = [Double](repeating: 0, count: runs.count)
            forEachNew(takes[best], covered) { perRun[Int(runOf[$0])] += Double(decisions[$0].children) }
            for w in 0..<words { covered[w] |= takes[best][w] }
            result.append(CarerNeed(profile: candidates[best], children: Percentiles(of: perRun), total: bestTotal))
        }
        return result
    }

    /// The share of the turned-away children a profile must fit most narrowly to be a candidate.
    public static let candidateShare = 0.01

    /// The candidate profiles for `decisions`: the age ranges, places, approvals and skills that
    /// fit at least `candidateShare` of their children most narrowly (`CarerProfile(fitting:)`,
    /// wherever they live), each in every district a decision comes from; in `CarerProfile` order.
    /// - Complexity: O(decisions + candidates log candidates).
    public static func candidates(_ decisions: [TurnedAwayDecision], policy: MatchPolicy) -> [CarerProfile] {
        var children: [CarerProfile: Int] = [:]
        var districts = Set<Int>()
        var total = 0
        for d in decisions {
            var kind = CarerProfile(fitting: d, policy: policy)
            districts.insert(kind.district)
            kind.district = 0
            children[kind, default: 0] += Int(d.children)
            total += Int(d.children)
        }
        let least = max(1, Int((Double(total) * candidateShare).rounded(.up)))
        return children.filter { $0.value >= least }.keys.flatMap { kind in
            districts.map { district in
                var profile = kind
                profile.district = district
                return profile
            }
        }.sorted()
    }

    /// For each candidate, a bit set of the decisions a household of that profile would take.
    static func coverage(
        _ candidates: [CarerProfile], _ decisions: [TurnedAwayDecision], districtCentres: [Location], policy: MatchPolicy
    ) -> [[UInt64]] {
        var codes = CodeBook()
        let columns = HouseholdColumns(candidates.map { $0.household(at: districtCentres[$0.district]) }, codes: &codes)
        var nearPolicy = policy
        nearPolicy.maxDistanceMiles = KPI.farFromHomeMiles
        let constants = KernelConstants(policy: policy), nearConstants = KernelConstants(policy: nearPolicy)
        let words = (decisions.count + 63) / 64
        var takes = [[UInt64]](repeating: [UInt64](repeating: 0, count: words), count: candidates.count)
        columns.withView { view in
            for (i, d) in decisions.enumerated() {
                let row = d.unitRow(policy: policy)
                let k = d.nearHomeLimit ? nearConstants : constants
                for p in candidates.indices where ScoringKernel.failedRules(row, view, p, constants: k).isEmpty {
                    takes[p][i >> 6] |= 1 << UInt64(i & 63)
                }
            }
        }
        return takes
    }

    /// Calls `body` with each decision in `set` and not in `covered`.
    @inline(__always)
    static func forEachNew(_ set: [UInt64], _ covered: [UInt64], _ body: (Int) -> Void) {
        for w in set.indices {
            var bits = set[w] & ~covered[w]
            while bits != 0 {
                body(w << 6 | bits.trailingZeroBitCount)
                bits &= bits - 1
            }
        }
    }
}
