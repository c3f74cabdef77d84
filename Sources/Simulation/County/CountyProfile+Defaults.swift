import CareModel

extension CountyProfile {
    /// The county of docs/sources.md at March 2024.
    ///
    /// Sources, field by field (R = published figure, D = derived from them, A = assumption):
    /// - districts: the six districts with their real centroids (R); child shares weighted to the
    ///   urban districts, carer shares with Tewkesbury a recruitment cold spot (A, shape from R).
    /// - childrenInCare 842, age bands 44/104/163/298/233, placements 163 IFA, 287 in-house,
    ///   92 residential, 90 semi-independent, 42 adoption, 39 with parents, 111 relatives and
    ///   friends, 18 other; entry ages 95/159/261/263/64; 475 of 841 male; UASC 7%; disabled 8%;
    ///   ethnicity 651/99/43/34/14 (R).
    /// - 28% live more than 20 miles from home (R), spread over types (A: most residential and
    ///   many IFA placements are far, in-house and kinship mostly near).
    /// - 215 mainstream in-house households with 325 approved places (R: 185-204 available plus
    ///   those on hold; 321-328 places); 11.5% unavailable at any time (D).
    /// - costs: IFA about £42,000 a year = £808 a week (D); in-house £520 a week in fees and
    ///   allowances (A: the £12.8m in-house budget also pays the fostering service).
    /// - referrals: 42% of requests are brothers and sisters (R: 306 of 735); request mix from
    ///   the 2021/22 requests (R: 445 short term, 140 long term, 109 respite, 41 parent and child,
    ///   with 225 of them emergencies).
    /// - brothers and sisters already in care: 42% of children in care have a brother or sister in
    ///   care (A: the 42% of in-house requests that are for brothers and sisters, R: 306 of 735),
    ///   in groups of 2-5 like the referrals (A); the county's reports give no siblings-together figure,
    ///   so the share living apart from at least one of them is England's by group size, 26% /
    ///   43% / 57% / 64% for 2 / 3 / 4 / 5 or more (Children's Commissioner for England,
    ///   "Siblings in Care", January 2023; 37% of all children with a sibling in care), about 61%
    ///   of these children living all together.
    public static let `default` = CountyProfile(
        name: "Gloucestershire-like county, March 2024",
        districts: [
            District(name: "Gloucester", latitude: 51.8642, longitude: -2.2382, radiusMiles: 3.5, childShare: 30, carerShare: 24),
            District(name: "Cheltenham", latitude: 51.8994, longitude: -2.0783, radiusMiles: 3.5, childShare: 18, carerShare: 16),
            District(name: "Tewkesbury", latitude: 51.9900, longitude: -2.1600, radiusMiles: 7, childShare: 11, carerShare: 7),
            District(name: "Forest of Dean", latitude: 51.8000, longitude: -2.5200, radiusMiles: 8, childShare: 16, carerShare: 20),
            District(name: "Stroud", latitude: 51.7200, longitude: -2.2500, radiusMiles: 7, childShare: 15, carerShare: 20),
            District(name: "Cotswold", latitude: 51.7800, longitude: -1.8600, radiusMiles: 10, childShare: 10, carerShare: 13),
        ],
        countyRadiusMiles: 24,
        childrenInCare: 842,
        ageBandWeights: ["under_1": 44, "1_4": 104, "5_9": 163, "10_15": 298, "16_plus": 233],
        placementWeights: [
            "ifa": 163, "in_house": 287, "residential": 92, "supported": 90, "adoption": 42,
            "with_parents": 39, "kinship": 111, "other": 18,
        ],
        entryAgeBandWeights: ["under_1": 95, "1_4": 159, "5_9": 261, "10_15": 263, "16_plus": 64],
        maleShare: 475.0 / 841.0,
        needShares: ["disability": 0.08, "uasc": 0.07, "complex": 0.10, "trauma": 0.35, "exploitation_risk": 0.06, "solo": 0.03],
        ethnicityWeights: [
            "WBRI": 600, "WOTH": 40, "WIRI": 6, "WIRT": 5,
            "MWBC": 40, "MWBA": 15, "MWAS": 20, "MOTH": 24,
            "BAFR": 20, "BCRB": 10, "BOTH": 13,
            "AIND": 10, "APKN": 8, "ABAN": 6, "AOTH": 10,
            "CHNE": 3, "OOTH": 11,
        ],
        over20MilesShare: [
            "in_house": 0.12, "ifa": 0.42, "residential": 0.70, "supported": 0.35, "kinship": 0.20,
            "with_parents": 0.05, "adoption": 0.30, "other": 0.40,
        ],
        inHouseHouseholds: 215,
        inHousePlaces: 325,
        onHoldShare: 0.115,
        approvalShares: ["short_term": 0.85, "long_term": 0.45, "emergency": 0.30, "respite": 0.25, "parent_and_child": 0.04],
        skillShares: ["disability": 0.10, "complex": 0.08, "trauma": 0.40, "uasc": 0.08, "teenagers": 0.35],
        ownChildrenShare: 0.30,
        inHouseWeeklyCost: 520,
        ifaHouseholds: 140,
        ifaVacancies: 30,
        ifaMinMiles: 10,
        ifaMaxMiles: 45,
        ifaAroundDistricts: false,
        ifaWeeklyCost: 808,
        referrals: 50,
        siblingReferralShare: 0.42,
        siblingGroupSizeWeights: [60, 25, 10, 5],
        requestWeights: ["short_term": 0.40, "emergency": 0.25, "long_term": 0.17, "respite": 0.13, "parent_and_child": 0.05],
        meanDaysWaiting: 21,
        siblingShareInCare: 0.42,
        siblingsApartShareBySize: [0.26, 0.43, 0.57, 0.64]
    )

    /// The county's centre: the child-weighted mean of the district centroids.
    public var centre: Location {
        let total = districts.reduce(0) { $0 + $1.childShare }
        let lat = districts.reduce(0) { $0 + $1.latitude * $1.childShare } / total
        let lon = districts.reduce(0) { $0 + $1.longitude * $1.childShare } / total
        return Location(latitude: lat, longitude: lon)
    }
}
