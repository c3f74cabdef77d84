import CareModel

/// The council's matching policy: the limits of the hard rules and the weight of each soft
/// criterion. Read from a policy JSON file (snake_case keys, every field optional).
///
/// The weights must add up to 100 so that a score is directly "points out of 100".
public struct MatchPolicy: Codable, Sendable, Equatable {
    /// Hard rule `distance`: no placement further than this from the child's home (miles).
    public var maxDistanceMiles: Double
    /// Soft `distance_from_home`: within this many miles is strongly preferred (DfE's 20 miles).
    public var nearDistanceMiles: Double
    /// Soft `same_school`: a household this close to the school keeps the child there (miles).
    public var schoolNearMiles: Double
    /// Soft `same_school`: beyond this the school run is not practical (miles).
    public var schoolFarMiles: Double
    /// Hard rule `exploitation_risk`: a child at risk of exploitation is never placed where a
    /// resident child is more than this many years younger.
    public var exploitationAgeGap: Int
    /// Needs that a household must hold the matching skill for (hard rule `required_skills`).
    /// Other needs with a matching skill (trauma, uasc) are preferred, scored by `extra_skills`.
    public var skillRequiredNeeds: Needs
    /// Children this old or older make the `teenagers` skill count in `extra_skills`.
    public var teenageFrom: Int
    /// Soft `age_fit`: a gap this many years between the new children's mean age and the mean
    /// age of the resident children scores zero.
    public var ageFitSpanYears: Double
    /// Soft `urgency`: this many days waiting scores full points (emergencies always do).
    public var urgentDays: Double
    /// Soft `approval_fit`: the fit when a short-term, emergency or respite request would use a
    /// long-term approved household (0...1; 1 = no preference).
    public var longTermCarerForShortRequestFit: Double
    /// Points taken off a part of a sibling group that had to be split (shown as `split_penalty`).
    public var splitPenalty: Double
    /// National scale: the joint plan keeps each unit's best this-many feasible households.
    public var candidateLimit: Int
    /// The weight of each soft criterion; they add up to 100.
    public var weights: Weights

    /// The weight of each soft criterion in points (the maximum it can add to a score).
    public struct Weights: Codable, Sendable, Equatable {
        public var distanceFromHome: Double
        public var sameDistrict: Double
        public var sameSchool: Double
        public var ageFit: Double
        public var cultureLanguage: Double
        public var extraSkills: Double
        public var inHouse: Double
        public var approvalFit: Double
        public var urgency: Double

        public init(
            distanceFromHome: Double = 30, sameDistrict: Double = 5, sameSchool: Double = 15,
            ageFit: Double = 10, cultureLanguage: Double = 10, extraSkills: Double = 10,
            inHouse: Double = 10, approvalFit: Double = 5, urgency: Double = 5
        ) {
            self.distanceFromHome = distanceFromHome
            self.sameDistrict = sameDistrict
            self.sameSchool = sameSchool
            self.ageFit = ageFit
            self.cultureLanguage = cultureLanguage
            self.extraSkills = extraSkills
            self.inHouse = inHouse
            self.approvalFit = approvalFit
            self.urgency = urgency
        }

        /// The weight of `criterion`.
        public subscript(criterion: Criterion) -> Double {
            get {
                switch criterion {
                case .distanceFromHome: distanceFromHome
                case .sameDistrict: sameDistrict
                case .sameSchool: sameSchool
                case .ageFit: ageFit
                case .cultureLanguage: cultureLanguage
                case .extraSkills: extraSkills
                case .inHouse: inHouse
                case .approvalFit: approvalFit
                case .urgency: urgency
                }
            }
            set {
                switch criterion {
                case .distanceFromHome: distanceFromHome = newValue
                case .sameDistrict: sameDistrict = newValue
                case .sameSchool: sameSchool = newValue
                case .ageFit: ageFit = newValue
                case .cultureLanguage: cultureLanguage = newValue
                case .extraSkills: extraSkills = newValue
                case .inHouse: inHouse = newValue
                case .approvalFit: approvalFit = newValue
                case .urgency: urgency = newValue
                }
            }
        }

