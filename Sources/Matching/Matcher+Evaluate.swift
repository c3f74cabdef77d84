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

        // Hard rules, in HardRule.allCases order.
        let available = household.status == .available
        checks.append(RuleCheck(rule: .householdAvailable, passed: available,
            detail: words(available ? "household available" : "household on hold")))

        let free = household.freePlaces
        checks.append(RuleCheck(rule: .freePlaces, passed: free >= group.size,
            detail: words(free >= group.size
                ? "needs \(group.size) place\(group.size == 1 ? "" : "s"), has \(free) free"
                : "needs \(group.size) place\(group.size == 1 ? "" : "s"), has \(free) free (would fit with \(group.size - free) more)")))

        let range = household.ageRange
        let inside = group.children.allSatisfy { range.contains($0.age) }
        checks.append(RuleCheck(rule: .ageRange, passed: inside,
            detail: words(inside
                ? "age\(group.size == 1 ? "" : "s") \(group.children.map { String($0.age) }.joined(separator: ", ")) inside approved \(range.lowerBound)-\(range.upperBound)"
                : group.children.filter { !range.contains($0.age) }
                    .map { "age \($0.age) outside approved \(range.lowerBound)-\(range.upperBound)" }.joined(separator: "; "))))

        let request = group.placement
        let approved = household.approvals.contains(request.requiredApproval)
        checks.append(RuleCheck(rule: .approval, passed: approved,
            detail: words(approved
                ? "approved for \(request.words) placements"
                : "not approved for \(request.words) placements (approved for \(CodeWords.list(household.approvals.wordList)))")))

        let required = policy.requiredSkills(for: group.needs)
        let missing = required.subtracting(household.skills)
        checks.append(RuleCheck(rule: .requiredSkills, passed: missing.isEmpty,
            detail: words(missing.isEmpty
                ? (required.isEmpty ? "no carer skill required" : "carers approved for \(required.words())")
                : "needs carers approved for \(missing.words()); these carers are approved for \(household.skills.words(none: "no special needs"))")))

        let solo = group.needs.contains(.solo)
        let soloOK = !solo || household.occupied == 0
        checks.append(RuleCheck(rule: .solo, passed: soloOK,
            detail: words(!solo ? "no need to be the only child placed"
                : soloOK ? "the only child placed: no other child lives there"
                : "must be the only child placed, and \(household.occupied) child\(household.occupied == 1 ? " is" : "ren are") already placed there")))

        var exploitationDetail = words("no exploitation risk")
        var exploitationOK = true
        if let youngest = household.residentAges.min() {
            for child in group.children where child.needs.contains(.exploitationRisk) {
                if child.age - youngest > policy.exploitationAgeGap {
                    exploitationOK = false
                    exploitationDetail = words("\(child.id) (\(child.age)) at risk of exploitation; resident aged \(youngest) is \(child.age - youngest) years younger (limit \(policy.exploitationAgeGap))")
                    break
                }
                exploitationDetail = words("at risk of exploitation; the youngest child there is \(youngest), within \(policy.exploitationAgeGap) years")
            }
        } else if group.needs.contains(.exploitationRisk) {
            exploitationDetail = words("at risk of exploitation; no other children live there")
        }
        if exploitationOK, let oldestAtRisk = residentsAtRisk.max() {
            let youngestNew = group.children.min { $0.age < $1.age }!
            if oldestAtRisk - youngestNew.age > policy.exploitationAgeGap {
                exploitationOK = false
                exploitationDetail = words("resident aged \(oldestAtRisk) at risk of exploitation; \(youngestNew.id) (\(youngestNew.age)) is \(oldestAtRisk - youngestNew.age) years younger (limit \(policy.exploitationAgeGap))")
            } else if !group.needs.contains(.exploitationRisk) {
                exploitationDetail = words("resident aged \(oldestAtRisk) at risk of exploitation; youngest new child within \(policy.exploitationAgeGap) years")
            }
        }
        checks.append(RuleCheck(rule: .exploitationRisk, passed: exploitationOK, detail: exploitationDetail))

        let near = miles <= policy.maxDistanceMiles
        checks.append(RuleCheck(rule: .distance, passed: near,
            detail: words("\(fixed1(miles)) miles from home, limit \(fixed1(policy.maxDistanceMiles))"
                + (near ? "" : " (too far)"))))

        // Soft criteria, in Criterion.allCases order.
        let w = policy.weights
        var breakdown: [ScoreComponent] = []
        breakdown.reserveCapacity(Criterion.allCases.count + 1)
        func add(_ c: Criterion, _ fit: Double, _ reason: @autoclosure () -> String) {
            breakdown.append(ScoreComponent(criterion: c.rawValue, weight: w[c], points: CriterionFit.points(w[c], fit), reason: words(reason())))
        }
        add(.distanceFromHome, CriterionFit.distance(miles, near: policy.nearDistanceMiles, limit: policy.maxDistanceMiles),
            "\(fixed1(miles)) miles from home" + (miles <= policy.nearDistanceMiles ? " (within \(fixed1(policy.nearDistanceMiles)))" : ""))

        let district = group.children.lazy.compactMap(\.district).first
        if let district, let hd = household.district {
            let same = district.lowercased() == hd.lowercased()
            add(.sameDistrict, same ? 1 : 0, same ? "same district (\(hd))" : "different district (\(hd), child from \(district))")
        } else {
            add(.sameDistrict, 0.5, "district not given (neutral)")
        }

        if let school = group.children.lazy.compactMap(\.school).first {
            let schoolMiles = school.distanceMiles(to: household.location)
            let fit = CriterionFit.school(schoolMiles, near: policy.schoolNearMiles, far: policy.schoolFarMiles)
            add(.sameSchool, fit, "\(fixed1(schoolMiles)) miles to school" + (fit >= 1 ? " (can stay at school)" : fit <= 0 ? " (school move likely)" : ""))
        } else {
            add(.sameSchool, 0.5, "no school given (neutral)")
        }

        let meanAge = Double(group.children.reduce(0) { $0 + $1.age }) / Double(group.size)
        if household.residentAges.isEmpty {
            add(.ageFit, 0.5, "no children living there (neutral)")
        } else {
            let residentMean = Double(household.residentAges.reduce(0, +)) / Double(household.residentAges.count)
            let fit = CriterionFit.ageFit(meanAge: meanAge, residentMeanAge: residentMean, span: policy.ageFitSpanYears)
            add(.ageFit, fit, "residents aged \(household.residentAges.map(String.init).joined(separator: ", ")), child\(group.size == 1 ? "" : "ren") \(group.children.map { String($0.age) }.joined(separator: ", "))")
        }

        let ethnicity = group.children.lazy.compactMap(\.ethnicity).first
        let language = group.children.lazy.compactMap(\.language).first
        let e = CriterionFit.ethnicity(ethnicity, household.ethnicity)
        let l = CriterionFit.language(language, household.language)
        add(.cultureLanguage, 0.6 * e + 0.4 * l,
            (e == 1 ? "same ethnicity" : e == 0.5 ? (ethnicity == nil || household.ethnicity == nil ? "ethnicity not given" : "same ethnic group") : "different ethnicity")
                + (l == 1 ? ", same language" : l == 0.5 ? ", language not given" : ", different language"))

        let wanted = policy.wantedSkills(for: group.needs, oldestAge: group.ageRange.upperBound)
        if wanted.isEmpty {
            add(.extraSkills, 0.5, "no extra skills wanted (neutral)")
        } else {
            let have = wanted.intersection(household.skills)
            add(.extraSkills, Double(have.count) / Double(wanted.count),
                have.isEmpty ? "carers not approved for \(CodeWords.list(wanted.wordList, conjunction: "or"))"
                    : have == wanted ? "carers approved for \(have.words())"
                    : "carers approved for \(have.words()), not \(wanted.subtracting(have).words())")
        }

        add(.inHouse, household.provider == .inHouse ? 1 : 0, household.provider == .inHouse ? "in-house carers" : "independent agency (IFA)")

        let shortRequest = request == .shortTerm || request == .emergency || request == .respite
        if shortRequest && household.approvals.contains(.longTerm) {
            add(.approvalFit, policy.longTermCarerForShortRequestFit, "a long-term carer for a \(request.words) request")
        } else {
            add(.approvalFit, 1, request == .longTerm ? "long-term carer for a long-term plan" : "\(request.words) carer")
        }

        let days = group.daysWaiting
        add(.urgency, CriterionFit.urgency(days: days, emergency: request == .emergency, urgentDays: policy.urgentDays),
            request == .emergency ? "emergency" : "waiting \(days) day\(days == 1 ? "" : "s")")

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
