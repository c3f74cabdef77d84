import CareModel

/// JSON form: snake_case keys (`name`, `latitude`, `longitude`, `radius_miles`, `child_share`,
/// `carer_share`); the older camelCase spellings are still read. Written in snake_case.
/// Declared once in `ScenarioSettings.district`.
extension CountyProfile.District: Codable {
    public init(from decoder: any Decoder) throws { self = try ScenarioSettings.district.decode(from: decoder) }
    public func encode(to encoder: any Encoder) throws { try ScenarioSettings.district.encoded(self).encode(to: encoder) }
}

/// JSON form: snake_case keys; every key is optional and a missing key keeps the county
/// default. Declared once in `ScenarioSettings.county`.
extension CountyProfile: Codable {
    public init(from decoder: any Decoder) throws { self = try ScenarioSettings.county.decode(from: decoder) }
    public func encode(to encoder: any Encoder) throws { try ScenarioSettings.county.encoded(self).encode(to: encoder) }

    /// Problems that would make generation impossible or meaningless, as `field: message` pairs.
    public func validationProblems() -> [(field: String, message: String)] {
        var problems: [(String, String)] = []
        if districts.isEmpty { problems.append(("districts", "expected at least one district")) }
        for (i, d) in districts.enumerated() where !(Location(latitude: d.latitude, longitude: d.longitude).isValid) || d.radiusMiles <= 0 || d.childShare < 0 || d.carerShare < 0 {
            problems.append(("districts[\(i)]", "expected valid latitude/longitude, radius_miles > 0 and non-negative shares"))
        }
        if districts.reduce(0, { $0 + $1.childShare }) <= 0 { problems.append(("districts", "expected some child_share above 0")) }
        if districts.reduce(0, { $0 + $1.carerShare }) <= 0 { problems.append(("districts", "expected some carer_share above 0")) }
        if childrenInCare < 0 { problems.append(("children_in_care", "expected 0 or more")) }
        if inHouseHouseholds < 0 || inHousePlaces < inHouseHouseholds || inHousePlaces > 3 * inHouseHouseholds {
            problems.append(("in_house_places", "expected between in_house_households and 3 times as many (1-3 places per household)"))
        }
        for (key, weights) in [("age_band_weights", ageBandWeights), ("entry_age_band_weights", entryAgeBandWeights)] {
            if let bad = weights.keys.sorted().first(where: { k in !AgeBand.allCases.contains { $0.key == k } }) {
                problems.append((key, "unknown age band \"\(bad)\": expected under_1, 1_4, 5_9, 10_15, 16_plus"))
            }
            if weights.values.contains(where: { $0 < 0 }) || weights.values.reduce(0, +) <= 0 {
                problems.append((key, "expected non-negative weights, not all zero"))
            }
        }
        for (key, byType) in [("placement_weights", placementWeights), ("over_20_miles_share", over20MilesShare)] {
            if let bad = byType.keys.sorted().first(where: { PlacementType(rawValue: $0) == nil }) {
                problems.append((key, "unknown placement type \"\(bad)\": expected \(PlacementType.allCases.map(\.rawValue).joined(separator: ", "))"))
            }
        }
        if let bad = requestWeights.keys.sorted().first(where: { PlacementRequest(rawValue: $0) == nil }) {
            problems.append(("request_weights", "unknown request \"\(bad)\": expected \(PlacementRequest.allCases.map(\.rawValue).joined(separator: ", "))"))
        }
        if let bad = needShares.keys.sorted().first(where: { Needs(token: $0) == nil }) {
            problems.append(("need_shares", "unknown need \"\(bad)\""))
        }
        if let bad = skillShares.keys.sorted().first(where: { Skills(token: $0) == nil }) {
            problems.append(("skill_shares", "unknown skill \"\(bad)\""))
        }
        if let bad = approvalShares.keys.sorted().first(where: { Approvals(token: $0) == nil }) {
            problems.append(("approval_shares", "unknown approval \"\(bad)\""))
        }
        for (key, share) in [("male_share", maleShare), ("on_hold_share", onHoldShare), ("own_children_share", ownChildrenShare), ("sibling_referral_share", siblingReferralShare), ("sibling_share_in_care", siblingShareInCare)] where !(0...1).contains(share) {
            problems.append((key, "expected a share from 0 to 1"))
        }
        if siblingGroupSizeWeights.count != 4 || siblingGroupSizeWeights.contains(where: { $0 < 0 }) {
            problems.append(("sibling_group_size_weights", "expected 4 non-negative weights for groups of 2, 3, 4 and 5"))
        }
        if siblingsApartShareBySize.count != 4 || siblingsApartShareBySize.contains(where: { !(0...1).contains($0) }) {
            problems.append(("siblings_apart_share_by_size", "expected 4 shares from 0 to 1 for groups of 2, 3, 4 and 5"))
        }
        if ifaMinMiles < 0 || ifaMaxMiles < ifaMinMiles { problems.append(("ifa_max_miles", "expected 0 <= ifa_min_miles <= ifa_max_miles")) }
        if referrals < 0 { problems.append(("referrals", "expected 0 or more")) }
        if !inHouseAgeRangeWeights.contains(where: { $0.weight > 0 }) {
            problems.append(("age_range_weights", "expected non-negative weights, not all zero"))
        }
        return problems
    }
}
