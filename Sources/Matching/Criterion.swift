/// A soft criterion: each adds `weight x fit` points, fit in 0...1, to a score out of 100.
///
/// Every criterion's fit function is documented on its case; "neutral" is the fit used when
/// the data it needs is missing, so a blank field neither helps nor harms much.
public enum Criterion: String, CaseIterable, Sendable, Codable {
    /// Miles from the family home: 1 at the door falling to 0.8 at `near_distance_miles`
    /// (20), then steeply to 0.4 over the next mile, then to 0 at `max_distance_miles`: a strong
    /// preference for placements within 20 miles.
    case distanceFromHome = "distance_from_home"
    /// Same district (locality) as the child's: 1 same, 0 different, neutral 0.5 when either
    /// is blank.
    case sameDistrict = "same_district"
    /// Staying at the same school, by miles from household to school: 1 within
    /// `school_near_miles` (5), linear to 0 at `school_far_miles` (15); neutral 0.5 when no
    /// school is given.
    case sameSchool = "same_school"
    /// Age fit with the children already living there: 1 - |mean new age - mean resident age|
    /// / `age_fit_span_years` (10), at least 0; neutral 0.5 when nobody lives there yet.
    case ageFit = "age_fit"
    /// Cultural and language match: 0.6 x ethnicity (same SSDA903 code 1, same major group —
    /// first letter — 0.5, else 0) + 0.4 x language (same 1, else 0); each part neutral 0.5
    /// when either side is blank.
    case cultureLanguage = "culture_language"
    /// Carer skills beyond the minimum: the share of the welcome skills (trauma, uasc when not
    /// required, teenagers for children 13+) the carers have; neutral 0.5 when none is wanted.
    case extraSkills = "extra_skills"
    /// In-house before IFA (cost): 1 for the council's own carers, 0 for an agency.
    case inHouse = "in_house"
    /// Approval type fit: 1, except that a short-term, emergency or respite request to a
    /// long-term approved household gets `long_term_carer_for_short_request_fit` (0.3), to keep
    /// long-term carers for long-term plans.
    case approvalFit = "approval_fit"
    /// Waiting time and urgency: days waiting / `urgent_days` (90), at most 1; 1 for emergencies.
    case urgency = "urgency"
}

/// The key of the negative breakdown entry for a part of a split sibling group.
package let splitPenaltyKey = "split_penalty"
