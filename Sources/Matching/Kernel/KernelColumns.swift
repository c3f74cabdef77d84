#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CareModel

/// Interns free-text codes (districts, ethnicity, language) as small integers, 0 = blank, so the
/// kernel compares integers. Ethnicity major groups are the first letter of the code.
///
/// Lookups are remembered as given (every text seen, before lowercasing), so a text seen before
/// costs one hash and no lowercasing; the last text looked up, and the last group's letter, cost
/// a comparison when asked for again at once.
package struct CodeBook: Sendable {
    /// Codes by lowercased text: what decides a code.
    private var codes: [String: Int32] = [:]
    /// Codes by text as given (a cache of `codes`).
    private var asGiven: [String: Int32] = [:]
    /// The last text looked up and its code.
    private var lastText = "", lastCode: Int32 = 0
    /// The last group looked up (first letter) and its code.
    private var lastGroup: Character? = nil, lastGroupCode: Int32 = 0
    package init() {}

    /// The code of `text` (case-insensitive), 0 for nil or blank.
    package mutating func code(_ text: String?) -> Int32 {
        guard let text, !text.isEmpty else { return 0 }
        if text == lastText { return lastCode }
        let c: Int32
        if let known = asGiven[text] {
            c = known
        } else {
            let key = text.lowercased()
            if let known = codes[key] {
                c = known
            } else {
                c = Int32(codes.count + 1)
                codes[key] = c
            }
            asGiven[text] = c
        }
        lastText = text
        lastCode = c
        return c
    }

    /// The code of the first letter (the SSDA903 major ethnic group), 0 when blank.
    package mutating func groupCode(_ text: String?) -> Int32 {
        guard let first = text?.first else { return 0 }
        if first == lastGroup { return lastGroupCode }
        let c = code("#" + String(first))
        lastGroup = first
        lastGroupCode = c
        return c
    }
}

