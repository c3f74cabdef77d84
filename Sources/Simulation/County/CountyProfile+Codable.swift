import CareModel

/// JSON form: snake_case keys (`name`, `latitude`, `longitude`, `radius_miles`, `child_share`,
/// `carer_share`); the older camelCase spellings are still read. Written in snake_case.
extension CountyProfile.District: Codable {
    enum CodingKeys: String, CodingKey {
        case name, latitude, longitude
        case radiusMiles = "radius_miles"
        case childShare = "child_share"
        case carerShare = "carer_share"
        case olderRadiusMiles = "radiusMiles"
        case olderChildShare = "childShare"
        case olderCarerShare = "carerShare"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        func either(_ key: CodingKeys, _ older: CodingKeys) throws -> Double {
            if let value = try c.decodeIfPresent(Double.self, forKey: key) { return value }
            return try c.decode(Double.self, forKey: c.contains(older) ? older : key)
        }
        self.init(name: try c.decode(String.self, forKey: .name), latitude: try c.decode(Double.self, forKey: .latitude),
                  longitude: try c.decode(Double.self, forKey: .longitude), radiusMiles: try either(.radiusMiles, .olderRadiusMiles),
                  childShare: try either(.childShare, .olderChildShare), carerShare: try either(.carerShare, .olderCarerShare))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .name)
        try c.encode(latitude, forKey: .latitude)
        try c.encode(longitude, forKey: .longitude)
        try c.encode(radiusMiles, forKey: .radiusMiles)
        try c.encode(childShare, forKey: .childShare)
        try c.encode(carerShare, forKey: .carerShare)
    }
}

