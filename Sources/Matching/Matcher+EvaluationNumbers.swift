import CareModel

/// The fit of each soft criterion for one pair (0...1), in `Criterion` order.
package struct CriterionFits: Sendable {
    private var values: (Double, Double, Double, Double, Double, Double, Double, Double, Double) = (0, 0, 0, 0, 0, 0, 0, 0, 0)

    package subscript(_ criterion: Criterion) -> Double {
        get {
            switch criterion {
            case .distanceFromHome: values.0
            case .sameDistrict: values.1
            case .sameSchool: values.2
            case .ageFit: values.3
            case .cultureLanguage: values.4
            case .extraSkills: values.5
            case .inHouse: values.6
            case .approvalFit: values.7
            case .urgency: values.8
            }
        }
        set {
            switch criterion {
            case .distanceFromHome: values.0 = newValue
            case .sameDistrict: values.1 = newValue
            case .sameSchool: values.2 = newValue
            case .ageFit: values.3 = newValue
            case .cultureLanguage: values.4 = newValue
            case .extraSkills: values.5 = newValue
            case .inHouse: values.6 = newValue
            case .approvalFit: values.7 = newValue
            case .urgency: values.8 = newValue
            }
        }
    }
}

/// Whether each hard rule passes for one pair, in `HardRule` order.
package struct RuleOutcomes: Sendable {
    package var available = true
    package var freePlaces = true
    package var ageRange = true
    package var approval = true
    package var requiredSkills = true
    package var solo = true
    package var exploitationRisk = true
    package var distance = true

    /// Whether every rule passes.
    package var allPass: Bool { available && freePlaces && ageRange && approval && requiredSkills && solo && exploitationRisk && distance }
}

extension Matcher {
    /// The reference evaluator's numbers: whether each hard rule passes for `group` and
    /// `household`, `miles` being the distance from the first child's home. `evaluate` adds
    /// the words to these outcomes; `pairCents` reads them alone.
    /// - Complexity: O(children + residents).
    package static func ruleOutcomes(
        _ group: SiblingGroup, _ household: Household, policy: MatchPolicy, residentsAtRisk: [Int], miles: Double
    ) -> RuleOutcomes {
        ruleOutcomes(GroupFacts(group, policy: policy), HouseholdFacts(household), policy: policy, residentsAtRisk: residentsAtRisk, miles: miles)
    }

    /// `ruleOutcomes` from the group's and the household's facts, read once.
    /// - Complexity: O(residents at risk).
    package static func ruleOutcomes(
        _ group: GroupFacts, _ household: HouseholdFacts, policy: MatchPolicy, residentsAtRisk: [Int], miles: Double
    ) -> RuleOutcomes {
        var outcome = RuleOutcomes()
        outcome.available = household.available
        outcome.freePlaces = household.freePlaces >= group.size
        outcome.ageRange = household.ageRange.contains(group.youngest) && household.ageRange.contains(group.oldest)
        outcome.approval = household.approvals.contains(group.requiredApproval)
        outcome.requiredSkills = group.requiredSkills.subtracting(household.skills).isEmpty
        outcome.solo = !group.solo || household.occupied == 0
        // A child at risk more than the gap older than the youngest resident.
        if let youngest = household.youngestResident, let atRisk = group.oldestAtRisk, atRisk - youngest > policy.exploitationAgeGap {
            outcome.exploitationRisk = false
        }
        // A resident at risk more than the gap older than the youngest new child.
        if outcome.exploitationRisk, let oldestAtRisk = residentsAtRisk.max(), oldestAtRisk - group.youngest > policy.exploitationAgeGap {
            outcome.exploitationRisk = false
        }
        outcome.distance = miles <= policy.maxDistanceMiles
        return outcome
    }