/// Households as structure-of-arrays columns for the scoring kernel.
///
/// Coordinates are radians; the kernel measures distance by the equirectangular projection at
/// the pair's mean latitude, with cos(mean latitude) taken from a first-order expansion around
/// the unit's latitude, so there is no trigonometry per pair. Relative error against the
/// haversine distance is below 0.02% at 50 miles.
///
/// With `keepsRecords`, every row is also kept as one record (`records`, `HouseholdRecord`),
/// for reads of a few rows scattered through the columns (the simulator's searches); every
/// change goes through the methods below, which keep the two equal.
package struct HouseholdColumns: Sendable {
    package private(set) var count: Int
    package private(set) var latitude: [Double]
    package private(set) var longitude: [Double]
    /// Free places, or -1 when on hold (so `free >= size` also checks availability).
    package private(set) var free: [Int32]
    /// Free places whether or not on hold (for near misses).
    package private(set) var places: [Int32]
    package private(set) var minAge: [Int32]
    package private(set) var maxAge: [Int32]
    package private(set) var approvals: [Int32]
    package private(set) var skills: [Int32]
    package private(set) var occupied: [Int32]
    /// Age of the youngest resident, `Int32.max` when nobody lives there.
    package private(set) var youngestResident: [Int32]
    /// New children younger than this may not join (a resident at risk of exploitation placed
    /// earlier in the plan); `Int32.min` when there is none.
    package private(set) var youngestNewAllowed: [Int32]
    package private(set) var district: [Int32]
    package private(set) var ethnicity: [Int32]
    package private(set) var ethnicGroup: [Int32]
    package private(set) var language: [Int32]
    /// Mean resident age; `ageFitNeutral` is 1 where there are no residents (then fit 0.5).
    package private(set) var residentMeanAge: [Double]
    package private(set) var ageFitNeutral: [Double]
    /// 1 for in-house carers, 0 for IFA.
    package private(set) var inHouse: [Double]
    /// 1 where approved for long-term placements.
    package private(set) var longTerm: [Double]

    /// Rows for `households`, in order.
    /// - Complexity: O(households), a code-book lookup per text fact (`CodeBook`).
    package init(_ households: [Household], codes: inout CodeBook, keepsRecords: Bool = false) {
        self.keepsRecords = keepsRecords
        count = 0
        latitude = []
        longitude = []
        free = []
        places = []
        minAge = []
        maxAge = []
        approvals = []
        skills = []
        occupied = []
        youngestResident = []
        youngestNewAllowed = []
        district = []
        ethnicity = []
        ethnicGroup = []
        language = []
        residentMeanAge = []
        ageFitNeutral = []
        inHouse = []
        longTerm = []
        residentCounts = []
        reserveCapacity(households.count)
        // One pass, each household read in place (a `map` per column copied every household,
        // with its strings and arrays, once per column).
        for h in households.indices {
            append(households[h], codes: &codes)
        }
    }

    /// Adds a row for `household` at the end, with the definitions of `init` (as if it had
    /// been in the array `init` was given).
    /// - Complexity: O(1) amortised.
    package mutating func append(_ household: Household, codes: inout CodeBook) {
        append(
            household,
            rowCodes: RowCodes(
                district: codes.code(household.district), ethnicity: codes.code(household.ethnicity),
                ethnicGroup: codes.groupCode(household.ethnicity), language: codes.code(household.language)))
    }

    /// A row's codes for its text facts (`CodeBook`): district, ethnicity, ethnic group, language.
    package struct RowCodes: Sendable, Equatable {
        package var district, ethnicity, ethnicGroup, language: Int32
        package init(district: Int32, ethnicity: Int32, ethnicGroup: Int32, language: Int32) {
            self.district = district
            self.ethnicity = ethnicity
            self.ethnicGroup = ethnicGroup
            self.language = language
        }
    }

    /// Row `h`'s codes.
    package func rowCodes(_ h: Int) -> RowCodes {
        RowCodes(district: district[h], ethnicity: ethnicity[h], ethnicGroup: ethnicGroup[h], language: language[h])
    }

    /// Adds a row for `household` at the end, as `append(_:codes:)` does, with its text facts'
    /// codes already looked up (`rowCodes`: those the code book gives the household's district,
    /// ethnicity and language), so no text is looked up.
    /// - Complexity: O(1) amortised.
    package mutating func append(_ household: Household, rowCodes: RowCodes) {
        let rad = Double.pi / 180
        count += 1
        latitude.append(household.location.latitude * rad)
        longitude.append(household.location.longitude * rad)
        free.append(household.status == .available ? Int32(household.freePlaces) : -1)
        places.append(Int32(household.freePlaces))
        minAge.append(Int32(household.ageRange.lowerBound))
        maxAge.append(Int32(household.ageRange.upperBound))
        approvals.append(Int32(household.approvals.rawValue))
        skills.append(Int32(household.skills.rawValue))
        occupied.append(Int32(household.occupied))
        youngestResident.append(household.residentAges.min().map(Int32.init) ?? Int32.max)
        youngestNewAllowed.append(Int32.min)
        district.append(rowCodes.district)
        ethnicity.append(rowCodes.ethnicity)
        ethnicGroup.append(rowCodes.ethnicGroup)
        language.append(rowCodes.language)
        let ages = household.residentAges
        residentMeanAge.append(ages.isEmpty ? 0 : Double(ages.reduce(0, +)) / Double(ages.count))
        ageFitNeutral.append(ages.isEmpty ? 1 : 0)
        inHouse.append(household.provider == .inHouse ? 1 : 0)
        longTerm.append(household.approvals.contains(.longTerm) ? 1 : 0)
        residentCounts.append(Int32(ages.count))
        if keepsRecords { records.append(HouseholdRecord(row: count - 1, of: self)) }
    }

    /// Makes room in every column for `total` rows, so appending up to that many moves no
    /// column (and a column shared with a copy is copied once, here).
    /// - Complexity: O(columns x total).
    package mutating func reserveCapacity(_ total: Int) {
        latitude.reserveCapacity(total)
        longitude.reserveCapacity(total)
        free.reserveCapacity(total)
        places.reserveCapacity(total)
        minAge.reserveCapacity(total)
        maxAge.reserveCapacity(total)
        approvals.reserveCapacity(total)
        skills.reserveCapacity(total)
        occupied.reserveCapacity(total)
        youngestResident.reserveCapacity(total)
        youngestNewAllowed.reserveCapacity(total)
        district.reserveCapacity(total)
        ethnicity.reserveCapacity(total)
        ethnicGroup.reserveCapacity(total)
        language.reserveCapacity(total)
        residentMeanAge.reserveCapacity(total)
        ageFitNeutral.reserveCapacity(total)
        inHouse.reserveCapacity(total)
        longTerm.reserveCapacity(total)
        residentCounts.reserveCapacity(total)
        if keepsRecords { records.reserveCapacity(total) }
    }

    /// The rows `indices` of `columns`, in that order (a household's row as it is there).
    /// - Complexity: O(indices.count x columns).
    package init(rows indices: [Int], of columns: HouseholdColumns) {
        count = indices.count
        latitude = indices.map { columns.latitude[$0] }
        longitude = indices.map { columns.longitude[$0] }
        free = indices.map { columns.free[$0] }
        places = indices.map { columns.places[$0] }
        minAge = indices.map { columns.minAge[$0] }
        maxAge = indices.map { columns.maxAge[$0] }
        approvals = indices.map { columns.approvals[$0] }
        skills = indices.map { columns.skills[$0] }
        occupied = indices.map { columns.occupied[$0] }
        youngestResident = indices.map { columns.youngestResident[$0] }
        youngestNewAllowed = indices.map { columns.youngestNewAllowed[$0] }
        district = indices.map { columns.district[$0] }
        ethnicity = indices.map { columns.ethnicity[$0] }
        ethnicGroup = indices.map { columns.ethnicGroup[$0] }
        language = indices.map { columns.language[$0] }
        residentMeanAge = indices.map { columns.residentMeanAge[$0] }
        ageFitNeutral = indices.map { columns.ageFitNeutral[$0] }
        inHouse = indices.map { columns.inHouse[$0] }
        longTerm = indices.map { columns.longTerm[$0] }
        residentCounts = indices.map { columns.residentCounts[$0] }
        keepsRecords = columns.keepsRecords
        records = keepsRecords ? indices.map { columns.records[$0] } : []
    }

    /// Rewrites the columns of row `h` that follow occupancy and status, with the definitions
    /// of `init` for a household that is `available` (else on hold) with `freePlaces` free
    /// places, `occupied` places taken and residents of ages summing to `residentAgeSum`
    /// (`residentCount` of them, the youngest `youngestResident`).
    package mutating func setOccupancy(
        at h: Int, available: Bool, freePlaces: Int, occupied: Int, residentCount: Int, residentAgeSum: Int,
        youngestResident: Int?
    ) {
        free[h] = available ? Int32(freePlaces) : -1
        places[h] = Int32(freePlaces)
        self.occupied[h] = Int32(occupied)
        self.youngestResident[h] = youngestResident.map(Int32.init) ?? Int32.max
        residentMeanAge[h] = residentCount == 0 ? 0 : Double(residentAgeSum) / Double(residentCount)
        ageFitNeutral[h] = residentCount == 0 ? 1 : 0
        residentCounts[h] = Int32(residentCount)
        copyOccupancyToRecord(h)
    }

    /// Copies row `h`'s columns that follow occupancy and placements into `records[h]` (the
    /// record's other fields never change).
    /// - Complexity: O(1).
    private mutating func copyOccupancyToRecord(_ h: Int) {
        guard keepsRecords else { return }
        records[h].free = free[h]
        records[h].places = places[h]
        records[h].occupied = occupied[h]
        records[h].youngestResident = youngestResident[h]
        records[h].youngestNewAllowed = youngestNewAllowed[h]
        records[h].residentMeanAge = residentMeanAge[h]
        records[h].ageFitNeutral = ageFitNeutral[h]
    }

    /// Changes row `h` through its record: `change` edits a copy of row `h` as a record, which
    /// is then written to every column and, with `keepsRecords`, to `records[h]` (for tests that
    /// set up rows fact by fact).
    /// - Complexity: O(1).
    package mutating func updateRow(_ h: Int, _ change: (inout HouseholdRecord) -> Void) {
        var row = HouseholdRecord(row: h, of: self)
        change(&row)
        if keepsRecords { records[h] = row }
        latitude[h] = row.latitude
        longitude[h] = row.longitude
        residentMeanAge[h] = row.residentMeanAge
        ageFitNeutral[h] = row.ageFitNeutral
        inHouse[h] = row.inHouse
        longTerm[h] = row.longTerm
        free[h] = row.free
        places[h] = row.places
        minAge[h] = row.minAge
        maxAge[h] = row.maxAge
        approvals[h] = row.approvals
        skills[h] = row.skills
        occupied[h] = row.occupied
        youngestResident[h] = row.youngestResident
        youngestNewAllowed[h] = row.youngestNewAllowed
        district[h] = row.district
        ethnicity[h] = row.ethnicity
        ethnicGroup[h] = row.ethnicGroup
        language[h] = row.language
    }

    /// Whether every record equals its row of the columns, or there are none without
    /// `keepsRecords` (`records`' invariant, for tests).
    /// - Complexity: O(rows).
    package var recordsAgree: Bool {
        guard keepsRecords else { return records.isEmpty }
        return records.count == count && records.indices.allSatisfy { records[$0] == HouseholdRecord(row: $0, of: self) }
    }

    /// Records that `group` moved into household `h` (fewer free places, new residents, and
    /// for a child at risk of exploitation, no much younger children after them).
    package mutating func place(_ group: SiblingGroup, at h: Int, exploitationAgeGap: Int) {
        for child in group.children where child.needs.contains(.exploitationRisk) {
            youngestNewAllowed[h] = max(youngestNewAllowed[h], Int32(child.age - exploitationAgeGap))
        }
        let n = Int32(group.size)
        if free[h] >= 0 { free[h] -= n }
        places[h] = max(0, places[h] - n)
        let residents = Double(residentCounts[h])
        let added = Double(group.size)
        let sum = residentMeanAge[h] * residents + Double(group.children.reduce(0) { $0 + $1.age })
        residentCounts[h] += Int32(group.size)
        residentMeanAge[h] = sum / (residents + added)
        ageFitNeutral[h] = 0
        occupied[h] += n
        youngestResident[h] = min(youngestResident[h], Int32(group.ageRange.lowerBound))
        copyOccupancyToRecord(h)
    }

    /// Takes household `h`'s remaining places out (a solo child has moved in).
    package mutating func closePlaces(at h: Int) {
        if free[h] > 0 { free[h] = 0 }
        places[h] = 0
        copyOccupancyToRecord(h)
    }

    /// How many residents each household has (for updating the mean age).
    package private(set) var residentCounts: [Int32]
    /// Each row as one record (`HouseholdRecord`): `records[h]` is row `h` of the columns, with
    /// `keepsRecords`; empty without.
    package private(set) var records: [HouseholdRecord] = []
    /// Whether `records` is kept (set when the columns are made; the row copies made from them
    /// keep it too).
    package private(set) var keepsRecords = false
}

