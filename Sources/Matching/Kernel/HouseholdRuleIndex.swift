/// The households reordered so that those passing the same integer rules sit side by side,
/// with, for each rule threshold that a list of units asks, the bitset of the households
/// passing it: a unit's integer rules against 64 households become one AND of seven words.
///
/// ## Design note
/// The kernel's integer rules fall into seven families, each one household column (or two)
/// compared with one unit value: free places at least the unit's size (on hold counts as -1
/// free); youngest accepted age at most the youngest child's age (the household's age range
/// and the gap kept below a resident at risk of exploitation); oldest accepted age at least the
/// oldest child's; an approval in common; every required skill; nobody placed, for a solo
/// child; no resident younger than a child at risk allows. For each value a family takes among
/// the units there is one bitset over the households, so a unit's candidates, the AND of its
/// seven bitsets, are exactly the households passing all its integer rules (a bitmap index,
/// as in O'Neil and Quass, "Improved Query Performance with Variant Indexes", SIGMOD 1997).
///
/// The order puts households with a free place first, then sorts by approvals, youngest and
/// oldest accepted age, so one unit's candidates gather into fewer blocks of eight and the
/// vector passes after the bitsets visit fewer blocks. It changes no score: scores are written
/// back at each household's own index (`order`).
struct HouseholdRuleIndex {
    /// Position in `columns` -> index in the caller's households.
    let order: [Int32]
    /// The households in `order`, padded with copies of one of them to a multiple of eight
    /// rows (the padding is in no bitset).
    let columns: HouseholdColumns
    /// The number of households (without the padding).
    let count: Int
    /// 64-bit words per bitset.
    let words: Int
    /// The bitsets, `words` words each, bit `i % 64` of word `i / 64` for position `i`; the
    /// first is every household.
    let bits: [UInt64]
    /// For unit `u`, the bitsets of its seven rule families start at `bits` word
    /// `unitBitsets[7 * u + f] * words`.
    let unitBitsets: [Int32]

    /// The families of integer rules, each a test of a household against one unit value.
    enum Family: Int, CaseIterable {
        case places, youngestAge, oldestAge, approval, skills, solo, residents

        /// The family's value for `unit` (nil when the rule cannot fail for it).
        func value(_ unit: UnitRow) -> Int32? {
            switch self {
            case .places: unit.size
            case .youngestAge: unit.minAge
            case .oldestAge: unit.maxAge
            case .approval: unit.approval
            case .skills: unit.requiredSkills == 0 ? nil : unit.requiredSkills
            case .solo: unit.solo ? 1 : nil
            case .residents: unit.youngestAllowed == Int32.min ? nil : unit.youngestAllowed
            }
        }

        /// Which of households `i..<i+8` pass the family's rule at `v`, as the bits of a byte
        /// (bit `l` for household `i + l`): the tests of `scoreRowScalar`.
        @inline(__always)
        func passes(_ h: HouseholdColumnsView, _ i: Int, _ v: Int32) -> UInt64 {
            typealias I8 = SIMD8<Int32>
            @inline(__always) func int8(_ p: UnsafePointer<Int32>) -> I8 {
                UnsafeRawPointer(p + i).loadUnaligned(as: I8.self)
            }
            let value = I8(repeating: v), zero = I8(repeating: 0)
            let pass: SIMDMask<I8> = switch self {
            case .places: int8(h.free) .>= value
            case .youngestAge: (int8(h.minAge) .<= value) .& (value .>= int8(h.youngestNewAllowed))
            case .oldestAge: int8(h.maxAge) .>= value
            case .approval: (int8(h.approvals) & value) .!= zero
            case .skills: (int8(h.skills) & value) .== value
            case .solo: int8(h.occupied) .== zero
            case .residents: int8(h.youngestResident) .>= value
            }
            return ScoringKernel.laneBits(zero.replacing(with: -1, where: pass))
        }
    }

    /// The index of `households` for `units`.
    /// - Complexity: O(m log m + (m / 64 + units) x the distinct values the families take),
    ///   m households.
    init(_ households: HouseholdColumns, units: [UnitRow]) {
        let m = households.count
        count = m
        // Sort keys: (no free place, approvals), (youngest, oldest accepted age), index.
        let keys = (0..<m).map { i -> (UInt64, UInt64, Int) in
            let full: UInt64 = households.free[i] > 0 ? 0 : 1
            let ages = UInt64(UInt32(bitPattern: households.minAge[i] ^ Int32.min)) << 32
                | UInt64(UInt32(bitPattern: households.maxAge[i] ^ Int32.min))
            return (full << 32 | UInt64(UInt32(bitPattern: households.approvals[i])), ages, i)
        }
        let order = keys.sorted { $0 < $1 }.map(\.2)
        self.order = order.map { Int32($0) }
        let padded = (m + 7) / 8 * 8
        let sorted = HouseholdColumns(rows: order + Array(repeating: order.first ?? 0, count: padded - m), of: households)
        columns = sorted
        let words = (m + 63) / 64
        self.words = words

        // Bitset 0: every household; then one per (family, value) the units ask, in order of
        // first use.
        var tests: [(Family, Int32)] = []
        var numbers: [Int64: Int32] = [:]
        var unitBitsets: [Int32] = []
        unitBitsets.reserveCapacity(7 * units.count)
        for unit in units {
            for family in Family.allCases {
                guard let v = family.value(unit) else { unitBitsets.append(0); continue }
                let key = Int64(family.rawValue) << 32 | Int64(UInt32(bitPattern: v))
                if let number = numbers[key] {
                    unitBitsets.append(number)
                } else {
                    tests.append((family, v))
                    let number = Int32(tests.count)
                    numbers[key] = number
                    unitBitsets.append(number)
                }
            }
        }
        self.unitBitsets = unitBitsets
        var bits = [UInt64](repeating: 0, count: (tests.count + 1) * words)
        bits.withUnsafeMutableBufferPointer { b in
            for i in 0..<m { b[i >> 6] |= 1 << UInt64(i & 63) }
            sorted.withView { h in
                for (t, (family, v)) in tests.enumerated() {
                    let set = b.baseAddress! + (t + 1) * words
                    for w in 0..<words {
                        var word: UInt64 = 0
                        for k in 0..<min(8, (padded - 64 * w) / 8) {
                            word |= family.passes(h, 64 * w + 8 * k, v) << UInt64(8 * k)
                        }
                        // No padding row in any set.
                        set[w] = word & b[w]
                    }
                }
            }
        }
        self.bits = bits
    }
}
