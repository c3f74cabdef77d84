import CareModel

/// Why a child or sibling group was not given an in-house home near home: the reason recorded
/// for every placement with an agency, in residential care, or in-house over
/// `KPI.farFromHomeMiles` from home.
///
/// ## Design note: the binding reason
/// When such a placement is made, the in-house households that have a vacancy (approved, not
/// on hold, a free place) are checked against the unit (the child, or the brothers and sisters
/// who were looked for a home together) by the matching engine's own hard rules
/// (`ScoringKernel.failedRules`, the kernel's feasibility tests told apart rule by rule). The
/// rules are applied as filters in the fixed order of the cases below (vacancy, age, places,
/// distance, skills, approval, solo or exploitation); the reason is the filter that removes
/// the last household. Equivalently, each household's first failing rule in that order is
/// found and the reason is the latest of them over all households: every earlier filter left
/// a household standing. The distance limit is the matching policy's (`max_distance_miles`)
/// for agency and residential placements, and `KPI.farFromHomeMiles` for in-house placements
/// over that distance (the question there is why no in-house home near home was used).
///
/// When some household passes every rule, the reason says why it was still not used, by the
/// path the decision took: the child waited past the planned wait (a family-finding meeting
/// gave the home to other children, or would only have placed the group split); a search was
/// made but did not offer it (the urgent search looks at the nearest districts first, and a
/// planned move or step-down needs a good score and leaves vacancies in reserve); the child
/// went in-house further away because the engine scored that home higher; or no in-house
/// search was made at all (the care plan chose residential care, a move went straight to its
/// drawn destination, or a child moved between residential homes).
///
/// Each decision is counted once, with the unit's children, however many placements it
/// needed (a sibling group split between an agency and residential care is one decision).
public enum TurnAwayReason: UInt8, CaseIterable, Sendable, Comparable {
    /// No in-house household had a free place.
    case noVacancy
    /// Households had places, but none approved for the child's age (every child's, for a group).
    case ageRange
    /// None of those had enough free places for the whole group.
    case places
    /// None of those was within the distance limit of home.
    case distance
    /// None of those had the skills the child's needs require.
    case skills
    /// None of those had the approval the request needs (short term, long term, parent and child, ...).
    case approval
    /// None of those could take a child who must be placed alone, or at risk of exploitation.
    case soloOrExploitation
    /// A home passed every rule, but the child waited past the planned wait without being given it.
    case waitedPastPlannedWait
    /// A home passed every rule, but the search made did not offer it.
    case passedNotOffered
    /// A home nearer home passed every rule, but the engine placed the child further away.
    case nearerHomeNotChosen
    /// A home passed every rule, but no in-house search was made (care plan or move destination).
    case notSought

    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }

    /// The snake_case name used in files.
    public var key: String {
        switch self {
        case .noVacancy: "no_vacancy"
        case .ageRange: "age_range"
        case .places: "places"
        case .distance: "distance"
        case .skills: "skills"
        case .approval: "approval"
        case .soloOrExploitation: "solo_or_exploitation"
        case .waitedPastPlannedWait: "waited_past_planned_wait"
        case .passedNotOffered: "passed_not_offered"
        case .nearerHomeNotChosen: "nearer_home_not_chosen"
        case .notSought: "not_sought"
        }
    }

    /// Plain words for a report.
    public var words: String {
        switch self {
        case .noVacancy: "No in-house carer had a free place"
        case .ageRange: "Free places, but none approved for the child's age"
        case .places: "Not enough free places together for the brothers and sisters"
        case .distance: "No suitable free place near enough to home"
        case .skills: "No free place with carers trained for the child's needs"
        case .approval: "No free place with the right approval (short or long term, parent and child)"
        case .soloOrExploitation: "Child must live alone, or at risk of exploitation: no household fitted"
        case .waitedPastPlannedWait: "A home fitted, but it went to other children and the wait ran out"
        case .passedNotOffered: "A home fitted, but the search did not reach or offer it"
        case .nearerHomeNotChosen: "A home nearer home fitted, but a better match further away was chosen"
        case .notSought: "A home fitted, but in-house care was not looked for (care plan or move)"
        }
    }

    /// Whether the reason is a hard rule of the matching engine (not a residual reason).
    public var isHardRule: Bool { self <= .soloOrExploitation }
}

/// A child's most demanding need, for grouping: the first of the unit's needs in the order of
/// the cases.
public enum NeedCategory: UInt8, CaseIterable, Sendable {
    case complex, disability, solo, exploitationRisk, uasc, trauma, none

    /// The category of a unit with `needs` (the union of its children's).
    public init(_ needs: Needs) {
        if needs.contains(.complex) { self = .complex }
        else if needs.contains(.disability) { self = .disability }
        else if needs.contains(.solo) { self = .solo }
        else if needs.contains(.exploitationRisk) { self = .exploitationRisk }
        else if needs.contains(.uasc) { self = .uasc }
        else if needs.contains(.trauma) { self = .trauma }
        else { self = .none }
    }

    /// The snake_case name used in files (the `needs` tokens of children.csv, and `none`).
    public var key: String {
        switch self {
        case .complex: "complex"
        case .disability: "disability"
        case .solo: "solo"
        case .exploitationRisk: "exploitation_risk"
        case .uasc: "uasc"
        case .trauma: "trauma"
        case .none: "none"
        }
    }

    /// Plain words for a report.
    public var words: String {
        switch self {
        case .complex: "complex needs"
        case .disability: "disability"
        case .solo: "must live alone"
        case .exploitationRisk: "at risk of exploitation"
        case .uasc: "unaccompanied asylum seeker"
        case .trauma: "trauma"
        case .none: "no recorded need"
        }
    }
}

/// One decision that turned a child or sibling group away from in-house care near home: the
/// binding reason, the facts the profile groups by, and what is needed to test the unit again
/// against another household with the matching engine's rules. A plain struct of numbers.
public struct TurnedAwayDecision: Sendable, Equatable {
    /// Days since the scenario's start.
    public var day: Double
    /// The first child's home.
    public var home: Location
    public var reason: TurnAwayReason
    /// The first child's district (index into the starting population's districts).
    public var district: Int16
    /// Children looked for a home together, and how many of them were placed with an agency,
    /// in residential care or over the far-from-home distance.
    public var size: UInt8
    public var children: UInt8
    /// Youngest and oldest ages, sum of ages, and the oldest at risk of exploitation (-1: none).
    public var minAge: Int8
    public var maxAge: Int8
    public var ageSum: Int16
    public var oldestAtRisk: Int8
    public var request: PlacementRequest
    /// The union of the children's needs.
    public var needs: Needs
    /// The distance limit was `KPI.farFromHomeMiles` (an in-house placement far from home),
    /// not the matching policy's.
    public var nearHomeLimit: Bool

    /// The oldest child's age band.
    public var ageBand: AgeBand { AgeBand(age: Int(maxAge)) }
    public var need: NeedCategory { NeedCategory(needs) }
    /// The group size as grouped in the profile: 1, 2, 3, or 4 for four or more.
    public var sizeBucket: Int { min(Int(size), 4) }
}
