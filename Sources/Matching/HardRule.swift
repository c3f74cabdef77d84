/// A rule every placement must pass; failing any one makes a pair infeasible.
///
/// Raw values are the snake_case names used in JSON output and by `hearth explain`.
public enum HardRule: String, CaseIterable, Sendable, Codable {
    /// The household is available (not on hold).
    case householdAvailable = "household_available"
    /// Free places are at least the number of children in the unit (siblings stay together).
    case freePlaces = "free_places"
    /// Every child's age is inside the household's approved age range.
    case ageRange = "age_range"
    /// The household's approvals cover the request (short term, long term, ...).
    case approval = "approval"
    /// Needs that require a skill (by policy: disability, complex) are met.
    case requiredSkills = "required_skills"
    /// A child who must be the only one placed goes only where nobody else is placed.
    case solo = "solo"
    /// A child at risk of exploitation is never placed with much younger resident children.
    case exploitationRisk = "exploitation_risk"
    /// The household is within the policy's distance limit of the child's home.
    case distance = "distance"
}