/// One placement unit's constants for the kernel (everything that does not depend on the
/// household, computed once per row).
package struct UnitRow: Sendable {
    package var size: Int32
    package var minAge: Int32
    package var maxAge: Int32
    package var approval: Int32
    package var requiredSkills: Int32
    package var solo: Bool
    /// Residents younger than this make the pair infeasible (`Int32.min` when no risk).
    package var youngestAllowed: Int32
    package var latitude: Double
    package var longitude: Double
    /// cos(mean latitude) ~ cosA + cosB x household latitude.
    package var cosA: Double
    package var cosB: Double
    package var hasSchool: Bool
    package var schoolLatitude: Double
    package var schoolLongitude: Double
    package var schoolCosA: Double
    package var schoolCosB: Double
    package var district: Int32
    package var ethnicity: Int32
    package var ethnicGroup: Int32
    package var language: Int32
    package var meanAge: Double
    package var wantedSkills: Int32
    package var wantedCount: Int32
    /// `approval_fit` for a short request to a long-term approved household.
    package var approvalFitLongTerm: Double
    /// Points that do not depend on the household (urgency).
    package var constantPoints: Double
    /// A split part: the penalty applies.
    package var isSplitPart: Bool

    package init(_ group: SiblingGroup, policy: MatchPolicy, codes: inout CodeBook, isSplitPart: Bool = false) {
        let first = group.children[0]
        let ages = group.ageRange
        let needs = group.needs
        self.init(
            size: group.size, minAge: ages.lowerBound, maxAge: ages.upperBound,
            ageSum: group.children.reduce(0) { $0 + $1.age },
            oldestAtRisk: group.children.filter { $0.needs.contains(.exploitationRisk) }.map(\.age).max(),
            request: group.placement, daysWaiting: group.daysWaiting, home: KernelHome(first.home),
            skills: UnitSkills(needs: needs, oldestAge: ages.upperBound, policy: policy), policy: policy, isSplitPart: isSplitPart)
        let rad = Double.pi / 180
        let school = group.children.lazy.compactMap(\.school).first
        hasSchool = school != nil
        schoolLatitude = (school?.latitude ?? 0) * rad
        schoolLongitude = (school?.longitude ?? 0) * rad
        (schoolCosA, schoolCosB) = Self.cosineLine(schoolLatitude)
        district = codes.code(group.children.lazy.compactMap(\.district).first)
        let eth = group.children.lazy.compactMap(\.ethnicity).first
        ethnicity = codes.code(eth)
        ethnicGroup = codes.groupCode(eth)
        language = codes.code(group.children.lazy.compactMap(\.language).first)
    }

    /// The row of a unit whose children have no school, district, ethnicity or language
    /// recorded, from facts a caller can keep up to date without building a `SiblingGroup`
    /// (the simulator's inner loop): the same fields as `init(_:policy:codes:isSplitPart:)`
    /// gives for such a group, bit for bit (tested).
    ///
    /// - Parameters:
    ///   - ageSum: the sum of the children's ages (for the mean age).
    ///   - oldestAtRisk: the oldest age of a child at risk of exploitation, if any.
    ///   - request: the first child's placement request; `daysWaiting` the longest wait.
    ///   - home: the first child's home; `skills` from the union of the children's needs.
    /// - Complexity: O(1), no trigonometry, no allocation.
    package init(
        size: Int, minAge: Int, maxAge: Int, ageSum: Int, oldestAtRisk: Int?, request: PlacementRequest,
        daysWaiting: Int, home: KernelHome, skills: UnitSkills, policy: MatchPolicy, isSplitPart: Bool = false
    ) {
        self.size = Int32(size)
        self.minAge = Int32(minAge)
        self.maxAge = Int32(maxAge)
        approval = Int32(request.requiredApproval.rawValue)
        requiredSkills = Int32(skills.required.rawValue)
        solo = skills.solo
        youngestAllowed = oldestAtRisk.map { Int32($0 - policy.exploitationAgeGap) } ?? Int32.min
        latitude = home.latitude
        longitude = home.longitude
        cosA = home.cosA
        cosB = home.cosB
        hasSchool = false
        schoolLatitude = 0
        schoolLongitude = 0
        (schoolCosA, schoolCosB) = Self.noSchoolCosineLine
        district = 0
        ethnicity = 0
        ethnicGroup = 0
        language = 0
        meanAge = Double(ageSum) / Double(size)
        wantedSkills = Int32(skills.wanted.rawValue)
        wantedCount = Int32(skills.wanted.count)
        let short = request == .shortTerm || request == .emergency || request == .respite
        approvalFitLongTerm = short ? policy.longTermCarerForShortRequestFit : 1
        constantPoints = policy.weights.urgency
            * CriterionFit.urgency(days: daysWaiting, emergency: request == .emergency, urgentDays: policy.urgentDays)
        self.isSplitPart = isSplitPart
    }

    /// `cosineLine(0)`, the school fields of a unit without a school.
    static let noSchoolCosineLine = cosineLine(0)

    /// cos((phi + x) / 2) ~ a + b x to first order around x = phi.
    static func cosineLine(_ phi: Double) -> (Double, Double) {
        let c = cos(phi), s = sin(phi)
        return (c + s * phi / 2, -s / 2)
    }
}