    /// The words of the exploitation-risk check (`ruleOutcomes` decides it).
    static func exploitationDetail(_ group: SiblingGroup, _ household: Household, policy: MatchPolicy, residentsAtRisk: [Int]) -> String {
        var detail = "no exploitation risk"
        var passed = true
        if let youngest = household.residentAges.min() {
            for child in group.children where child.needs.contains(.exploitationRisk) {
                if child.age - youngest > policy.exploitationAgeGap {
                    passed = false
                    detail = "\(child.id) (\(child.age)) at risk of exploitation; resident aged \(youngest) is \(child.age - youngest) years younger (limit \(policy.exploitationAgeGap))"
                    break
                }
                detail = "at risk of exploitation; the youngest child there is \(youngest), within \(policy.exploitationAgeGap) years"
            }
        } else if group.needs.contains(.exploitationRisk) {
            detail = "at risk of exploitation; no other children live there"
        }
        if passed, let oldestAtRisk = residentsAtRisk.max() {
            let youngestNew = group.children.min { $0.age < $1.age }!
            if oldestAtRisk - youngestNew.age > policy.exploitationAgeGap {
                detail = "resident aged \(oldestAtRisk) at risk of exploitation; \(youngestNew.id) (\(youngestNew.age)) is \(oldestAtRisk - youngestNew.age) years younger (limit \(policy.exploitationAgeGap))"
            } else if !group.needs.contains(.exploitationRisk) {
                detail = "resident aged \(oldestAtRisk) at risk of exploitation; youngest new child within \(policy.exploitationAgeGap) years"
            }
        }
        return detail
    }

    /// The reference evaluator's fit of every soft criterion for `group` and `household`,
    /// `miles` being the distance from the first child's home (`CriterionFit`'s formulas).
    /// - Complexity: O(children + residents).
    package static func criterionFits(_ group: SiblingGroup, _ household: Household, policy: MatchPolicy, miles: Double) -> CriterionFits {
        criterionFits(GroupFacts(group, policy: policy), HouseholdFacts(household), policy: policy, miles: miles)
    }

    /// `criterionFits` from the group's and the household's facts, read once.
    /// - Complexity: O(1).
    package static func criterionFits(_ group: GroupFacts, _ household: HouseholdFacts, policy: MatchPolicy, miles: Double) -> CriterionFits {
        var fits = CriterionFits()
        fits[.distanceFromHome] = CriterionFit.distance(miles, near: policy.nearDistanceMiles, limit: policy.maxDistanceMiles)
        if let district = group.district, let hd = household.district {
            fits[.sameDistrict] = district == hd ? 1 : 0
        } else {
            fits[.sameDistrict] = 0.5
        }
        if let school = group.school {
            fits[.sameSchool] = CriterionFit.school(school.distanceMiles(to: household.location), near: policy.schoolNearMiles, far: policy.schoolFarMiles)
        } else {
            fits[.sameSchool] = 0.5
        }
        if let residentMean = household.residentMeanAge {
            fits[.ageFit] = CriterionFit.ageFit(meanAge: group.meanAge, residentMeanAge: residentMean, span: policy.ageFitSpanYears)
        } else {
            fits[.ageFit] = 0.5
        }
        let e = CriterionFit.ethnicity(uppercased: group.ethnicity, household.ethnicity)
        let l = CriterionFit.language(lowercased: group.language, household.language)
        fits[.cultureLanguage] = 0.6 * e + 0.4 * l
        let wanted = group.wantedSkills
        fits[.extraSkills] = wanted.isEmpty ? 0.5 : Double(wanted.intersection(household.skills).count) / Double(wanted.count)
        fits[.inHouse] = household.inHouse ? 1 : 0
        fits[.approvalFit] = group.shortRequest && household.approvals.contains(.longTerm) ? policy.longTermCarerForShortRequestFit : 1
        fits[.urgency] = group.urgencyFit
        return fits
    }

    /// The pair's score in hundredths of a point without age fit (which depends on who else a
    /// plan places there) when every hard rule passes, nil otherwise: each criterion's points
    /// (`CriterionFit.points`) in hundredths, summed. The numbers of `evaluate`, without its
    /// rule checks, breakdown or words.
    /// - Complexity: O(children + residents), no allocation.
    package static func pairCents(_ group: SiblingGroup, _ household: Household, policy: MatchPolicy) -> Int? {
        pairCents(GroupFacts(group, policy: policy), HouseholdFacts(household), policy: policy)
    }

    /// `pairCents` from the group's and the household's facts, read once (a plan scoring one
    /// group against many households reads each side once).
    /// - Complexity: O(1).
    package static func pairCents(_ group: GroupFacts, _ household: HouseholdFacts, policy: MatchPolicy) -> Int? {
        let miles = group.home.distanceMiles(to: household.location, cosLatitude: group.homeCosLatitude, otherCosLatitude: household.cosLatitude)
        guard ruleOutcomes(group, household, policy: policy, residentsAtRisk: [], miles: miles).allPass else { return nil }
        let fits = criterionFits(group, household, policy: policy, miles: miles)
        let w = policy.weights
        var cents = 0
        for c in Criterion.allCases where c != .ageFit {
            cents += Int((CriterionFit.points(w[c], fits[c]) * 100).rounded())
        }
        return cents
    }
}
