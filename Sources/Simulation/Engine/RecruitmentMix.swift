import CareModel

/// The kind of household an approval brings: its district, places and, where the scenario
/// sets them, its age range, approvals and skills (nil = those of the current household it is
/// modelled on).
struct NewCarer: Equatable {
    var district: Int
    var places: Int
    var ages: ClosedRange<Int>?
    var approvals: Approvals?
    var skills: Skills?
}

/// `carers.recruitment`'s mix of new households, prepared once per scenario for drawing.
///
/// ## Design note
/// Each approval's draws come from its own key (`RandomSource`): the profile, the district,
/// the places, the age range, and one uniform per approval and per skill token, each by
/// inversion. The keys of the default mix (district by `location`, places by `places`, the
/// household modelled on by `template`) are read exactly as without a mix, so a scenario that
/// sets no mix draws what it drew before, and two scenarios that differ only in their mix
/// approve the same number of households on the same days, whose lives (resignations, holds)
/// follow the same keys.
struct RecruitmentMix: Sendable {
    let carerWeights: [Double]
    let places: [Double]
    let ageRanges: [AgeRangeWeight]
    /// Chances of each approval and skill token, in `tokens` order (empty = like the template).
    let approvalShares: [Double]
    let skillShares: [Double]
    let profiles: [RecruitmentProfile]
    let profileShares: [Double]
    /// Each profile's district index (nil = drawn by `carerWeights`).
    let profileDistricts: [Int?]

    init(_ settings: RecruitmentSettings, districts: [String], carerWeights: [Double]) {
        self.carerWeights = carerWeights
        places = settings.placesDistribution
        ageRanges = settings.ageRangeWeights
        approvalShares = settings.approvalShares.isEmpty ? [] : Approvals.tokens.map { settings.approvalShares[$0.1] ?? 0 }
        skillShares = settings.skillShares.isEmpty ? [] : Skills.tokens.map { settings.skillShares[$0.1] ?? 0 }
        profiles = settings.profiles
        profileShares = settings.profiles.map(\.share)
        profileDistricts = settings.profiles.map { p in p.district.flatMap { name in districts.firstIndex(of: name) } }
    }

    /// The new household of the approval with key `key`.
    /// - Complexity: O(districts + profiles + tokens).
    func draw(_ key: RandomKey) -> NewCarer {
        let index: Int? = profiles.isEmpty || !profileShares.contains(where: { $0 > 0 })
            ? nil : Draw.weightedIndex(profileShares, quantile: key.unit(.recruitmentProfile))
        let profile = index.map { profiles[$0] }
        let district = index.flatMap { profileDistricts[$0] } ?? Draw.weightedIndex(carerWeights, quantile: key.unit(.location))
        let places = profile?.places ?? (places.isEmpty ? 1 : Draw.weightedIndex(places, quantile: key.unit(.places)) + 1)
        var carer = NewCarer(district: district, places: places)
        carer.ages = profile?.ages ?? (ageRanges.isEmpty ? nil : AgeRangeWeight.draw(ageRanges, quantile: key.unit(.ageRange)))
        if let tokens = profile?.approvals {
            carer.approvals = Self.set(tokens, as: Approvals.self)
        } else if !approvalShares.isEmpty {
            carer.approvals = Self.draw(approvalShares, as: Approvals.self, key: key.key(.approvals))
        }
        if carer.approvals?.isEmpty == true { carer.approvals = .shortTerm }
        if let tokens = profile?.skills {
            carer.skills = Self.set(tokens, as: Skills.self)
        } else if !skillShares.isEmpty {
            var skills = Self.draw(skillShares, as: Skills.self, key: key.key(.skills))
            if let ages = carer.ages, ages.lowerBound >= 11 { skills.formUnion(.teenagers) }
            carer.skills = skills
        }
        return carer
    }

    /// Token i is in the set when uniform i of `key` is below its chance.
    static func draw<S: TokenSet>(_ shares: [Double], as type: S.Type, key: RandomKey) -> S {
        var set = S()
        for (i, token) in S.tokens.enumerated() where key.unit(UInt64(i)) < shares[i] { set.formUnion(token.0) }
        return set
    }

    static func set<S: TokenSet>(_ tokens: [String], as type: S.Type) -> S {
        var set = S()
        for token in tokens { if let member = S(token: token) { set.formUnion(member) } }
        return set
    }
}
