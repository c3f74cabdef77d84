import CareModel
import Dispatch

/// The fast scoring kernel: feasibility and score for one unit against many households.
///
/// ## Design note
/// Households are structure-of-arrays columns (`HouseholdColumns`), units are rows of
/// precomputed constants (`UnitRow`). For each pair the cheap integer rules run first
/// (places and availability, age range, approval, required skills, solo, exploitation gap),
/// then the squared projected distance is compared with the squared limit, and only then are
/// the soft criteria computed (one square root for home distance, one for school). The
/// result is the unrounded score, or -1 for an infeasible pair. It agrees with the reference
/// evaluator `Matcher.evaluate` up to its rounding of each criterion to 0.01 points and the
/// projection's distance error (tested on random pairs).
package enum ScoringKernel {
    /// The score marking an infeasible pair.
    package static let infeasible = -1.0

    /// The vector instructions the kernel was compiled for (see `vectorSettings` in
    /// Package.swift): "AVX-512" or "AVX2" in release builds on such an x86-64 Linux machine,
    /// else "baseline" (SSE2 on x86-64, NEON on arm64). The scores are the same bits either way.
    package static var instructionSet: String {
        #if HEARTH_AVX512
        "AVX-512"
        #elseif HEARTH_AVX2
        "AVX2"
        #else
        "baseline"
        #endif
    }

    /// The scalar kernel, one pair at a time: the readable statement of what the vectorised
    /// `scoreRow` computes, and its tail loop. Writes `range.count` values to `out`.
    /// - Complexity: O(range.count), no allocation, no trigonometry.
    @inlinable
    package static func scoreRowScalar(
        _ unit: UnitRow, _ h: HouseholdColumnsView, range: Range<Int>,
        constants k: KernelConstants, into out: UnsafeMutablePointer<Double>
    ) {
        let size = unit.size, uMin = unit.minAge, uMax = unit.maxAge
        let approval = unit.approval, required = unit.requiredSkills
        let solo = unit.solo, youngestAllowed = unit.youngestAllowed
        let lat0 = unit.latitude, lon0 = unit.longitude, cA = unit.cosA, cB = unit.cosB
        let maxD2 = k.maxDistanceSquared
        let R = Location.earthRadiusMiles
        let w = k.w
        let near = k.policy.nearDistanceMiles
        let span = max(k.policy.maxDistanceMiles - near - 1, 1)
        let schoolNear = k.policy.schoolNearMiles
        let schoolSpan = max(k.policy.schoolFarMiles - schoolNear, 1e-9)
        let ageSpan = k.policy.ageFitSpanYears
        let constantPoints = unit.constantPoints
        let invWanted = 1 / Double(max(unit.wantedCount, 1))
        let nearSlope = 0.2 / near, invSpan = 1 / span, invSchoolSpan = 1 / schoolSpan, invAgeSpan = 1 / ageSpan
        var o = 0
        for i in range {
            defer { o += 1 }
            let placesOK: Bool = h.free[i] >= size
            let agesOK: Bool = h.minAge[i] <= uMin && h.maxAge[i] >= uMax
            let approvalOK: Bool = (h.approvals[i] & approval) != 0
            let skillsOK: Bool = (h.skills[i] & required) == required
            let soloOK: Bool = !solo || h.occupied[i] == 0
            let residentsOK: Bool = h.youngestResident[i] >= youngestAllowed && uMin >= h.youngestNewAllowed[i]
            if !(placesOK && agesOK && approvalOK && skillsOK && soloOK && residentsOK) {
                out[o] = infeasible
                continue
            }
            let phi = h.latitude[i]
            let dPhi = phi - lat0
            let dLambda = (h.longitude[i] - lon0) * (cA + cB * phi)
            let d2 = dLambda * dLambda + dPhi * dPhi
            if d2 > maxD2 { out[o] = infeasible; continue }
            let miles = R * d2.squareRoot()
            var score = constantPoints
            score += w.distanceFromHome
                * (miles <= near ? 1 - miles * nearSlope
                    : miles - near <= 1 ? 0.8 - 0.4 * (miles - near) : 0.4 * max(0, 1 - (miles - near - 1) * invSpan))
            let hd = h.district[i]
            score += w.sameDistrict * (unit.district == 0 || hd == 0 ? 0.5 : (unit.district == hd ? 1 : 0))
            if unit.hasSchool {
                let sPhi = phi - unit.schoolLatitude
                let sLambda = (h.longitude[i] - unit.schoolLongitude) * (unit.schoolCosA + unit.schoolCosB * phi)
                let schoolMiles = R * (sLambda * sLambda + sPhi * sPhi).squareRoot()
                score += w.sameSchool * (schoolMiles <= schoolNear ? 1 : max(0, 1 - (schoolMiles - schoolNear) * invSchoolSpan))
            } else {
                score += w.sameSchool * 0.5
            }
            score += w.ageFit
                * (h.ageFitNeutral[i] != 0 ? 0.5 : max(0, 1 - abs(unit.meanAge - h.residentMeanAge[i]) * invAgeSpan))
            let he = h.ethnicity[i]
            let eth: Double = unit.ethnicity == 0 || he == 0 ? 0.5
                : (unit.ethnicity == he ? 1 : (unit.ethnicGroup == h.ethnicGroup[i] ? 0.5 : 0))
            let hl = h.language[i]
            let lang: Double = unit.language == 0 || hl == 0 ? 0.5 : (unit.language == hl ? 1 : 0)
            score += w.cultureLanguage * (0.6 * eth + 0.4 * lang)
            score += w.extraSkills
                * (unit.wantedCount == 0 ? 0.5 : Double((h.skills[i] & unit.wantedSkills).nonzeroBitCount) * invWanted)
            score += w.inHouse * h.inHouse[i]
            score += w.approvalFit * (h.longTerm[i] != 0 ? unit.approvalFitLongTerm : 1)
            if unit.isSplitPart { score -= min(k.policy.splitPenalty, score) }
            out[o] = score
        }
    }
}

