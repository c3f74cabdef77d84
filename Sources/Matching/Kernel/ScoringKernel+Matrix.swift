import CareModel
import Dispatch

extension ScoringKernel {
    /// Scores every unit against every household: a row-major `units x households` matrix of
    /// scores, -1 where infeasible. Rows are split in chunks over `DispatchQueue.concurrentPerform`;
    /// the result does not depend on the thread count.
    /// - Complexity: O(units x households).
    package static func scoreMatrix(units: [UnitRow], households: HouseholdColumns, policy: MatchPolicy) -> [Double] {
        var result = [Double](repeating: 0, count: units.count * households.count)
        result.withUnsafeMutableBufferPointer { scoreMatrix(units: units, households: households, policy: policy, into: $0) }
        return result
    }

    /// Scores into a caller's buffer of `units.count x households.count` doubles (row-major),
    /// on all cores, or on the calling thread alone when `singleThread` (for measurements).
    ///
    /// The integer rules come from a `HouseholdRuleIndex` built for these units (seven bitset
    /// words per 64 households and row), and the distance and soft criteria run on the blocks
    /// of eight with a candidate only (`scoreCandidates`); each score is `scoreRow`'s, bit for bit.
    /// - Complexity: O(units x households), with O(households log households) to build the index.
    package static func scoreMatrix(
        units: [UnitRow], households: HouseholdColumns, policy: MatchPolicy, into buffer: UnsafeMutableBufferPointer<Double>,
        singleThread: Bool = false
    ) {
        let n = units.count, m = households.count
        precondition(buffer.count >= n * m)
        guard n > 0, m > 0 else { return }
        let k = KernelConstants(policy: policy)
        let index = HouseholdRuleIndex(households, units: units)
        let pointer = UnsafeSendablePointer(buffer.baseAddress!)
        let words = index.words
        index.bits.withUnsafeBufferPointer { bitsBuffer in
            index.order.withUnsafeBufferPointer { orderBuffer in
                index.unitBitsets.withUnsafeBufferPointer { setsBuffer in
                    let bits = UnsafeSendableConstPointer(bitsBuffer.baseAddress!)
                    let order = UnsafeSendableConstPointer(orderBuffer.baseAddress!)
                    let sets = UnsafeSendableConstPointer(setsBuffer.baseAddress!)
                    index.columns.withView { view in
                        let chunks = min(n, 64)
                        let scoreChunk: @Sendable (Int) -> Void = { c in
                            let candidates = UnsafeMutablePointer<UInt64>.allocate(capacity: words)
                            defer { candidates.deallocate() }
                            let lo = c * n / chunks, hi = (c + 1) * n / chunks
                            for r in lo..<hi {
                                (pointer.base + r * m).update(repeating: infeasible, count: m)
                                candidatesOf(unit: r, bits: bits.base, sets: sets.base, words: words, into: candidates)
                                scoreCandidates(
                                    units[r], view, candidates: candidates, words: words, order: order.base, constants: k,
                                    into: pointer.base + r * m)
                            }
                        }
                        if singleThread {
                            for c in 0..<chunks { scoreChunk(c) }
                        } else {
                            DispatchQueue.concurrentPerform(iterations: chunks, execute: scoreChunk)
                        }
                    }
                }
            }
        }
    }

    /// The AND of unit `u`'s seven rule bitsets: the households passing its integer rules.
    /// - Complexity: O(words).
    @inline(__always)
    static func candidatesOf(
        unit u: Int, bits: UnsafePointer<UInt64>, sets: UnsafePointer<Int32>, words: Int, into out: UnsafeMutablePointer<UInt64>
    ) {
        let s = sets + 7 * u
        let b0 = bits + Int(s[0]) * words, b1 = bits + Int(s[1]) * words, b2 = bits + Int(s[2]) * words
        let b3 = bits + Int(s[3]) * words, b4 = bits + Int(s[4]) * words, b5 = bits + Int(s[5]) * words
        let b6 = bits + Int(s[6]) * words
        for w in 0..<words {
            out[w] = b0[w] & b1[w] & b2[w] & b3[w] & b4[w] & b5[w] & b6[w]
        }
    }

