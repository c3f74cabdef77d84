import CareModel

/// A kind of foster household to recruit: where it lives, the ages and number of children it
/// is approved for, its approvals and skills. A field left out is drawn as it is without
/// profiles (`carers.recruitment`'s district weights, age-range weights, places and shares).
public struct RecruitmentProfile: Codable, Sendable, Equatable {
    /// The district the household lives in (nil = drawn by the district weights).
    public var district: String? = nil
    /// The youngest age it is approved for (nil with `maxAge` nil = drawn; else 0).
    public var minAge: Int? = nil
    /// The oldest age it is approved for (nil with `minAge` nil = drawn; else 17).
    public var maxAge: Int? = nil
    /// Approved places (nil = drawn from the places distribution).
    public var places: Int? = nil
    /// Approvals, as tokens (nil = drawn).
    public var approvals: [String]? = nil
    /// Skills, as tokens (nil = drawn).
    public var skills: [String]? = nil
    /// Weight of this profile among the profiles.
    public var share: Double = 1

    public init() {}

    /// The approved ages the profile names, if it names any.
    public var ages: ClosedRange<Int>? {
        guard minAge != nil || maxAge != nil else { return nil }
        let low = minAge ?? 0, high = maxAge ?? 17
        return low <= high ? low...high : nil
    }

    /// Read and written by `ScenarioSettings.recruitmentProfile`, the one declaration of these settings.
    public init(from decoder: any Decoder) throws { self = try ScenarioSettings.recruitmentProfile.decode(from: decoder) }
    public func encode(to encoder: any Encoder) throws { try ScenarioSettings.recruitmentProfile.encoded(self).encode(to: encoder) }
}
