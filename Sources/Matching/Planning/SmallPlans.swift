import CareModel

/// The joint plan of a few sibling groups found by trying every assignment, when that is certain
/// to be `Matcher.plan`'s answer: a shortcut for the small plans a simulation makes many times
/// over (a family-finding meeting with two or three units), without building the packing.
///
/// ## Why this is `Matcher.plan`'s answer
/// With no group that may be split, the plan's units are the groups themselves, and a plan
/// gives each group one household or none (`JointPlanner`). Every such assignment is tried:
/// households' places and the pairs that may share a home (`ConfigurationLister.compatible`)
/// are respected, each pair is feasible by the reference evaluator, and each group is scored
/// exactly as the planner scores a configuration (its points without age fit rounded per
/// criterion, `Matcher.pairCents`, plus age-fit points with every other child of the
/// configuration living there, `ConfigurationLister.agePointsCents`). The planner's optimum
/// is the lexicographic best of (children placed, score in hundredths counted per child) over
/// the same assignments, and at this size it is proven. When one assignment is strictly best,
/// it is the only optimum, so it is the plan; when two tie, the planner's choice between them
/// is its own, and this returns nil.
/// - Complexity: O(groups x households) reference evaluations, then O(assignments x groups)
///   with at most `assignmentLimit` assignments; at most `groupLimit` groups (the groups placed
///   in a household are one 64-bit mask).
package enum SmallPlans {
    /// The most assignments (the product over groups of feasible households plus one) tried.
    package static let assignmentLimit = 20_000
    /// The most pairs (groups x households) evaluated before trying.
    package static let pairLimit = 1_000
    /// The most groups tried (one bit each in a household's mask of groups placed there).
    package static let groupLimit = 64

    /// For each group in order, the index in `households` of its household in
    /// `Matcher.plan(groups:households:policy:)`'s plan, or -1 when the plan leaves it out; nil
    /// when that is not certain (a group may be split, identifiers repeat, there are too many
    /// groups, pairs or assignments to try, or the best is tied).
    package static func plan(groups: [SiblingGroup], households: [Household], policy: MatchPolicy) -> [Int]? {
        let n = groups.count, m = households.count
        guard n > 0, m > 0, n <= groupLimit, n * m <= pairLimit, !groups.contains(where: { $0.maySplit }) else { return nil }
        guard Set(groups.map { $0.id }).count == n, Set(households.map { $0.id }).count == m else { return nil }
        // Each group's feasible households with their score without age fit, in hundredths.
        var options = [[(h: Int, baseCents: Int)]](repeating: [], count: n)
        var assignments = 1
        // Each household's side of the reference evaluator, read when first needed.
        var householdFacts = [HouseholdFacts?](repeating: nil, count: m)
        for (u, group) in groups.enumerated() {
            let ages = group.ageRange
            let approval = group.placement.requiredApproval
            let facts = GroupFacts(group, policy: policy)
            for (h, household) in households.enumerated() {
                // The reference rules that need no evaluation, tried first.
                guard household.status == .available, household.freePlaces >= group.size, household.ageRange.contains(ages.lowerBound),
                    household.ageRange.contains(ages.upperBound), household.approvals.contains(approval)
                else { continue }
                if householdFacts[h] == nil { householdFacts[h] = HouseholdFacts(household) }
                if let cents = Matcher.pairCents(facts, householdFacts[h]!, policy: policy) { options[u].append((h, cents)) }
            }
            assignments *= options[u].count + 1
            guard assignments <= assignmentLimit else { return nil }
        }
        var search = Search(
            lister: ConfigurationLister(groups: groups, policy: policy), options: options,
            free: households.map { $0.freePlaces }, residentAgeSum: households.map { $0.residentAges.reduce(0, +) },
            residentCount: households.map { $0.residentAges.count })
        search.extend(0)
        return search.tied ? nil : search.bestChoice
    }

    /// The depth-first walk over the groups' choices.
    ///
    /// Per household it keeps the places taken, the groups placed there (bit u for group u) and
    /// their children's age sum, so a group's check against those already there is one mask
    /// test and its residents' age sum one subtraction.
    private struct Search {
        let lister: ConfigurationLister
        let options: [[(h: Int, baseCents: Int)]]
        let free: [Int]
        let residentAgeSum: [Int]
        let residentCount: [Int]
        /// Per group u: bit a set when group a may share a home with u (`lister.compatible(a, u)`).
        let compatibleWith: [UInt64]
        /// Per household: places taken, the groups placed there, their children's age sum.
        var used: [Int]
        var placed: [UInt64]
        var placedAgeSum: [Int]
        /// Per group: the household chosen (-1 none), and its base cents.
        var choice: [Int]
        var baseCents: [Int]
        var best = (children: -1, cents: Int.min)
        var bestChoice: [Int] = []
        var tied = false

        init(lister: ConfigurationLister, options: [[(h: Int, baseCents: Int)]], free: [Int], residentAgeSum: [Int], residentCount: [Int]) {
            self.lister = lister
            self.options = options
            self.free = free
            self.residentAgeSum = residentAgeSum
            self.residentCount = residentCount
            let n = options.count
            compatibleWith = (0 ..< n).map { u in
                (0 ..< n).reduce(UInt64(0)) { mask, a in lister.compatible(a, u) ? mask | 1 << UInt64(a) : mask }
            }
            used = Array(repeating: 0, count: free.count)
            placed = Array(repeating: 0, count: free.count)
            placedAgeSum = Array(repeating: 0, count: free.count)
            choice = Array(repeating: -1, count: n)
            baseCents = Array(repeating: 0, count: n)
        }

        mutating func extend(_ u: Int) {
            guard u < options.count else { return record() }
            // Left out.
            choice[u] = -1
            extend(u + 1)
            let size = lister.size[u], ageSum = lister.ageSum[u], bit = UInt64(1) << UInt64(u)
            for option in options[u] where used[option.h] + size <= free[option.h] {
                let h = option.h
                guard placed[h] & ~compatibleWith[u] == 0 else { continue }
                choice[u] = h
                baseCents[u] = option.baseCents
                used[h] += size
                placed[h] |= bit
                placedAgeSum[h] += ageSum
                extend(u + 1)
                placedAgeSum[h] -= ageSum
                placed[h] &= ~bit
                used[h] -= size
            }
            choice[u] = -1
        }

        /// Scores the current assignment as the planner scores its configurations: each group's
        /// age fit is with the household's residents and every other group placed there.
        mutating func record() {
            var children = 0, cents = 0
            for u in choice.indices where choice[u] >= 0 {
                let h = choice[u], size = lister.size[u]
                let sum = residentAgeSum[h] + placedAgeSum[h] - lister.ageSum[u]
                let count = residentCount[h] + used[h] - size
                let unitCents = baseCents[u] + lister.agePointsCents(meanAge: lister.meanAge[u], residentAgeSum: sum, residentCount: count)
                children += size
                cents += unitCents * size
            }
            if children > best.children || (children == best.children && cents > best.cents) {
                best = (children, cents)
                bestChoice = choice
                tied = false
            } else if children == best.children && cents == best.cents {
                tied = true
            }
        }
    }
}