    /// Scores `unit` against the households of `h` whose bits are set in `candidates` (they pass
    /// the integer rules), writing each feasible pair's score at the household's own index
    /// `order[i]` of `out`; other entries are left as they are.
    /// - Complexity: O(words + blocks of eight with a candidate), no allocation.
    static func scoreCandidates(
        _ unit: UnitRow, _ h: HouseholdColumnsView, candidates: UnsafePointer<UInt64>, words: Int, order: UnsafePointer<Int32>,
        constants k: KernelConstants, into out: UnsafeMutablePointer<Double>
    ) {
        typealias L8 = SIMD8<Int64>
        typealias D8 = SIMD8<Double>
        @inline(__always) func double8(_ p: UnsafePointer<Double>, _ i: Int) -> D8 {
            UnsafeRawPointer(p + i).loadUnaligned(as: D8.self)
        }
        let lat0 = D8(repeating: unit.latitude), lon0 = D8(repeating: unit.longitude)
        let cA = D8(repeating: unit.cosA), cB = D8(repeating: unit.cosB)
        let maxD2 = D8(repeating: k.maxDistanceSquared)
        let soft = SoftCriteria(unit, constants: k)
        let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        for w in 0..<words {
            let c = candidates[w]
            if c == 0 { continue }
            // The high bit of each nonzero byte: the blocks of eight with a candidate.
            var blocks = (((c & low7) &+ low7) | c) & ~low7
            while blocks != 0 {
                let shift = blocks.trailingZeroBitCount &- 7
                blocks &= blocks &- 1
                let i = w &* 64 &+ shift
                let lanes = Int64(truncatingIfNeeded: (c &>> UInt64(truncatingIfNeeded: shift)) & 0xFF)
                let phi = double8(h.latitude, i)
                let dPhi: D8 = phi - lat0
                let cosMid: D8 = cA + cB * phi
                let dLambda: D8 = (double8(h.longitude, i) - lon0) * cosMid
                let d2: D8 = dLambda * dLambda + dPhi * dPhi
                let within = L8(repeating: 0).replacing(with: -1, where: d2 .<= maxD2)
                var feasible = laneBits(within) & UInt64(lanes)
                if feasible == 0 { continue }
                let score = soft.scores(h, at: i, d2: d2)
                repeat {
                    let l = feasible.trailingZeroBitCount
                    feasible &= feasible &- 1
                    out[Int(order[i &+ l])] = score[l]
                } while feasible != 0
            }
        }
    }
}

extension ScoringKernel {
    /// The lanes of `lanes` (each all bits set or 0) as the bits of a byte, bit `l` for lane
    /// `l`: one byte per lane, then one multiply gathers the bytes' bits into the top byte.
    @inline(__always)
    static func laneBits(_ lanes: SIMD8<Int64>) -> UInt64 {
        let bytes = unsafeBitCast(SIMD8<Int8>(truncatingIfNeeded: lanes), to: UInt64.self)
        return ((bytes & 0x8040_2010_0804_0201) &* 0x0101_0101_0101_0101) &>> 56
    }

    /// `laneBits` for lanes of 32 bits.
    @inline(__always)
    static func laneBits(_ lanes: SIMD8<Int32>) -> UInt64 {
        let bytes = unsafeBitCast(SIMD8<Int8>(truncatingIfNeeded: lanes), to: UInt64.self)
        return ((bytes & 0x8040_2010_0804_0201) &* 0x0101_0101_0101_0101) &>> 56
    }
}

/// A read-only pointer that may cross into `concurrentPerform` workers.
struct UnsafeSendableConstPointer<T>: @unchecked Sendable {
    let base: UnsafePointer<T>
    init(_ base: UnsafePointer<T>) { self.base = base }
}
