import CareModel

/// Builds a realistic synthetic county from a `CountyProfile`.
///
/// ## Design note
/// Counts that the reference figures publish are reproduced *exactly*, not just on average:
/// the number in care, the age bands and the placement mix are split by largest remainder, and
/// in-house households are given 1, 2 or 3 places in the numbers that hit the approved-places
/// total. Randomness decides only who is who: ages within bands, which child has which
/// placement (subject to age: supported accommodation is for 16+, adoption for under 5s,
/// residential mostly for 10+), homes scattered in their districts, carers' approvals and
/// skills, which children are brothers and sisters (`formSiblingGroups`: the profile's share in
/// groups, the apart share by group size rounded to whole groups), and which household each
/// fostered child lives with (groups living together first, all in one household; age-range
/// fit first, and near home unless the child is one of those placed over 20 miles away, whose
/// number per placement type is the profile's share, rounded). Relatives-and-friends
/// carers are tied to their own child and are not open vacancies, so they are not households.
/// Single-year ages inside each band and months in care come from a `SnapshotShape` (by
/// default the steady state of the county baseline's own entry and stay rates, see
/// `Scenario.steadyStateShape()`), not evenly: within 10-15 most children are 13-15.
/// Everything flows from `seed`, so the same seed gives the same county.
public enum CountyGenerator {
    /// Generates the county for `profile` from `seed`.
    /// - Complexity: O(c·h) for c children in care and h households (placement search).
    public static func generate(profile: CountyProfile = .default, seed: UInt64, shape: SnapshotShape = .baseline) -> SyntheticCounty {
        var rng = Xoshiro256StarStar(seed: seed)
        let builder = CountyBuilder(profile: profile, shape: shape)
        var households = builder.inHouseHouseholds(using: &rng)
        households += builder.ifaHouseholds(using: &rng)
        var children = builder.childrenInCare(using: &rng)
        builder.formSiblingGroups(&children, using: &rng)
        var far = builder.farFromHome(children, using: &rng)
        // Brothers and sisters living together live where the first of them lives.
        var sharedHome: [GroupID: (far: Bool, location: Location?)] = [:]
        for i in children.indices where children[i].livesWithSiblings {
            let group = children[i].child.groupID!
            if let shared = sharedHome[group] { far[i] = shared.far } else { sharedHome[group] = (far[i], nil) }
        }
        for i in children.indices where children[i].household == nil && !children[i].placement.isFoster {
            if children[i].livesWithSiblings, let group = children[i].child.groupID, let location = sharedHome[group]?.location {
                children[i].placementLocation = location
                continue
            }
            children[i].placementLocation = builder.placementLocation(for: children[i], far: far[i], using: &rng)
            if children[i].livesWithSiblings, let group = children[i].child.groupID {
                sharedHome[group] = (far[i], children[i].placementLocation)
            }
        }
        builder.placeFostered(&children, far: far, in: &households, using: &rng)
        builder.fillIFAWithOtherCouncilsChildren(&households, using: &rng)
        builder.addOwnChildren(&households, using: &rng)
        let referrals = builder.referrals(using: &rng)
        return SyntheticCounty(profile: profile, childrenInCare: children, households: households, referrals: referrals)
    }

    /// Splits `total` in proportion to `weights` so that the parts sum to `total` exactly
    /// (largest remainder; ties go to the earlier key in `order`).
    package static func apportion(_ total: Int, weights: [String: Double], order: [String]) -> [String: Int] {
        let keys = order.filter { (weights[$0] ?? 0) > 0 }
        let sum = keys.reduce(0) { $0 + weights[$1]! }
        guard sum > 0, total > 0 else { return Dictionary(uniqueKeysWithValues: order.map { ($0, 0) }) }
        var result: [String: Int] = [:]
        var remainders: [(String, Double)] = []
        var assigned = 0
        for key in keys {
            let exact = Double(total) * weights[key]! / sum
            let whole = Int(exact.rounded(.down))
            result[key] = whole
            assigned += whole
            remainders.append((key, exact - Double(whole)))
        }
        let ranked = remainders.enumerated().sorted { a, b in
            a.element.1 != b.element.1 ? a.element.1 > b.element.1 : a.offset < b.offset
        }
        for i in 0..<(total - assigned) { result[ranked[i % ranked.count].element.0]! += 1 }
        for key in order where result[key] == nil { result[key] = 0 }
        return result
    }
}