/// A pointer that may cross into `concurrentPerform` workers, each writing its own rows.
package struct UnsafeSendablePointer<T>: @unchecked Sendable {
    package let base: UnsafeMutablePointer<T>
    package init(_ base: UnsafeMutablePointer<T>) { self.base = base }
}

/// Raw pointers to the household columns, valid inside `HouseholdColumns.withView`.
package struct HouseholdColumnsView: @unchecked Sendable {
    package let latitude, longitude, residentMeanAge, ageFitNeutral, inHouse, longTerm: UnsafePointer<Double>
    package let free, places, minAge, maxAge, approvals, skills, occupied, youngestResident, youngestNewAllowed: UnsafePointer<Int32>
    package let district, ethnicity, ethnicGroup, language: UnsafePointer<Int32>

    @usableFromInline
    init(
        latitude: UnsafePointer<Double>, longitude: UnsafePointer<Double>, residentMeanAge: UnsafePointer<Double>,
        ageFitNeutral: UnsafePointer<Double>, inHouse: UnsafePointer<Double>, longTerm: UnsafePointer<Double>,
        free: UnsafePointer<Int32>, places: UnsafePointer<Int32>, minAge: UnsafePointer<Int32>, maxAge: UnsafePointer<Int32>,
        approvals: UnsafePointer<Int32>, skills: UnsafePointer<Int32>, occupied: UnsafePointer<Int32>,
        youngestResident: UnsafePointer<Int32>, youngestNewAllowed: UnsafePointer<Int32>, district: UnsafePointer<Int32>,
        ethnicity: UnsafePointer<Int32>, ethnicGroup: UnsafePointer<Int32>, language: UnsafePointer<Int32>
    ) {
        self.latitude = latitude; self.longitude = longitude; self.residentMeanAge = residentMeanAge
        self.ageFitNeutral = ageFitNeutral; self.inHouse = inHouse; self.longTerm = longTerm
        self.free = free; self.places = places; self.minAge = minAge; self.maxAge = maxAge
        self.approvals = approvals; self.skills = skills; self.occupied = occupied
        self.youngestResident = youngestResident; self.youngestNewAllowed = youngestNewAllowed; self.district = district
        self.ethnicity = ethnicity; self.ethnicGroup = ethnicGroup; self.language = language
    }
}

