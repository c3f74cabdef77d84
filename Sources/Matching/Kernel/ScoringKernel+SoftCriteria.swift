import CareModel

extension ScoringKernel {
    /// `x` as doubles, lane by lane. `@_transparent`, so it is inlined wherever it is called:
    /// the optimiser left the generic SIMD conversion as a call in the matrix loop (0.029 s of
    /// CPU for the benchmark's matrix against 0.025 s inlined).
    @_transparent @usableFromInline
    static func doubles(_ x: SIMD8<Int32>) -> SIMD8<Double> {
        SIMD8(Double(x[0]), Double(x[1]), Double(x[2]), Double(x[3]), Double(x[4]), Double(x[5]), Double(x[6]), Double(x[7]))
    }

    /// One unit's soft criteria for eight households at a time: the unit's constants broadcast
    /// into lanes once per row, then `scores(_:at:d2:)` per block of eight households. Each
    /// lane does the operations of `scoreRowScalar` in the same order, so a lane's score is the
    /// scalar kernel's bit for bit.
    @usableFromInline
    struct SoftCriteria {
        @usableFromInline typealias I8 = SIMD8<Int32>
        @usableFromInline typealias D8 = SIMD8<Double>

        @usableFromInline let unit: UnitRow
        @usableFromInline let w: MatchPolicy.Weights
        @usableFromInline let near, nearSlope, invSpan, schoolNear, invSchoolSpan, invAgeSpan, invWanted, splitPenalty: Double
        @usableFromInline let uDistrict, uEth, uGroup, uLang, wanted: I8

        @inlinable @inline(__always)
        init(_ unit: UnitRow, constants k: KernelConstants) {
            self.unit = unit
            w = k.w
            near = k.policy.nearDistanceMiles
            let span = max(k.policy.maxDistanceMiles - near - 1, 1)
            schoolNear = k.policy.schoolNearMiles
            let schoolSpan = max(k.policy.schoolFarMiles - schoolNear, 1e-9)
            nearSlope = 0.2 / near
            invSpan = 1 / span
            invSchoolSpan = 1 / schoolSpan
            invAgeSpan = 1 / k.policy.ageFitSpanYears
            invWanted = 1 / Double(max(unit.wantedCount, 1))
            splitPenalty = k.policy.splitPenalty
            uDistrict = I8(repeating: unit.district)
            uEth = I8(repeating: unit.ethnicity)
            uGroup = I8(repeating: unit.ethnicGroup)
            uLang = I8(repeating: unit.language)
            wanted = I8(repeating: unit.wantedSkills)
        }

        /// The scores of households `i..<i+8` given their squared projected distances `d2`,
        /// whether or not they are feasible (the caller keeps the feasible lanes).
        /// `@_transparent`: with `@inline(__always)` the optimiser still left it as a call in
        /// the matrix loop, passing the lanes through memory (0.041 s against 0.029 s).
        /// - Complexity: O(1), two square roots at most, no branch on a lane.
        @_transparent
        func scores(_ h: HouseholdColumnsView, at i: Int, d2: D8) -> D8 {
            @inline(__always) func int8(_ p: UnsafePointer<Int32>) -> I8 {
                UnsafeRawPointer(p + i).loadUnaligned(as: I8.self)
            }
            @inline(__always) func double8(_ p: UnsafePointer<Double>) -> D8 {
                UnsafeRawPointer(p + i).loadUnaligned(as: D8.self)
            }
            let R = Location.earthRadiusMiles
            let zero = I8(repeating: 0)
            let miles: D8 = R * d2.squareRoot()
            var score = D8(repeating: unit.constantPoints)
            let inside: D8 = 1 - miles * nearSlope
            let past: D8 = miles - near
            let steep: D8 = 0.8 - 0.4 * past
            let beyond: D8 = 1 - (past - 1) * invSpan
            let outside: D8 = 0.4 * beyond.replacing(with: 0, where: beyond .< 0)
            let distanceFit = inside.replacing(with: steep, where: miles .> near).replacing(with: outside, where: past .> 1)
            score += w.distanceFromHome * distanceFit
            // District, ethnicity and language as halves (0, 1, 2) computed on integers.
            let hd = int8(h.district)
            var district2 = zero.replacing(with: 2, where: hd .== uDistrict)
            district2.replace(with: 1, where: hd .== zero)
            if unit.district == 0 { district2 = I8(repeating: 1) }
            score += w.sameDistrict * (doubles(district2) * 0.5)
            if unit.hasSchool {
                let phi = double8(h.latitude)
                let sPhi: D8 = phi - unit.schoolLatitude
                let sCos: D8 = unit.schoolCosA + unit.schoolCosB * phi
                let sLambda: D8 = (double8(h.longitude) - unit.schoolLongitude) * sCos
                let s2: D8 = sLambda * sLambda + sPhi * sPhi
                let schoolMiles: D8 = R * s2.squareRoot()
                let schoolRaw: D8 = 1 - (schoolMiles - schoolNear) * invSchoolSpan
                let fit = D8(repeating: 1).replacing(
                    with: schoolRaw.replacing(with: 0, where: schoolRaw .< 0),
                    where: schoolMiles .> schoolNear)
                score += w.sameSchool * fit
            } else {
                score += D8(repeating: w.sameSchool * 0.5)
            }
            let ageGap: D8 = D8(repeating: unit.meanAge) - double8(h.residentMeanAge)
            let absGap: D8 = ageGap.replacing(with: -ageGap, where: ageGap .< 0)
            let ageRaw: D8 = 1 - absGap * invAgeSpan
            let age: D8 = ageRaw.replacing(with: 0, where: ageRaw .< 0)
            score += w.ageFit * age.replacing(with: 0.5, where: double8(h.ageFitNeutral) .!= 0)
            let he = int8(h.ethnicity)
            var eth2 = zero.replacing(with: 1, where: int8(h.ethnicGroup) .== uGroup)
            eth2.replace(with: 2, where: he .== uEth)
            eth2.replace(with: 1, where: he .== zero)
            if unit.ethnicity == 0 { eth2 = I8(repeating: 1) }
            let hl = int8(h.language)
            var lang2 = zero.replacing(with: 2, where: hl .== uLang)
            lang2.replace(with: 1, where: hl .== zero)
            if unit.language == 0 { lang2 = I8(repeating: 1) }
            let ethFit: D8 = doubles(eth2) * 0.5
            let langFit: D8 = doubles(lang2) * 0.5
            let culture: D8 = 0.6 * ethFit + 0.4 * langFit
            score += w.cultureLanguage * culture
            if unit.wantedCount == 0 {
                score += D8(repeating: w.extraSkills * 0.5)
            } else {
                var x = int8(h.skills) & wanted
                x = x &- ((x &>> 1) & 0x5555_5555)
                x = (x & 0x3333_3333) &+ ((x &>> 2) & 0x3333_3333)
                x = (x &+ (x &>> 4)) & 0x0F0F_0F0F
                score += w.extraSkills * (doubles(x) * invWanted)
            }
            score += w.inHouse * double8(h.inHouse)
            score += w.approvalFit * D8(repeating: 1).replacing(with: unit.approvalFitLongTerm, where: double8(h.longTerm) .!= 0)
            if unit.isSplitPart {
                let penalty = D8(repeating: splitPenalty)
                score -= score.replacing(with: penalty, where: score .> penalty)
            }
            return score
        }
    }
}