/// The generation steps, sharing the profile and the snapshot shape.
struct CountyBuilder {
    let profile: CountyProfile
    let shape: SnapshotShape
    let centre: Location

    init(profile: CountyProfile, shape: SnapshotShape) {
        self.profile = profile
        self.shape = shape
        self.centre = profile.centre
    }

    // MARK: places

    /// A uniform point in the disc of the district chosen by `weight`.
    func pointInDistrict(weightedBy weight: (CountyProfile.District) -> Double, using rng: inout some RandomNumberGenerator) -> (String, Location) {
        let index = Draw.weightedIndex(profile.districts.map(weight), using: &rng)
        let district = profile.districts[index]
        let radius = district.radiusMiles * rng.nextUnit().squareRoot()
        let point = district.centre.offset(miles: radius, bearingDegrees: 360 * rng.nextUnit())
        return (district.name, point)
    }

    /// The district whose centre is nearest `point`, or nil when outside every district's reach.
    func district(of point: Location) -> String? {
        let nearest = profile.districts.min { point.distanceMiles(to: $0.centre) < point.distanceMiles(to: $1.centre) }
        guard let nearest, point.distanceMiles(to: nearest.centre) <= nearest.radiusMiles * 1.5 else { return nil }
        return nearest.name
    }

    // MARK: households

    /// Household sizes of 1, 2 and 3 places whose count and total hit the profile exactly.
    func placeCounts(households: Int, places: Int) -> [Int] {
        let extra = max(0, min(places - households, 2 * households))
        var threes = min(extra / 2, Int((Double(households) * 0.09).rounded()))
        var twos = extra - 2 * threes
        if twos + threes > households {  // very full households: use more threes
            threes = extra - households
            twos = households - threes
        }
        let ones = households - twos - threes
        return Array(repeating: 1, count: ones) + Array(repeating: 2, count: twos) + Array(repeating: 3, count: threes)
    }

    /// An approved age range drawn from `mix` (one uniform).
    func ageRange(_ mix: [AgeRangeWeight], using rng: inout some RandomNumberGenerator) -> ClosedRange<Int> {
        AgeRangeWeight.draw(mix, quantile: rng.nextUnit())
    }

    func draw<S: TokenSet>(_ shares: [String: Double], as type: S.Type, using rng: inout some RandomNumberGenerator) -> S {
        var set = S()
        for (member, token) in S.tokens where Draw.bernoulli(shares[token] ?? 0, using: &rng) { set.formUnion(member) }
        return set
    }

    func ethnicity(using rng: inout some RandomNumberGenerator) -> String {
        let codes = profile.ethnicityWeights.keys.sorted()
        guard !codes.isEmpty else { return "NOBT" }
        return codes[Draw.weightedIndex(codes.map { profile.ethnicityWeights[$0]! }, using: &rng)]
    }

    func inHouseHouseholds(using rng: inout some RandomNumberGenerator) -> [Household] {
        var sizes = placeCounts(households: profile.inHouseHouseholds, places: profile.inHousePlaces)
        sizes.shuffle(using: &rng)
        let onHold = Int((Double(sizes.count) * profile.onHoldShare).rounded())
        var holdFlags = Array(repeating: true, count: onHold) + Array(repeating: false, count: sizes.count - onHold)
        holdFlags.shuffle(using: &rng)
        return sizes.enumerated().map { index, places in
            let (district, location) = pointInDistrict(weightedBy: { $0.carerShare }, using: &rng)
            var approvals = draw(profile.approvalShares, as: Approvals.self, using: &rng)
            if approvals.isEmpty { approvals = .shortTerm }
            let range = ageRange(profile.inHouseAgeRangeWeights, using: &rng)
            var skills = draw(profile.skillShares, as: Skills.self, using: &rng)
            if range.lowerBound >= 11 { skills.formUnion(.teenagers) }
            return Household(
                id: HouseholdID("IH" + pad(index + 1, 4)), provider: .inHouse, location: location, district: district,
                places: places, occupied: 0, ageRange: range, approvals: approvals, skills: skills,
                status: holdFlags[index] ? .onHold : .available, ethnicity: ethnicity(using: &rng), language: "English",
                weeklyCost: profile.inHouseWeeklyCost)
        }
    }

