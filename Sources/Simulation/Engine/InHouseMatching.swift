import CareModel
import Matching

/// The simulator's one door into the matching engine.
///
/// Placeholder until the matching engine's `Matcher` lands: a minimal feasibility check and a
/// distance-based score, so the rest of the simulator can be built and tested.
enum InHouseMatching {
    /// Whether `household` may take `group`, its 0-100 score and the distance in miles.
    static func evaluate(_ group: SiblingGroup, _ household: Household, useEngine: Bool)
        -> (feasible: Bool, score: Double, miles: Double)
    {
        let miles = group.children[0].home.distanceMiles(to: household.location)
        let ages = group.ageRange
        let feasible = household.status == .available && household.freePlaces >= group.size
            && household.ageRange.contains(ages.lowerBound) && household.ageRange.contains(ages.upperBound)
            && household.approvals.contains(group.placement.requiredApproval)
            && (!group.needs.contains(.solo) || household.occupied == 0)
        return (feasible, max(0, 100 - 2 * miles), miles)
    }

    /// A joint plan: pairs (group index, household index) with score and miles.
    static func plan(groups: [SiblingGroup], households: [Household], useEngine: Bool)
        -> [(group: Int, household: Int, score: Double, miles: Double)]
    {
        var free = households.map(\.freePlaces)
        var result: [(group: Int, household: Int, score: Double, miles: Double)] = []
        for (g, group) in groups.enumerated() {
            var best: (Int, Double, Double)? = nil
            for (h, household) in households.enumerated() where free[h] >= group.size {
                var view = household
                view.occupied = view.places - free[h]
                let e = evaluate(group, view, useEngine: useEngine)
                if e.feasible, best == nil || e.score > best!.1 { best = (h, e.score, e.miles) }
            }
            if let best {
                free[best.0] -= group.size
                result.append((g, best.0, best.1, best.2))
            }
        }
        return result
    }
}