/// JSON form: snake_case keys; every key is optional and a missing key keeps the default.
extension CountyProfile: Codable {
    enum CodingKeys: String, CodingKey {
        case name, districts
        case countyRadiusMiles = "county_radius_miles"
        case childrenInCare = "children_in_care"
        case ageBandWeights = "age_band_weights"
        case placementWeights = "placement_weights"
        case entryAgeBandWeights = "entry_age_band_weights"
        case maleShare = "male_share"
        case needShares = "need_shares"
        case ethnicityWeights = "ethnicity_weights"
        case over20MilesShare = "over_20_miles_share"
        case inHouseHouseholds = "in_house_households"
        case inHousePlaces = "in_house_places"
        case onHoldShare = "on_hold_share"
        case approvalShares = "approval_shares"
        case skillShares = "skill_shares"
        case ownChildrenShare = "own_children_share"
        case inHouseWeeklyCost = "in_house_weekly_cost"
        case ifaHouseholds = "ifa_households"
        case ifaVacancies = "ifa_vacancies"
        case ifaMinMiles = "ifa_min_miles"
        case ifaMaxMiles = "ifa_max_miles"
        case ifaAroundDistricts = "ifa_around_districts"
        case ifaWeeklyCost = "ifa_weekly_cost"
        case referrals
        case siblingReferralShare = "sibling_referral_share"
        case siblingGroupSizeWeights = "sibling_group_size_weights"
        case requestWeights = "request_weights"
        case meanDaysWaiting = "mean_days_waiting"
        case siblingShareInCare = "sibling_share_in_care"
        case siblingsApartShareBySize = "siblings_apart_share_by_size"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = CountyProfile.default
        func value<T: Decodable>(_ key: CodingKeys, _ fallback: T) throws -> T {
            try c.decodeIfPresent(T.self, forKey: key) ?? fallback
        }
        self.init(
            name: try value(.name, d.name), districts: try value(.districts, d.districts),
            countyRadiusMiles: try value(.countyRadiusMiles, d.countyRadiusMiles),
            childrenInCare: try value(.childrenInCare, d.childrenInCare),
            ageBandWeights: try value(.ageBandWeights, d.ageBandWeights),
            placementWeights: try value(.placementWeights, d.placementWeights),
            entryAgeBandWeights: try value(.entryAgeBandWeights, d.entryAgeBandWeights),
            maleShare: try value(.maleShare, d.maleShare), needShares: try value(.needShares, d.needShares),
            ethnicityWeights: try value(.ethnicityWeights, d.ethnicityWeights),
            over20MilesShare: try value(.over20MilesShare, d.over20MilesShare),
            inHouseHouseholds: try value(.inHouseHouseholds, d.inHouseHouseholds),
            inHousePlaces: try value(.inHousePlaces, d.inHousePlaces), onHoldShare: try value(.onHoldShare, d.onHoldShare),
            approvalShares: try value(.approvalShares, d.approvalShares), skillShares: try value(.skillShares, d.skillShares),
            ownChildrenShare: try value(.ownChildrenShare, d.ownChildrenShare),
            inHouseWeeklyCost: try value(.inHouseWeeklyCost, d.inHouseWeeklyCost),
            ifaHouseholds: try value(.ifaHouseholds, d.ifaHouseholds), ifaVacancies: try value(.ifaVacancies, d.ifaVacancies),
            ifaMinMiles: try value(.ifaMinMiles, d.ifaMinMiles), ifaMaxMiles: try value(.ifaMaxMiles, d.ifaMaxMiles),
            ifaAroundDistricts: try value(.ifaAroundDistricts, d.ifaAroundDistricts),
            ifaWeeklyCost: try value(.ifaWeeklyCost, d.ifaWeeklyCost), referrals: try value(.referrals, d.referrals),
            siblingReferralShare: try value(.siblingReferralShare, d.siblingReferralShare),
            siblingGroupSizeWeights: try value(.siblingGroupSizeWeights, d.siblingGroupSizeWeights),
            requestWeights: try value(.requestWeights, d.requestWeights),
            meanDaysWaiting: try value(.meanDaysWaiting, d.meanDaysWaiting),
            siblingShareInCare: try value(.siblingShareInCare, d.siblingShareInCare),
            siblingsApartShareBySize: try value(.siblingsApartShareBySize, d.siblingsApartShareBySize))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .name)
        try c.encode(districts, forKey: .districts)
        try c.encode(countyRadiusMiles, forKey: .countyRadiusMiles)
        try c.encode(childrenInCare, forKey: .childrenInCare)
        try c.encode(ageBandWeights, forKey: .ageBandWeights)
        try c.encode(placementWeights, forKey: .placementWeights)
        try c.encode(entryAgeBandWeights, forKey: .entryAgeBandWeights)
        try c.encode(maleShare, forKey: .maleShare)
        try c.encode(needShares, forKey: .needShares)
        try c.encode(ethnicityWeights, forKey: .ethnicityWeights)
        try c.encode(over20MilesShare, forKey: .over20MilesShare)
        try c.encode(inHouseHouseholds, forKey: .inHouseHouseholds)
        try c.encode(inHousePlaces, forKey: .inHousePlaces)
        try c.encode(onHoldShare, forKey: .onHoldShare)
        try c.encode(approvalShares, forKey: .approvalShares)
        try c.encode(skillShares, forKey: .skillShares)
        try c.encode(ownChildrenShare, forKey: .ownChildrenShare)
        try c.encode(inHouseWeeklyCost, forKey: .inHouseWeeklyCost)
        try c.encode(ifaHouseholds, forKey: .ifaHouseholds)
        try c.encode(ifaVacancies, forKey: .ifaVacancies)
        try c.encode(ifaMinMiles, forKey: .ifaMinMiles)
        try c.encode(ifaMaxMiles, forKey: .ifaMaxMiles)
        try c.encode(ifaAroundDistricts, forKey: .ifaAroundDistricts)
        try c.encode(ifaWeeklyCost, forKey: .ifaWeeklyCost)
        try c.encode(referrals, forKey: .referrals)
        try c.encode(siblingReferralShare, forKey: .siblingReferralShare)
        try c.encode(siblingGroupSizeWeights, forKey: .siblingGroupSizeWeights)
        try c.encode(requestWeights, forKey: .requestWeights)
        try c.encode(meanDaysWaiting, forKey: .meanDaysWaiting)
        try c.encode(siblingShareInCare, forKey: .siblingShareInCare)
        try c.encode(siblingsApartShareBySize, forKey: .siblingsApartShareBySize)
    }

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
            if let bad = weights.keys.first(where: { k in !AgeBand.allCases.contains { $0.key == k } }) {
                problems.append((key, "unknown age band \"\(bad)\": expected under_1, 1_4, 5_9, 10_15, 16_plus"))
            }
            if weights.values.contains(where: { $0 < 0 }) || weights.values.reduce(0, +) <= 0 {
                problems.append((key, "expected non-negative weights, not all zero"))
            }
        }
        if let bad = placementWeights.keys.first(where: { PlacementType(rawValue: $0) == nil }) {
            problems.append(("placement_weights", "unknown placement type \"\(bad)\": expected \(PlacementType.allCases.map(\.rawValue).joined(separator: ", "))"))
        }
        if let bad = requestWeights.keys.first(where: { PlacementRequest(rawValue: $0) == nil }) {
            problems.append(("request_weights", "unknown request \"\(bad)\": expected \(PlacementRequest.allCases.map(\.rawValue).joined(separator: ", "))"))
        }
        if let bad = needShares.keys.first(where: { Needs(token: $0) == nil }) {
            problems.append(("need_shares", "unknown need \"\(bad)\""))
        }
        if let bad = skillShares.keys.first(where: { Skills(token: $0) == nil }) {
            problems.append(("skill_shares", "unknown skill \"\(bad)\""))
        }
        if let bad = approvalShares.keys.first(where: { Approvals(token: $0) == nil }) {
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
        return problems
    }
}