    func ifaHouseholds(using rng: inout some RandomNumberGenerator) -> [Household] {
        (0..<profile.ifaHouseholds).map { index in
            let miles = profile.ifaMinMiles + (profile.ifaMaxMiles - profile.ifaMinMiles) * rng.nextUnit()
            let location: Location
            if profile.ifaAroundDistricts {
                let (_, base) = pointInDistrict(weightedBy: { $0.carerShare }, using: &rng)
                location = base.offset(miles: miles * rng.nextUnit(), bearingDegrees: 360 * rng.nextUnit())
            } else {
                location = centre.offset(miles: miles, bearingDegrees: 360 * rng.nextUnit())
            }
            let places = [1, 2, 3][Draw.weightedIndex([30, 45, 25], using: &rng)]
            var approvals = draw(profile.approvalShares, as: Approvals.self, using: &rng)
            approvals.formUnion(.shortTerm)
            let range = ageRange(AgeRangeWeight.countyMix, using: &rng)
            var skills = draw(profile.skillShares.mapValues { min(1, $0 * 1.5) }, as: Skills.self, using: &rng)
            if range.lowerBound >= 11 { skills.formUnion(.teenagers) }
            return Household(
                id: HouseholdID("IFA" + pad(index + 1, 4)), provider: .ifa, location: location, district: district(of: location),
                places: places, occupied: 0, ageRange: range, approvals: approvals, skills: skills, status: .available,
                ethnicity: ethnicity(using: &rng), language: "English", weeklyCost: profile.ifaWeeklyCost)
        }
    }

    // MARK: children in care

    func childrenInCare(using rng: inout some RandomNumberGenerator) -> [ChildInCare] {
        let total = profile.childrenInCare
        let bandKeys = AgeBand.allCases.map(\.key)
        let bandCounts = CountyGenerator.apportion(total, weights: profile.ageBandWeights, order: bandKeys)
        var ages: [Int] = []
        for band in AgeBand.allCases {
            for _ in 0..<bandCounts[band.key]! { ages.append(shape.drawAge(in: band, using: &rng)) }
        }
        ages.shuffle(using: &rng)
        let types = assignPlacementTypes(ages: ages, using: &rng)
        var result: [ChildInCare] = []
        result.reserveCapacity(total)
        for (index, age) in ages.enumerated() {
            let (district, home) = pointInDistrict(weightedBy: { $0.childShare }, using: &rng)
            let months = shape.drawMonthsInCare(age: age, using: &rng)
            // Entered `months` (+ half a month) ago at an age whose whole years are these.
            let entryAge = min(age, max(0, Int((Double(age) + 0.5 - (Double(months) + 0.5) / 12).rounded(.down))))
            var needs = draw(profile.needShares.filter { $0.key != "uasc" && $0.key != "solo" }, as: Needs.self, using: &rng)
            if age < 10 { needs.remove(.exploitationRisk) }
            let sex: Sex = Draw.bernoulli(profile.maleShare, using: &rng) ? .male : .female
            let child = Child(
                id: ChildID("CIC" + pad(index + 1, 5)), age: age, sex: sex, home: home, district: district,
                placement: types[index] == .inHouseFoster || types[index] == .ifaFoster ? .longTerm : .shortTerm,
                needs: needs, ethnicity: ethnicity(using: &rng), language: "English")
            result.append(ChildInCare(child: child, ageAtEntry: entryAge, monthsInCare: months, placement: types[index], household: nil, placementLocation: home))
        }
        markUASC(&result, using: &rng)
        return result
    }

    /// Placement types in the profile's exact numbers, given to children of fitting ages.
    func assignPlacementTypes(ages: [Int], using rng: inout some RandomNumberGenerator) -> [PlacementType] {
        let counts = CountyGenerator.apportion(ages.count, weights: profile.placementWeights, order: PlacementType.allCases.map(\.rawValue))
        var types = [PlacementType?](repeating: nil, count: ages.count)
        var free = Array(ages.indices)
        free.shuffle(using: &rng)
        // Age-restricted types first, each taking the best-fitting free children.
        let restricted: [(PlacementType, (Int) -> Int)] = [
            (.supported, { $0 >= 16 ? 0 : ($0 == 15 ? 1 : 9) }),
            (.adoption, { $0 <= 4 ? ($0 >= 1 ? 0 : 1) : ($0 <= 7 ? 2 : 9) }),
            (.residential, { $0 >= 12 ? 0 : ($0 >= 9 ? 1 : 5) }),
        ]
        for (type, rank) in restricted {
            let wanted = counts[type.rawValue] ?? 0
            let chosen = free.enumerated().sorted { rank(ages[$0.element]) != rank(ages[$1.element]) ? rank(ages[$0.element]) < rank(ages[$1.element]) : $0.offset < $1.offset }.prefix(wanted).map(\.element)
            for index in chosen { types[index] = type }
            let taken = Set(chosen)
            free.removeAll { taken.contains($0) }
        }
        var rest: [PlacementType] = []
        for type in PlacementType.allCases where !restricted.contains(where: { $0.0 == type }) {
            rest += Array(repeating: type, count: counts[type.rawValue] ?? 0)
        }
        rest.shuffle(using: &rng)
        for (index, type) in zip(free, rest) { types[index] = type }
        return types.map { $0 ?? .other }
    }

