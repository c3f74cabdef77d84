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
///   with at most `assignmentLimit` assignments.
package enum SmallPlans {
    /// The most assignments (the product over groups of feasible households plus one) tried.
    package static let assignmentLimit = 20_000
    /// The most pairs (groups x households) evaluated before trying.
    package static let pairLimit = 1_000

    /// For each group in order, the index in `households` of its household in
    /// `Matcher.plan(groups:households:policy:)`'s plan, or -1 when the plan leaves it out; nil
    /// when that is not certain (a group may be split, identifiers repeat, there are too many
    /// pairs or assignments to try, or the best is tied).
    package static func plan(groups: [SiblingGroup], households: [Household], policy: MatchPolicy) -> [Int]? {
        let n = groups.count, m = households.count
        guard n > 0, m > 0, n * m <= pairLimit, !groups.contains(where: \.maySplit) else { return nil }
        guard Set(groups.map(\.id)).count == n, Set(households.map(\.id)).count == m else { return nil }
        // Each group's feasible households with their score without age fit, in hundredths.
        var options = [[(h: Int, baseCents: Int)]](repeating: [], count: n)
        var assignments = 1
        for (u, group) in groups.enumerated() {
            let ages = group.ageRange
            let approval = group.placement.requiredApproval
            for (h, household) in households.enumerated() {
                // The reference rules that need no evaluation, tried first.
                guard household.status == .available, household.freePlaces >= group.size, household.ageRange.contains(ages.lowerBound),
                    household.ageRange.contains(ages.upperBound), household.approvals.contains(approval)
                else { continue }
                if let cents = Matcher.pairCents(group, household, policy: policy) { options[u].append((h, cents)) }
            }
            assignments *= options[u].count + 1
            guard assignments <= assignmentLimit else { return nil }
        }
        var search = Search(
            lister: ConfigurationLister(groups: groups, policy: policy), options: options,
            free: households.map(\.freePlaces), residentAgeSum: households.map { $0.residentAges.reduce(0, +) },
            residentCount: households.map(\.residentAges.count))
        search.extend(0)
        return search.tied ? nil : search.bestChoice
    }

    /// The depth-first walk over the groups' choices.
    private struct Search {
        let lister: ConfigurationLister
        let options: [[(h: Int, baseCents: Int)]]
        let free: [Int]
        let residentAgeSum: [Int]
        let residentCount: [Int]
        /// Per household: places taken and the groups placed there so far.
        var used: [Int]
        var placed: [[Int]]
        /// Per group: the option chosen (-1 none), and its base cents.
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
            used = Array(repeating: 0, count: free.count)
            placed = Array(repeating: [], count: free.count)
            choice = Array(repeating: -1, count: options.count)
            baseCents = Array(repeating: 0, count: options.count)
        }

        mutating func extend(_ u: Int) {
            guard u < options.count else { return record() }
            // Left out.
            choice[u] = -1
            extend(u + 1)
            let size = lister.size[u]
            for option in options[u] where used[option.h] + size <= free[option.h] {
                guard placed[option.h].allSatisfy({ lister.compatible($0, u) }) else { continue }
                choice[u] = option.h
                baseCents[u] = option.baseCents
                used[option.h] += size
                placed[option.h].append(u)
                extend(u + 1)
                placed[option.h].removeLast()
                used[option.h] -= size
            }
            choice[u] = -1
        }

        /// Scores the current assignment as the planner scores its configurations.
        mutating func record() {
            var children = 0, cents = 0
            for u in choice.indices where choice[u] >= 0 {
                let h = choice[u]
                var sum = residentAgeSum[h], count = residentCount[h]
                for other in placed[h] where other != u {
                    sum += lister.ageSum[other]
                    count += lister.size[other]
                }
                let unitCents = baseCents[u] + lister.agePointsCents(meanAge: lister.meanAge[u], residentAgeSum: sum, residentCount: count)
                children += lister.size[u]
                cents += unitCents * lister.size[u]
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