/// A home in the kernel's terms: radians and the line approximating cos(mean latitude) around
/// it. Depends on the location only, so a caller can compute it once per child.
package struct KernelHome: Sendable, Equatable {
    package var latitude: Double
    package var longitude: Double
    package var cosA: Double
    package var cosB: Double

    package init(_ home: Location) {
        let rad = Double.pi / 180
        latitude = home.latitude * rad
        longitude = home.longitude * rad
        (cosA, cosB) = UnitRow.cosineLine(latitude)
    }
}

/// The skills a unit requires and welcomes under a policy, from the union of its children's
/// needs and its oldest child's age. Depends on those two facts only, so a caller may cache it.
package struct UnitSkills: Sendable, Equatable {
    package var required: Skills
    package var wanted: Skills
    /// A child who must be the only one placed.
    package var solo: Bool

    package init(needs: Needs, oldestAge: Int, policy: MatchPolicy) {
        required = policy.requiredSkills(for: needs)
        wanted = policy.wantedSkills(for: needs, oldestAge: oldestAge)
        solo = needs.contains(.solo)
    }
}

/// Per-policy constants of the kernel.
package struct KernelConstants: Sendable {
    /// The squared distance limit in radians^2 (Earth radius 1).
    package var maxDistanceSquared: Double
    package var w: MatchPolicy.Weights
    package var policy: MatchPolicy

    package init(policy: MatchPolicy) {
        let limit = policy.maxDistanceMiles / Location.earthRadiusMiles
        maxDistanceSquared = limit * limit
        w = policy.weights
        self.policy = policy
    }
}