    /// Unaccompanied asylum-seeking children: older teenagers, mostly boys, from outside.
    func markUASC(_ children: inout [ChildInCare], using rng: inout some RandomNumberGenerator) {
        let wanted = Int((Double(children.count) * (profile.needShares["uasc"] ?? 0)).rounded())
        var candidates = children.indices.filter { children[$0].child.age >= 14 && children[$0].placement != .kinship && children[$0].placement != .withParents && children[$0].placement != .adoption }
        candidates.shuffle(using: &rng)
        for index in candidates.prefix(wanted) {
            children[index].child.needs.formUnion(.uasc)
            children[index].child.sex = Draw.bernoulli(0.92, using: &rng) ? .male : .female
            children[index].child.language = ["Arabic", "Pashto", "Tigrinya", "Kurdish", "Dari"][Draw.integer(in: 0...4, using: &rng)]
            children[index].child.ethnicity = ["AOTH", "OOTH", "BAFR"][Draw.integer(in: 0...2, using: &rng)]
            children[index].ageAtEntry = max(children[index].ageAtEntry, 14)
            children[index].monthsInCare = min(children[index].monthsInCare, (children[index].child.age - 14) * 12 + 11)
        }
    }

    /// Which children live over 20 miles from home: in each placement type the profile's share
    /// of its children, rounded (so the county's total is the published share, not a random
    /// number around it), chosen at random.
    func farFromHome(_ children: [ChildInCare], using rng: inout some RandomNumberGenerator) -> [Bool] {
        var far = [Bool](repeating: false, count: children.count)
        for type in PlacementType.allCases {
            var members = children.indices.filter { children[$0].placement == type }
            let wanted = Int((Double(members.count) * (profile.over20MilesShare[type.rawValue] ?? 0)).rounded())
            members.shuffle(using: &rng)
            for index in members.prefix(min(wanted, members.count)) { far[index] = true }
        }
        return far
    }

    /// Where a child not in foster care lives: near home, or over 20 miles away when `far`.
    func placementLocation(for child: ChildInCare, far: Bool, using rng: inout some RandomNumberGenerator) -> Location {
        let miles = far ? 20.5 + 60 * rng.nextUnit() : 19.5 * rng.nextUnit().squareRoot()
        return child.child.home.offset(miles: miles, bearingDegrees: 360 * rng.nextUnit())
    }

    // MARK: fostered children into households

