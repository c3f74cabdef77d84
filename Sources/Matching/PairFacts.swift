import CareModel

/// A sibling group's side of the reference evaluator's rules and criteria, read once.
///
/// A plan scores one group against many households (`Matcher.pairCents`): the group's
/// children, needs and texts are read here once instead of for every pair. Texts are kept as
/// the evaluator compares them (district and language lowercased, ethnicity uppercased), so
/// every rule and fit is decided exactly as `Matcher.evaluate` decides it.
package struct GroupFacts: Sendable {
    let size: Int
    /// The first child's home: distances are measured from it (`Location.distanceMiles`, with
    /// its latitude's cosine read once).
    let home: Location
    let homeCosLatitude: Double
    let youngest: Int
    let oldest: Int
    let requiredApproval: Approvals
    let requiredSkills: Skills
    let wantedSkills: Skills
    let solo: Bool
    /// The oldest child at risk of exploitation; nil when none is.
    let oldestAtRisk: Int?
    /// The first district given, lowercased.
    let district: String?
    let school: Location?
    let meanAge: Double
    /// The first ethnicity given, uppercased; the first language given, lowercased.
    let ethnicity: String?
    let language: String?
    /// A short request (short term, emergency or respite), which long-term carers fit less well.
    let shortRequest: Bool
    let urgencyFit: Double

    /// - Complexity: O(children).
    package init(_ group: SiblingGroup, policy: MatchPolicy) {
        size = group.size
        home = group.children[0].home
        homeCosLatitude = home.cosLatitude
        let ages = group.ageRange
        youngest = ages.lowerBound
        oldest = ages.upperBound
        let request = group.placement
        requiredApproval = request.requiredApproval
        let needs = group.needs
        requiredSkills = policy.requiredSkills(for: needs)
        wantedSkills = policy.wantedSkills(for: needs, oldestAge: oldest)
        solo = needs.contains(.solo)
        var atRisk: Int? = nil
        for child in group.children where child.needs.contains(.exploitationRisk) { atRisk = max(atRisk ?? child.age, child.age) }
        oldestAtRisk = atRisk
        district = group.children.lazy.compactMap(\.district).first?.lowercased()
        school = group.children.lazy.compactMap(\.school).first
        meanAge = Double(group.children.reduce(0) { $0 + $1.age }) / Double(group.size)
        ethnicity = group.children.lazy.compactMap(\.ethnicity).first?.uppercased()
        language = group.children.lazy.compactMap(\.language).first?.lowercased()
        shortRequest = request == .shortTerm || request == .emergency || request == .respite
        urgencyFit = CriterionFit.urgency(days: group.daysWaiting, emergency: request == .emergency, urgentDays: policy.urgentDays)
    }
}

/// A household's side of the reference evaluator's rules and criteria, read once (texts kept
/// as `GroupFacts` keeps them).
package struct HouseholdFacts: Sendable {
    let location: Location
    let cosLatitude: Double
    let available: Bool
    let freePlaces: Int
    let occupied: Int
    let ageRange: ClosedRange<Int>
    let approvals: Approvals
    let skills: Skills
    let inHouse: Bool
    /// The youngest resident's age and the residents' mean age; nil with no residents.
    let youngestResident: Int?
    let residentMeanAge: Double?
    let district: String?
    let ethnicity: String?
    let language: String?

    /// - Complexity: O(residents).
    package init(_ household: Household) {
        location = household.location
        cosLatitude = location.cosLatitude
        available = household.status == .available
        freePlaces = household.freePlaces
        occupied = household.occupied
        ageRange = household.ageRange
        approvals = household.approvals
        skills = household.skills
        inHouse = household.provider == .inHouse
        let ages = household.residentAges
        youngestResident = ages.min()
        residentMeanAge = ages.isEmpty ? nil : Double(ages.reduce(0, +)) / Double(ages.count)
        district = household.district?.lowercased()
        ethnicity = household.ethnicity?.uppercased()
        language = household.language?.lowercased()
    }
}
