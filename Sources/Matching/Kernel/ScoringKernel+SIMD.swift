import CareModel

extension ScoringKernel {
    /// The vectorised kernel: eight households at a time with SIMD lanes, in three passes over
    /// runs of up to 64 blocks of eight (512 households, in the L1 cache):
    /// 1. the integer rules as one lane mask per block; every block written as infeasible (-1),
    ///    and the blocks with a lane passing noted as the bits of one word, branch-free;
    /// 2. on those blocks only, visited by their bits, the distance test, noting the blocks
    ///    with a feasible lane as the bits of a second word;
    /// 3. on those blocks only, the soft criteria, branch-free inside a block.
    /// Visiting noted blocks by their bits replaces two hard-to-predict branches per block with
    /// one per noted block. (Listing the feasible households and gathering their columns into
    /// full lanes for pass 3 measured slower: the listing cost more than the lanes saved.)
    /// Each lane does the operations of `scoreRowScalar` in the same order, so the scores are
    /// bit-for-bit the scalar kernel's.
    /// - Complexity: O(range.count), no allocation, no trigonometry.
    @inlinable
    package static func scoreRow(
        _ unit: UnitRow, _ h: HouseholdColumnsView, range: Range<Int>,
        constants k: KernelConstants, into out: UnsafeMutablePointer<Double>
    ) {
        typealias I8 = SIMD8<Int32>
        typealias L8 = SIMD8<Int64>
        typealias D8 = SIMD8<Double>
        @inline(__always) func int8(_ p: UnsafePointer<Int32>, _ i: Int) -> I8 {
            UnsafeRawPointer(p + i).loadUnaligned(as: I8.self)
        }
        @inline(__always) func double8(_ p: UnsafePointer<Double>, _ i: Int) -> D8 {
            UnsafeRawPointer(p + i).loadUnaligned(as: D8.self)
        }
        let size = I8(repeating: unit.size), uMin = I8(repeating: unit.minAge), uMax = I8(repeating: unit.maxAge)
        let approval = I8(repeating: unit.approval), required = I8(repeating: unit.requiredSkills)
        let youngestAllowed = I8(repeating: unit.youngestAllowed)
        let zero = I8(repeating: 0)
        let lat0 = D8(repeating: unit.latitude), lon0 = D8(repeating: unit.longitude)
        let cA = D8(repeating: unit.cosA), cB = D8(repeating: unit.cosB)
        let maxD2 = D8(repeating: k.maxDistanceSquared)
        let R = Location.earthRadiusMiles
        let w = k.w
        let near = k.policy.nearDistanceMiles
        let span = max(k.policy.maxDistanceMiles - near - 1, 1)
        let schoolNear = k.policy.schoolNearMiles
        let schoolSpan = max(k.policy.schoolFarMiles - schoolNear, 1e-9)
        let ageSpan = k.policy.ageFitSpanYears
        let uDistrict = I8(repeating: unit.district), uEth = I8(repeating: unit.ethnicity)
        let uGroup = I8(repeating: unit.ethnicGroup), uLang = I8(repeating: unit.language)
        let wanted = I8(repeating: unit.wantedSkills)
        let invWanted = 1 / Double(max(unit.wantedCount, 1))
        let nearSlope = 0.2 / near, invSpan = 1 / span, invSchoolSpan = 1 / schoolSpan, invAgeSpan = 1 / ageSpan
        let minusOne = D8(repeating: -1)
        let solo = unit.solo
        /// The integer rules for households i..<i+8.
        @inline(__always) func rules(_ i: Int) -> SIMDMask<I8> {
            var ok = int8(h.free, i) .>= size
            ok .&= int8(h.minAge, i) .<= uMin
            ok .&= int8(h.maxAge, i) .>= uMax
            ok .&= (int8(h.approvals, i) & approval) .!= zero
            ok .&= (int8(h.skills, i) & required) .== required
            if solo { ok .&= int8(h.occupied, i) .== zero }
            ok .&= int8(h.youngestResident, i) .>= youngestAllowed
            ok .&= uMin .>= int8(h.youngestNewAllowed, i)
            return ok
        }
        /// The feasible lanes of households i..<i+8 (every hard rule, as lanes of all bits set
        /// or 0) and their squared projected distances.
        @inline(__always) func feasibility(_ i: Int) -> (feasible: SIMDMask<L8>, d2: D8) {
            let phi = double8(h.latitude, i)
            let dPhi: D8 = phi - lat0
            let cosMid: D8 = cA + cB * phi
            let dLambda: D8 = (double8(h.longitude, i) - lon0) * cosMid
            let d2: D8 = dLambda * dLambda + dPhi * dPhi
            let okLanes = L8(truncatingIfNeeded: zero.replacing(with: -1, where: rules(i))) .!= L8(repeating: 0)
            return (okLanes .& (d2 .<= maxD2), d2)
        }
        // Whether a mask has a lane set, as 1 or 0 without a branch: the lanes as integers
        // (all bits set or 0) and their minimum, which compiles to one move-mask and a test.
        @inline(__always) func bit(_ mask: SIMDMask<I8>) -> UInt64 {
            UInt64(unsafeBitCast(zero.replacing(with: -1, where: mask).min() < 0, to: UInt8.self))
        }
        @inline(__always) func bit(_ mask: SIMDMask<L8>) -> UInt64 {
            UInt64(unsafeBitCast(L8(repeating: 0).replacing(with: -1, where: mask).min() < 0, to: UInt8.self))
        }
        var first = range.lowerBound
        while first + 8 <= range.upperBound {
            let base = first, blocks = min(64, (range.upperBound - first) / 8)
            let o0 = out + (base - range.lowerBound)
            // Pass 1: the integer rules; every block written as infeasible.
            var candidates: UInt64 = 0
            for b in 0..<blocks {
                UnsafeMutableRawPointer(o0 + 8 &* b).storeBytes(of: minusOne, as: D8.self)
                candidates |= bit(rules(base &+ 8 &* b)) &<< UInt64(truncatingIfNeeded: b)
            }
            // Pass 2: the distance test on the blocks with a lane passing the rules.
            var feasibleBlocks: UInt64 = 0
            var bits = candidates
            while bits != 0 {
                let b = bits.trailingZeroBitCount
                bits &= bits &- 1
                feasibleBlocks |= bit(feasibility(base &+ 8 &* b).feasible) &<< UInt64(truncatingIfNeeded: b)
            }
            // Pass 3: the soft criteria on the blocks with a feasible lane.
            bits = feasibleBlocks
            while bits != 0 {
                let b = bits.trailingZeroBitCount
                bits &= bits &- 1
                let i = base &+ 8 &* b
                let skills = int8(h.skills, i)
                let phi = double8(h.latitude, i)
                let (feasible, d2) = feasibility(i)
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
                let hd = int8(h.district, i)
                var district2 = zero.replacing(with: 2, where: hd .== uDistrict)
                district2.replace(with: 1, where: hd .== zero)
                if unit.district == 0 { district2 = I8(repeating: 1) }
                score += w.sameDistrict * (D8(district2) * 0.5)
                if unit.hasSchool {
                    let sPhi: D8 = phi - unit.schoolLatitude
                    let sCos: D8 = unit.schoolCosA + unit.schoolCosB * phi
                    let sLambda: D8 = (double8(h.longitude, i) - unit.schoolLongitude) * sCos
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
                let ageGap: D8 = D8(repeating: unit.meanAge) - double8(h.residentMeanAge, i)
                let absGap: D8 = ageGap.replacing(with: -ageGap, where: ageGap .< 0)
                let ageRaw: D8 = 1 - absGap * invAgeSpan
                let age: D8 = ageRaw.replacing(with: 0, where: ageRaw .< 0)
                score += w.ageFit * age.replacing(with: 0.5, where: double8(h.ageFitNeutral, i) .!= 0)
                let he = int8(h.ethnicity, i)
                var eth2 = zero.replacing(with: 1, where: int8(h.ethnicGroup, i) .== uGroup)
                eth2.replace(with: 2, where: he .== uEth)
                eth2.replace(with: 1, where: he .== zero)
                if unit.ethnicity == 0 { eth2 = I8(repeating: 1) }
                let hl = int8(h.language, i)
                var lang2 = zero.replacing(with: 2, where: hl .== uLang)
                lang2.replace(with: 1, where: hl .== zero)
                if unit.language == 0 { lang2 = I8(repeating: 1) }
                let ethFit: D8 = D8(eth2) * 0.5
                let langFit: D8 = D8(lang2) * 0.5
                let culture: D8 = 0.6 * ethFit + 0.4 * langFit
                score += w.cultureLanguage * culture
                if unit.wantedCount == 0 {
                    score += D8(repeating: w.extraSkills * 0.5)
                } else {
                    var x = skills & wanted
                    x = x &- ((x &>> 1) & 0x5555_5555)
                    x = (x & 0x3333_3333) &+ ((x &>> 2) & 0x3333_3333)
                    x = (x &+ (x &>> 4)) & 0x0F0F_0F0F
                    score += w.extraSkills * (D8(x) * invWanted)
                }
                score += w.inHouse * double8(h.inHouse, i)
                score += w.approvalFit * D8(repeating: 1).replacing(with: unit.approvalFitLongTerm, where: double8(h.longTerm, i) .!= 0)
                if unit.isSplitPart {
                    let penalty = D8(repeating: k.policy.splitPenalty)
                    score -= score.replacing(with: penalty, where: score .> penalty)
                }
                // The infeasible lanes as -1 by integer bit operations on the lanes (a vector
                // select here compiles to per-pair pieces).
                let keep = L8(repeating: 0).replacing(with: -1, where: feasible)
                let blended = (unsafeBitCast(score, to: L8.self) & keep) | (unsafeBitCast(minusOne, to: L8.self) & ~keep)
                UnsafeMutableRawPointer(o0 + 8 &* b).storeBytes(of: unsafeBitCast(blended, to: D8.self), as: D8.self)
            }
            first += 8 * blocks
        }
        if first < range.upperBound {
            scoreRowScalar(unit, h, range: first..<range.upperBound, constants: k, into: out + (first - range.lowerBound))
        }
    }
}