    /// Gives each in-house or IFA fostered child a household of that provider with a free place,
    /// preferring an approved age range that fits, near home (within 20 miles) or, when `far`,
    /// over 20 miles from home. Brothers and sisters living together (`livesWithSiblings`) are
    /// placed first, all in one household with room for them (the eldest's age decides the fit);
    /// a group no household can take lives apart instead.
    ///
    /// Near households come from a spatial grid; far ones by sampling open households at random.
    /// - Complexity: about O(c·k + h) for c fostered children and k households near each home.
    func placeFostered(_ children: inout [ChildInCare], far: [Bool], in households: inout [Household], using rng: inout some RandomNumberGenerator) {
        for provider in Provider.allCases {
            var grid = FreePlaceGrid(referenceLatitude: centre.latitude)
            var open: [Int] = []  // households with a free place; swap-removed when full
            var position: [Int: Int] = [:]
            // Each household's location and the cosine of its latitude, read once: the distance
            // from a home is measured to every household near it (`Location.distanceMiles`,
            // the same number to the bit as measuring from the household's location).
            let locations = households.map(\.location)
            let cosLatitudes = locations.map(\.cosLatitude)
            for index in households.indices where households[index].provider == provider && households[index].occupied < households[index].places {
                grid.insert(index, at: households[index].location)
                position[index] = open.count
                open.append(index)
            }
            let type: PlacementType = provider == .inHouse ? .inHouseFoster : .ifaFoster
            // Units: each group living together, then everyone else one by one.
            var groupUnits: [GroupID: [Int]] = [:]
            var groupOrder: [GroupID] = []
            var singles: [[Int]] = []
            for index in children.indices where children[index].placement == type {
                if children[index].livesWithSiblings, let group = children[index].child.groupID {
                    if groupUnits[group] == nil { groupOrder.append(group) }
                    groupUnits[group, default: []].append(index)
                } else {
                    singles.append([index])
                }
            }
            var units = groupOrder.map { groupUnits[$0]! }
            units += singles
            var unitIndex = 0
            while unitIndex < units.count {
                let unit = units[unitIndex]
                unitIndex += 1
                guard !open.isEmpty else { break }  // more fostered children than places: left unhoused
                let size = unit.count
                let lead = unit.max { children[$0].child.age < children[$1].child.age }!
                let age = children[lead].child.age
                let home = children[lead].child.home
                func roomy(_ h: Int) -> Bool { households[h].places - households[h].occupied >= size }
                let homeCosLatitude = home.cosLatitude
                func miles(_ h: Int) -> Double {
                    locations[h].distanceMiles(to: home, cosLatitude: cosLatitudes[h], otherCosLatitude: homeCosLatitude)
                }
                var chosen: Int?
                if far[lead] {
                    chosen = sample(open, tries: 40, using: &rng) { roomy($0) && households[$0].ageRange.contains(age) && miles($0) > 20 }
                }
                if chosen == nil {
                    // The draw picks a position in the pool in index order (`selectSmallest`), so
                    // the household chosen does not depend on the order the grid lists them in.
                    let near = grid.candidates(near: home, miles: 20).filter { roomy($0) && miles($0) <= 20 }
                    let fitting = near.filter { households[$0].ageRange.contains(age) }
                    var pool = fitting.isEmpty ? near : fitting
                    if !pool.isEmpty { chosen = pool.selectSmallest(Draw.integer(in: 0...(pool.count - 1), using: &rng)) }
                }
                if chosen == nil {
                    chosen = sample(open, tries: 40, using: &rng) { roomy($0) && households[$0].ageRange.contains(age) }
                        ?? (size == 1 ? open[Draw.integer(in: 0...(open.count - 1), using: &rng)] : open.first(where: roomy))
                }
                guard let h = chosen else {
                    // No household can take the whole group: they live apart.
                    for m in unit { children[m].livesWithSiblings = false }
                    units += unit.map { [$0] }
                    continue
                }
                for m in unit {
                    let age = children[m].child.age
                    if !households[h].ageRange.contains(age) {
                        // Carers are often approved by exemption for a child outside their range.
                        households[h].ageRange = min(age, households[h].ageRange.lowerBound)...max(age, households[h].ageRange.upperBound)
                    }
                    households[h].occupied += 1
                    households[h].residentAges.append(age)
                    children[m].household = households[h].id
                    children[m].placementLocation = households[h].location
                }
                if households[h].occupied == households[h].places {
                    grid.remove(h, at: households[h].location)
                    let slot = position[h]!
                    let last = open.removeLast()
                    if last != h {
                        open[slot] = last
                        position[last] = slot
                    }
                    position[h] = nil
                }
            }
        }
    }

    /// A random member of `pool` satisfying `accept`, trying at most `tries` random picks.
    func sample(_ pool: [Int], tries: Int, using rng: inout some RandomNumberGenerator, where accept: (Int) -> Bool) -> Int? {
        guard !pool.isEmpty else { return nil }
        for _ in 0..<tries {
            let candidate = pool[Draw.integer(in: 0...(pool.count - 1), using: &rng)]
            if accept(candidate) { return candidate }
        }
        return nil
    }

    /// IFA carers also look after other councils' children: fill IFA places until the offered
    /// vacancies remain.
    func fillIFAWithOtherCouncilsChildren(_ households: inout [Household], using rng: inout some RandomNumberGenerator) {
        var open = households.indices.filter { households[$0].provider == .ifa && households[$0].occupied < households[$0].places }
        var free = open.reduce(0) { $0 + households[$1].freePlaces }
        open.shuffle(using: &rng)
        var cursor = 0
        while free > profile.ifaVacancies, !open.isEmpty {
            let index = open[cursor % open.count]
            if households[index].occupied < households[index].places {
                households[index].occupied += 1
                households[index].residentAges.append(Draw.integer(in: households[index].ageRange, using: &rng))
                free -= 1
            }
            cursor += 1
        }
    }

