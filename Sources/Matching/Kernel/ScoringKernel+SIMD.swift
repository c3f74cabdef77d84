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
        let soft = SoftCriteria(unit, constants: k)
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
                let (feasible, d2) = feasibility(i)
                let score = soft.scores(h, at: i, d2: d2)
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

