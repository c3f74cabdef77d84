import CareModel
import Matching

/// What would make a near miss a possible home, in plain words: one phrase per failed rule
/// ("1 more place", "approval for teenagers (ages 0-14)", "a home within 50 miles").
///
/// Each phrase names the smallest change to the household (or its situation) that makes that
/// rule pass for this child or group, from the same values the rule tested.
package enum NearMissFix {
    /// One phrase per failed rule of `evaluation`, in rule order.
    package static func phrases(group: SiblingGroup, household: Household, policy: MatchPolicy, evaluation: MatchEvaluation) -> [String] {
        evaluation.failedRules.map { phrase(for: $0, group: group, household: household, policy: policy, miles: evaluation.distanceMiles) }
    }

    /// The change that makes `rule` pass for `group` with `household`.
    package static func phrase(for rule: HardRule, group: SiblingGroup, household: Household, policy: MatchPolicy, miles: Double) -> String {
        switch rule {
        case .householdAvailable:
            return "the carers back from hold"
        case .freePlaces:
            let more = max(1, group.size - household.freePlaces)
            return "\(more) more place\(more == 1 ? "" : "s")"
        case .ageRange:
            let low = min(household.ageRange.lowerBound, group.ageRange.lowerBound)
            let high = max(household.ageRange.upperBound, group.ageRange.upperBound)
            let teenagers = household.ageRange.upperBound < policy.teenageFrom && group.ageRange.upperBound >= policy.teenageFrom
            let younger = group.ageRange.lowerBound < household.ageRange.lowerBound
            let words = teenagers ? "approval for teenagers" : younger ? "approval for younger children" : "approval for older children"
            return words + " (ages \(low)-\(high))"
        case .approval:
            return "approval for \(MeetingWords.request(group.placement)) placements"
        case .requiredSkills:
            let missing = policy.requiredSkills(for: group.needs).subtracting(household.skills)
            return "carers approved for \(MeetingWords.skills(missing))"
        case .solo:
            return "no other child placed there (\(household.occupied) placed now)"
        case .exploitationRisk:
            return "no resident child more than \(policy.exploitationAgeGap) years younger"
        case .distance:
            return "a home within \(MeetingWords.fixed(policy.maxDistanceMiles, 0)) miles (this one is \(MeetingWords.fixed(miles, 1)))"
        }
    }
}
