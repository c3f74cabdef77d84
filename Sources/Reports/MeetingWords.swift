import CareModel
import Matching

/// The words a family-finding meeting uses for Hearth's codes: rules, criteria, needs,
/// requests and providers, so that no snake_case token reaches the meeting's page.
package enum MeetingWords {
    /// A hard rule in plain words, e.g. "Free places".
    package static func rule(_ rule: HardRule) -> String {
        switch rule {
        case .householdAvailable: "Household available"
        case .freePlaces: "Free places"
        case .ageRange: "Approved ages"
        case .approval: "Approved for the request"
        case .requiredSkills: "Required carer skills"
        case .solo: "Only child placed"
        case .exploitationRisk: "Exploitation risk"
        case .distance: "Distance limit"
        }
    }

    /// What fails for a household under `rule`, in plain words to follow its id, e.g.
    /// "has 0 free places of the 4 needed" or "is 62.3 miles from home (limit 50)".
    package static func failure(_ rule: HardRule, group: SiblingGroup, household: Household, policy: MatchPolicy, miles: Double) -> String {
        switch rule {
        case .householdAvailable:
            return "is on hold"
        case .freePlaces:
            let free = household.freePlaces
            return "has \(free) free place\(free == 1 ? "" : "s") of the \(group.size) needed"
        case .ageRange:
            let range = household.ageRange
            let outside = group.children.filter { !range.contains($0.age) }.map { String($0.age) }
            return "is approved for ages \(range.lowerBound)-\(range.upperBound), not \(outside.joined(separator: ", "))"
        case .approval:
            return "is not approved for \(request(group.placement)) placements"
        case .requiredSkills:
            let missing = policy.requiredSkills(for: group.needs).subtracting(household.skills)
            return "has no carers approved for \(skills(missing))"
        case .solo:
            return "already has \(household.occupied) child\(household.occupied == 1 ? "" : "ren") placed, and this child must be the only one"
        case .exploitationRisk:
            return "would place a child at risk of exploitation with a child more than \(policy.exploitationAgeGap) years younger"
        case .distance:
            return "is \(fixed(miles, 1)) miles from home (limit \(fixed(policy.maxDistanceMiles, 0)))"
        }
    }

    /// Every failed rule of `evaluation` in plain words, joined with "and", after the household's id.
    package static func failures(_ evaluation: MatchEvaluation, group: SiblingGroup, household: Household, policy: MatchPolicy) -> String {
        let parts = evaluation.failedRules.map { failure($0, group: group, household: household, policy: policy, miles: evaluation.distanceMiles) }
        return household.id.rawValue + " " + (parts.count <= 1 ? parts.joined() : parts.dropLast().joined(separator: ", ") + " and " + parts.last!)
    }

    /// A criterion key of a breakdown (`Criterion` raw value or `split_penalty`) in plain words.
    package static func criterion(_ key: String) -> String {
        switch Criterion(rawValue: key) {
        case .distanceFromHome: "Near home"
        case .sameDistrict: "Same district"
        case .sameSchool: "Can stay at school"
        case .ageFit: "Ages fit children there"
        case .cultureLanguage: "Culture and language"
        case .extraSkills: "Extra carer skills"
        case .inHouse: "In-house carers"
        case .approvalFit: "Approval type fit"
        case .urgency: "Urgency"
        case nil: key == splitPenaltyKey ? "Sibling group split" : key
        }
    }

    /// A placement request in plain words, e.g. "short-term".
    package static func request(_ request: PlacementRequest) -> String {
        switch request {
        case .shortTerm: "short-term"
        case .longTerm: "long-term"
        case .emergency: "emergency"
        case .respite: "respite"
        case .parentAndChild: "parent and child"
        }
    }

    /// Needs in plain words, comma-separated ("none" when empty).
    package static func needs(_ needs: Needs) -> String {
        let words = Needs.tokens.filter { needs.contains($0.0) }.map { need, _ -> String in
            switch need {
            case .disability: "disability"
            case .complex: "complex needs"
            case .trauma: "trauma"
            case .uasc: "unaccompanied asylum seeker"
            case .exploitationRisk: "at risk of exploitation"
            case .solo: "must be the only child placed"
            default: need.tokenList.joined()
            }
        }
        return words.isEmpty ? "none recorded" : words.joined(separator: ", ")
    }

    /// Carer skills in plain words, comma-separated.
    package static func skills(_ skills: Skills) -> String {
        let words = Skills.tokens.filter { skills.contains($0.0) }.map { skill, _ -> String in
            switch skill {
            case .disability: "disability"
            case .complex: "complex needs"
            case .trauma: "trauma"
            case .uasc: "asylum seekers"
            case .teenagers: "teenagers"
            default: skill.tokenList.joined()
            }
        }
        return words.isEmpty ? "none" : words.joined(separator: ", ")
    }

    /// "in-house" or "agency (IFA)".
    package static func provider(_ provider: Provider) -> String {
        provider == .inHouse ? "in-house" : "agency (IFA)"
    }

    /// "1 day" / "12 days".
    package static func days(_ n: Int) -> String { "\(n) day\(n == 1 ? "" : "s")" }

    /// `x` with `decimals` places, without locale or exponent (the same digits as the JSON and
    /// CSV files: half away from zero on the scaled value).
    package static func fixed(_ x: Double, _ decimals: Int) -> String {
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let scaled = (abs(x) * scale).rounded()
        let negative = x < 0 && scaled != 0
        let whole = Int(scaled) / Int(scale)
        guard decimals > 0 else { return (negative ? "-" : "") + String(whole) }
        var digits = String(Int(scaled) % Int(scale))
        while digits.count < decimals { digits = "0" + digits }
        return (negative ? "-" : "") + String(whole) + "." + digits
    }
}