    /// Some carers have children of their own at home; they count as residents, not places.
    func addOwnChildren(_ households: inout [Household], using rng: inout some RandomNumberGenerator) {
        for index in households.indices where Draw.bernoulli(profile.ownChildrenShare, using: &rng) {
            for _ in 0..<Draw.integer(in: 1...2, using: &rng) {
                households[index].residentAges.append(Draw.integer(in: 0...17, using: &rng))
            }
            households[index].residentAges.sort()
        }
        for index in households.indices { households[index].residentAges.sort() }
    }

    // MARK: referrals

    /// A family-finding meeting's list: single children and groups of brothers and sisters.
    func referrals(using rng: inout some RandomNumberGenerator) -> [Child] {
        var children: [Child] = []
        var groupNumber = 0
        let requestKeys = PlacementRequest.allCases.map(\.rawValue)
        while children.count < profile.referrals {
            let remaining = profile.referrals - children.count
            let request = PlacementRequest(rawValue: requestKeys[Draw.weightedIndex(requestKeys.map { profile.requestWeights[$0] ?? 0 }, using: &rng)])!
            var size = 1
            // A parent-and-child placement is for a young parent in care (with their baby, who
            // is not looked after): always one child aged 15-17.
            if request != .parentAndChild && remaining >= 2 && Draw.bernoulli(profile.siblingReferralShare, using: &rng) {
                size = min(remaining, 2 + Draw.weightedIndex(profile.siblingGroupSizeWeights, using: &rng))
            }
            let (district, home) = pointInDistrict(weightedBy: { $0.childShare }, using: &rng)
            let ethnicity = ethnicity(using: &rng)
            let waiting = request == .emergency ? Draw.integer(in: 0...1, using: &rng) : Int(Draw.exponential(mean: profile.meanDaysWaiting, using: &rng))
            var groupID: GroupID?
            if size > 1 {
                groupNumber += 1
                groupID = GroupID("G" + pad(groupNumber, 3))
            }
            let eldest = request == .parentAndChild ? Draw.integer(in: 15...17, using: &rng) : max(entryAge(using: &rng), size - 1)
            let maySplit = size >= 3 && Draw.bernoulli(0.3, using: &rng)
            let school = home.offset(miles: 2.5 * rng.nextUnit(), bearingDegrees: 360 * rng.nextUnit())
            var age = eldest
            for k in 0..<size {
                if k > 0 { age = max(0, age - Draw.integer(in: 1...3, using: &rng)) }
                var needs = draw(profile.needShares.filter { $0.key != "uasc" && $0.key != "solo" }, as: Needs.self, using: &rng)
                if age < 10 { needs.remove(.exploitationRisk) }
                var language = "English"
                var childEthnicity = ethnicity
                var sex: Sex = Draw.bernoulli(request == .parentAndChild ? 0.1 : profile.maleShare, using: &rng) ? .male : .female
                if size == 1 && age >= 14 && Draw.bernoulli((profile.needShares["uasc"] ?? 0) * 2, using: &rng) {
                    needs.formUnion(.uasc)
                    sex = .male
                    language = ["Arabic", "Pashto", "Tigrinya", "Kurdish", "Dari"][Draw.integer(in: 0...4, using: &rng)]
                    childEthnicity = "AOTH"
                }
                if size == 1 && Draw.bernoulli(profile.needShares["solo"] ?? 0, using: &rng) { needs.formUnion(.solo) }
                if request == .parentAndChild && k == 0 { needs.remove(.solo) }
                children.append(
                    Child(
                        id: ChildID("R" + pad(children.count + 1, 4)), groupID: groupID, age: age, sex: sex, home: home,
                        school: age >= 4 && !needs.contains(.uasc) ? school : nil, district: district, placement: request,
                        needs: needs, ethnicity: childEthnicity, language: language, daysWaiting: waiting, maySplit: maySplit))
            }
        }
        return children
    }

    func entryAge(using rng: inout some RandomNumberGenerator) -> Int {
        let bands = AgeBand.allCases
        let band = bands[Draw.weightedIndex(bands.map { profile.entryAgeBandWeights[$0.key] ?? 0 }, using: &rng)]
        return Draw.integer(in: band.ages, using: &rng)
    }
}

/// `n` as decimal text with leading zeros to at least `width` digits.
func pad(_ n: Int, _ width: Int) -> String {
    let text = String(n)
    return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
}
