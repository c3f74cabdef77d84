import CareModel

extension StartingPopulation {
    /// The starting state of a synthetic county: its districts, in-house households and the
    /// children in care with their placements (agency carers are a market, so only in-house
    /// households are kept, and only in-house children keep a household).
    public init(county: SyntheticCounty) {
        let districts = county.profile.districts.map {
            District(name: $0.name, centre: $0.centre, childWeight: $0.childShare, carerWeight: $0.carerShare)
        }
        let inHouse = county.households.filter { $0.provider == .inHouse }
        var householdIndex: [HouseholdID: Int] = [:]
        for (i, h) in inHouse.enumerated() { householdIndex[h.id] = i }
        var districtIndex: [String: Int] = [:]
        for (i, d) in districts.enumerated() { districtIndex[d.name] = i }
        var siblingKeys: [GroupID: Int] = [:]
        let children = county.childrenInCare.map { c -> ChildInCare in
            let household = c.placement == .inHouseFoster ? c.household.flatMap { householdIndex[$0] } : nil
            let district = c.child.district.flatMap { districtIndex[$0] }
                ?? PreparedStart.nearest(c.child.home, districts)
            var key: Int? = nil
            if let group = c.child.groupID {
                if let existing = siblingKeys[group] {
                    key = existing
                } else {
                    key = siblingKeys.count
                    siblingKeys[group] = siblingKeys.count
                }
            }
            return ChildInCare(
                age: c.child.age, placement: c.placement, household: household, monthsInCare: c.monthsInCare,
                home: c.child.home, district: district, needs: c.child.needs, siblingKey: key,
                distanceMiles: c.distanceFromHomeMiles, livesWithSiblings: key != nil && c.livesWithSiblings)
        }
        self.init(districts: districts, children: children, households: inHouse)
    }
}

extension Scenario {
    /// The starting population: the synthetic county of `start`, generated with its seed, its
    /// single-year ages and months in care shaped like this scenario's own steady state.
    public func startingPopulation() -> StartingPopulation {
        StartingPopulation(county: CountyGenerator.generate(profile: start.profile, seed: start.countySeed, shape: steadyStateShape()))
    }
}