extension HouseholdColumns {
    /// Calls `body` with raw pointers to every column.
    ///
    /// `@inlinable` so that callers in other modules (the simulator's inner loop) get the 19
    /// nested closures specialised and inlined away instead of calling them one by one.
    @inlinable
    package func withView<R>(_ body: (HouseholdColumnsView) throws -> R) rethrows -> R {
        try latitude.withUnsafeBufferPointer { lat in
        try longitude.withUnsafeBufferPointer { lon in
        try residentMeanAge.withUnsafeBufferPointer { rma in
        try ageFitNeutral.withUnsafeBufferPointer { afn in
        try inHouse.withUnsafeBufferPointer { ih in
        try longTerm.withUnsafeBufferPointer { lt in
        try free.withUnsafeBufferPointer { fr in
        try places.withUnsafeBufferPointer { pl in
        try minAge.withUnsafeBufferPointer { mn in
        try maxAge.withUnsafeBufferPointer { mx in
        try approvals.withUnsafeBufferPointer { ap in
        try skills.withUnsafeBufferPointer { sk in
        try occupied.withUnsafeBufferPointer { oc in
        try youngestResident.withUnsafeBufferPointer { yr in
        try youngestNewAllowed.withUnsafeBufferPointer { yn in
        try district.withUnsafeBufferPointer { di in
        try ethnicity.withUnsafeBufferPointer { et in
        try ethnicGroup.withUnsafeBufferPointer { eg in
        try language.withUnsafeBufferPointer { la in
            try body(HouseholdColumnsView(
                latitude: lat.baseAddress!, longitude: lon.baseAddress!, residentMeanAge: rma.baseAddress!,
                ageFitNeutral: afn.baseAddress!, inHouse: ih.baseAddress!, longTerm: lt.baseAddress!,
                free: fr.baseAddress!, places: pl.baseAddress!, minAge: mn.baseAddress!, maxAge: mx.baseAddress!,
                approvals: ap.baseAddress!, skills: sk.baseAddress!, occupied: oc.baseAddress!,
                youngestResident: yr.baseAddress!, youngestNewAllowed: yn.baseAddress!, district: di.baseAddress!, ethnicity: et.baseAddress!,
                ethnicGroup: eg.baseAddress!, language: la.baseAddress!))
        }}}}}}}}}}}}}}}}}}}
    }
}

extension ScoringKernel {
    /// How many hard rules household `i` fails for `unit` (0 = feasible), how many free places
    /// it is short (0 when enough), and the projected miles; used to find near misses quickly.
    @inlinable
    package static func failures(_ unit: UnitRow, _ h: HouseholdColumnsView, _ i: Int, constants k: KernelConstants) -> (count: Int, placesShort: Int, miles: Double) {
        var n = 0
        if h.free[i] < 0 { n += 1 }  // on hold
        if h.places[i] < unit.size { n += 1 }
        if !(h.minAge[i] <= unit.minAge && h.maxAge[i] >= unit.maxAge) { n += 1 }
        if (h.approvals[i] & unit.approval) == 0 { n += 1 }
        if (h.skills[i] & unit.requiredSkills) != unit.requiredSkills { n += 1 }
        if unit.solo && h.occupied[i] != 0 { n += 1 }
        if h.youngestResident[i] < unit.youngestAllowed || unit.minAge < h.youngestNewAllowed[i] { n += 1 }
        let phi = h.latitude[i]
        let dPhi = phi - unit.latitude
        let dLambda = (h.longitude[i] - unit.longitude) * (unit.cosA + unit.cosB * phi)
        let d2 = dLambda * dLambda + dPhi * dPhi
        if d2 > k.maxDistanceSquared { n += 1 }
        return (n, Int(max(0, unit.size - h.places[i])), Location.earthRadiusMiles * d2.squareRoot())
    }
}
