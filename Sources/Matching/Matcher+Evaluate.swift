import CareModel

extension Matcher {
    /// The reference evaluator: every hard rule and soft criterion for one unit and household.
    ///
    /// Written for clarity (strings, haversine distances); the fast scoring kernel is tested
    /// against it. `isSplitPart` marks a part of a split sibling group (scored down by
    /// `policy.splitPenalty`, shown as a negative `split_penalty` entry). `residentsAtRisk` are
    /// the ages of resident children known to be at risk of exploitation (children placed
    /// earlier in the same plan): the rule also keeps much younger children away from them.
    /// `explained: false` leaves every rule's detail and every criterion's reason empty (the
    /// rules, points and score are the same) for callers that only rank or filter: building
    /// the words is most of the cost.
    /// - Complexity: O(children + residents).
    public static func evaluate(
        _ group: SiblingGroup, _ household: Household, policy: MatchPolicy, isSplitPart: Bool = false,
        residentsAtRisk: [Int] = [], explained: Bool = true
    ) -> MatchEvaluation {
        /// The words, when they are wanted.
        func words(_ text: @autoclosure () -> String) -> String { explained ? text() : "" }
        let first = group.children[0]
        let miles = first.home.distanceMiles(to: household.location)
        var checks: [RuleCheck] = []
        checks.reserveCapacity(HardRule.allCases.count)

        // Hard rules, in HardRule.allCases order (the outcomes from `ruleOutcomes`, the words here).
        let groupFacts = GroupFacts(group, policy: policy), householdFacts = HouseholdFacts(household)
        let outcome = ruleOutcomes(groupFacts, householdFacts, policy: policy, residentsAtRisk: residentsAtRisk, miles: miles)
        let available = outcome.available
        checks.append(RuleCheck(rule: .householdAvailable, passed: available,
            detail: words(available ? "household available" : "household on hold")))

        let free = household.freePlaces
        checks.append(RuleCheck(rule: .freePlaces, passed: outcome.freePlaces,
            detail: words(outcome.freePlaces
                ? "needs \(group.size) place\(group.size == 1 ? "" : "s"), has \(free) free"
                : "needs \(group.size) place\(group.size == 1 ? "" : "s"), has \(free) free (would fit with \(group.size - free) more)")))

        let range = household.ageRange
        let inside = outcome.ageRange
        checks.append(RuleCheck(rule: .ageRange, passed: inside,
            detail: words(inside
                ? "age\(group.size == 1 ? "" : "s") \(group.children.map { String($0.age) }.joined(separator: ", ")) inside approved \(range.lowerBound)-\(range.upperBound)"
                : group.children.filter { !range.contains($0.age) }
                    .map { "age \($0.age) outside approved \(range.lowerBound)-\(range.upperBound)" }.joined(separator: "; "))))

        let request = group.placement
        let approved = outcome.approval
        checks.append(RuleCheck(rule: .approval, passed: approved,
            detail: words(approved
                ? "approved for \(request.words) placements"
                : "not approved for \(request.words) placements (approved for \(CodeWords.list(household.approvals.wordList)))")))

        checks.append(RuleCheck(rule: .requiredSkills, passed: outcome.requiredSkills,
            detail: words({
                let required = policy.requiredSkills(for: group.needs)
                let missing = required.subtracting(household.skills)
                return missing.isEmpty
                    ? (required.isEmpty ? "no carer skill required" : "carers approved for \(required.words())")
                    : "needs carers approved for \(missing.words()); these carers are approved for \(household.skills.words(none: "no special needs"))"
            }())))

        let soloOK = outcome.solo
        checks.append(RuleCheck(rule: .solo, passed: soloOK,
            detail: words(!group.needs.contains(.solo) ? "no need to be the only child placed"
                : soloOK ? "the only child placed: no other child lives there"
                : "must be the only child placed, and \(household.occupied) child\(household.occupied == 1 ? " is" : "ren are") already placed there")))

        checks.append(RuleCheck(rule: .exploitationRisk, passed: outcome.exploitationRisk,
            detail: explained ? exploitationDetail(group, household, policy: policy, residentsAtRisk: residentsAtRisk) : ""))

        let near = outcome.distance
        checks.append(RuleCheck(rule: .distance, passed: near,
            detail: words("\(fixed1(miles)) miles from home, limit \(fixed1(policy.maxDistanceMiles))"
                + (near ? "" : " (too far)"))))

        // Soft criteria, in Criterion.allCases order (the fits from `criterionFits`, the words here).
        let fits = criterionFits(groupFacts, householdFacts, policy: policy, miles: miles)
        let w = policy.weights
        var breakdown: [ScoreComponent] = []
        breakdown.reserveCapacity(Criterion.allCases.count + 1)
        func add(_ c: Criterion, _ reason: @autoclosure () -> String) {
            breakdown.append(ScoreComponent(criterion: c.rawValue, weight: w[c], points: CriterionFit.points(w[c], fits[c]), reason: words(reason())))
        }
        add(.distanceFromHome, "\(fixed1(miles)) miles from home" + (miles <= policy.nearDistanceMiles ? " (within \(fixed1(policy.nearDistanceMiles)))" : ""))

        let district = group.children.lazy.compactMap(\.district).first
        if let district, let hd = household.district {
            let same = fits[.sameDistrict] == 1
            add(.sameDistrict, same ? "same district (\(hd))" : "different district (\(hd), child from \(district))")
        } else {
            add(.sameDistrict, "district not given (neutral)")
        }

        if let school = group.children.lazy.compactMap(\.school).first {
            let fit = fits[.sameSchool]
            add(.sameSchool, "\(fixed1(school.distanceMiles(to: household.location))) miles to school" + (fit >= 1 ? " (can stay at school)" : fit <= 0 ? " (school move likely)" : ""))
        } else {
            add(.sameSchool, "no school given (neutral)")
        }

        if household.residentAges.isEmpty {
            add(.ageFit, "no children living there (neutral)")
        } else {
            add(.ageFit, "residents aged \(household.residentAges.map(String.init).joined(separator: ", ")), child\(group.size == 1 ? "" : "ren") \(group.children.map { String($0.age) }.joined(separator: ", "))")
        }

        let ethnicity = group.children.lazy.compactMap(\.ethnicity).first
        let language = group.children.lazy.compactMap(\.language).first
        add(.cultureLanguage, {
            let e = CriterionFit.ethnicity(ethnicity, household.ethnicity)
            let l = CriterionFit.language(language, household.language)
            return (e == 1 ? "same ethnicity" : e == 0.5 ? (ethnicity == nil || household.ethnicity == nil ? "ethnicity not given" : "same ethnic group") : "different ethnicity")
                + (l == 1 ? ", same language" : l == 0.5 ? ", language not given" : ", different language")
        }())

        add(.extraSkills, {
            let wanted = policy.wantedSkills(for: group.needs, oldestAge: group.ageRange.upperBound)
            let have = wanted.intersection(household.skills)
            return wanted.isEmpty ? "no extra skills wanted (neutral)"
                : have.isEmpty ? "carers not approved for \(CodeWords.list(wanted.wordList, conjunction: "or"))"
                : have == wanted ? "carers approved for \(have.words())"
                : "carers approved for \(have.words()), not \(wanted.subtracting(have).words())"
        }())

        add(.inHouse, household.provider == .inHouse ? "in-house carers" : "independent agency (IFA)")

        let shortRequest = request == .shortTerm || request == .emergency || request == .respite
        if shortRequest && household.approvals.contains(.longTerm) {
            add(.approvalFit, "a long-term carer for a \(request.words) request")
        } else {
            add(.approvalFit, request == .longTerm ? "long-term carer for a long-term plan" : "\(request.words) carer")
        }

        let days = group.daysWaiting
        add(.urgency, request == .emergency ? "emergency" : "waiting \(days) day\(days == 1 ? "" : "s")")

        var score = breakdown.reduce(0) { $0 + $1.points }
        if isSplitPart {
            let penalty = -min(policy.splitPenalty, score)
            breakdown.append(ScoreComponent(criterion: splitPenaltyKey, weight: 0, points: penalty, reason: words("sibling group split (allowed by the plan)")))
            score = breakdown.reduce(0) { $0 + $1.points }
        }
        let failed = checks.filter { !$0.passed }.map(\.rule)
        return MatchEvaluation(feasible: failed.isEmpty, failedRules: failed, checks: checks, score: score,
            breakdown: breakdown, distanceMiles: miles)
    }
}

/// One decimal place, for messages.
func fixed1(_ x: Double) -> String {
    let r = (x * 10).rounded() / 10
    let whole = Int(r.magnitude)
    let tenth = Int((r.magnitude * 10).rounded()) % 10
    return (r < 0 ? "-" : "") + "\(whole).\(tenth)"
}