        /// The sum of all weights (100 for a valid policy).
        public var total: Double { Criterion.allCases.reduce(0) { $0 + self[$1] } }

        enum CodingKeys: String, CodingKey {
            case distanceFromHome = "distance_from_home", sameDistrict = "same_district"
            case sameSchool = "same_school", ageFit = "age_fit", cultureLanguage = "culture_language"
            case extraSkills = "extra_skills", inHouse = "in_house", approvalFit = "approval_fit"
            case urgency
        }
    }

    public init(
        maxDistanceMiles: Double = 50, nearDistanceMiles: Double = 20, schoolNearMiles: Double = 5,
        schoolFarMiles: Double = 15, exploitationAgeGap: Int = 3,
        skillRequiredNeeds: Needs = [.disability, .complex], teenageFrom: Int = 13,
        ageFitSpanYears: Double = 10, urgentDays: Double = 90,
        longTermCarerForShortRequestFit: Double = 0.3, splitPenalty: Double = 20,
        candidateLimit: Int = 48, weights: Weights = Weights()
    ) {
        self.maxDistanceMiles = maxDistanceMiles
        self.nearDistanceMiles = nearDistanceMiles
        self.schoolNearMiles = schoolNearMiles
        self.schoolFarMiles = schoolFarMiles
        self.exploitationAgeGap = exploitationAgeGap
        self.skillRequiredNeeds = skillRequiredNeeds
        self.teenageFrom = teenageFrom
        self.ageFitSpanYears = ageFitSpanYears
        self.urgentDays = urgentDays
        self.longTermCarerForShortRequestFit = longTermCarerForShortRequestFit
        self.splitPenalty = splitPenalty
        self.candidateLimit = candidateLimit
        self.weights = weights
    }

    /// The defaults: 50-mile limit, 20 miles preferred, 3-year exploitation gap, weights
    /// distance 30, school 15, age fit / culture / skills / in-house 10 each, district /
    /// approval fit / urgency 5 each.
    public static let `default` = MatchPolicy()

    enum CodingKeys: String, CodingKey {
        case maxDistanceMiles = "max_distance_miles", nearDistanceMiles = "near_distance_miles"
        case schoolNearMiles = "school_near_miles", schoolFarMiles = "school_far_miles"
        case exploitationAgeGap = "exploitation_age_gap", skillRequiredNeeds = "skill_required_needs"
        case teenageFrom = "teenage_from", ageFitSpanYears = "age_fit_span_years"
        case urgentDays = "urgent_days", longTermCarerForShortRequestFit = "long_term_carer_for_short_request_fit"
        case splitPenalty = "split_penalty", candidateLimit = "candidate_limit", weights
    }

    /// The skill that meets each need, when there is one.
    static func skill(for need: Needs) -> Skills? {
        switch need {
        case .disability: .disability
        case .complex: .complex
        case .trauma: .trauma
        case .uasc: .uasc
        default: nil
        }
    }

    /// The skills a household must have for `needs` (hard rule `required_skills`).
    public func requiredSkills(for needs: Needs) -> Skills {
        var skills = Skills()
        for (need, _) in Needs.tokens where needs.contains(need) && skillRequiredNeeds.contains(need) {
            if let s = Self.skill(for: need) { skills.insert(s) }
        }
        return skills
    }

    /// The skills that are welcome beyond the minimum for a group (soft `extra_skills`).
    public func wantedSkills(for needs: Needs, oldestAge: Int) -> Skills {
        var skills = Skills()
        for (need, _) in Needs.tokens where needs.contains(need) && !skillRequiredNeeds.contains(need) {
            if let s = Self.skill(for: need) { skills.insert(s) }
        }
        if oldestAge >= teenageFrom { skills.insert(.teenagers) }
        return skills
    }
}
