/// Seeded, splittable random numbers: every random choice in Hearth flows from one seed.
///
/// ## Design note
/// `Xoshiro256StarStar` is Blackman and Vigna's xoshiro256** 1.0: 256 bits of state, period
/// 2^256 - 1, passes BigCrush, and costs a few cycles per 64-bit output. Its state is filled
/// from the user's seed by SplitMix64, as the authors recommend, so that similar seeds give
/// unrelated streams. Independent streams (one per Monte Carlo replication, or per thread)
/// come from `jump()`, which advances the state by 2^128 outputs: streams obtained by successive
/// jumps never overlap for any practical run. `init(seed:stream:)` does this, so replication
/// `k` sees the same numbers whatever thread runs it — the basis of thread-count-independent
/// output. `split()` gives a child stream seeded from the parent's outputs, which may itself
/// split (nested jumps cannot do that without collisions). `SystemRandomNumberGenerator` is
/// neither seedable nor fast, so it is never used.
///
/// Tests check both generators against the authors' reference C code (see
/// `Tests/CareModelTests/RandomReferenceTests.swift`).

/// SplitMix64 (Steele, Lea and Flood 2014): a 64-bit generator used to expand a seed.
package struct SplitMix64: RandomNumberGenerator, Sendable {
    package var state: UInt64
    package init(seed: UInt64) { state = seed }
    @inlinable
    package mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// xoshiro256** 1.0, the generator behind every simulation and synthetic data set.
package struct Xoshiro256StarStar: RandomNumberGenerator, Sendable {
    @usableFromInline var s0, s1, s2, s3: UInt64

    /// A generator whose state is the next four outputs of SplitMix64 seeded with `seed`.
    package init(seed: UInt64) {
        var mixer = SplitMix64(seed: seed)
        s0 = mixer.next()
        s1 = mixer.next()
        s2 = mixer.next()
        s3 = mixer.next()
    }

    /// Stream number `stream` of `seed`: the seeded state advanced by `stream` jumps of 2^128.
    /// - Complexity: O(stream) jumps of 256 steps each.
    package init(seed: UInt64, stream: Int) {
        self.init(seed: seed)
        for _ in 0..<stream { jump() }
    }

    /// A generator with an explicit state (not all zero), for reference-sequence tests.
    package init(state: (UInt64, UInt64, UInt64, UInt64)) {
        precondition(state != (0, 0, 0, 0), "xoshiro state must not be all zero")
        (s0, s1, s2, s3) = state
    }

    @inlinable
    static func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 &- k)) }

    @inlinable
    package mutating func next() -> UInt64 {
        let result = Self.rotl(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = Self.rotl(s3, 45)
        return result
    }

    /// Advances the state by 2^128 outputs (the reference `jump` polynomial).
    package mutating func jump() {
        let polynomial: [UInt64] = [
            0x180E_C6D3_3CFD_0ABA, 0xD5A6_1266_F0C9_392C, 0xA958_2618_E03F_C9AA, 0x39AB_DC45_29B1_661C,
        ]
        var t0: UInt64 = 0, t1: UInt64 = 0, t2: UInt64 = 0, t3: UInt64 = 0
        for word in polynomial {
            for bit in 0..<64 {
                if word & (1 << UInt64(bit)) != 0 {
                    t0 ^= s0
                    t1 ^= s1
                    t2 ^= s2
                    t3 ^= s3
                }
                _ = next()
            }
        }
        (s0, s1, s2, s3) = (t0, t1, t2, t3)
    }

    /// A new generator for an independent stream, seeded from this one's next four outputs
    /// (each passed through SplitMix64's mixing function); this one moves on by four outputs.
    ///
    /// Children may split again, to any depth. (Returning a copy of this generator and
    /// jumping this one would not do: a child's own split would jump the child onto exactly
    /// the parent's new state, so the two would produce the same numbers.) The child's 256-bit
    /// state is in effect drawn at random, so `n` streams of length `L` overlap with
    /// probability below n²·L / 2^256: never, in practice. For streams that provably never
    /// overlap, use `init(seed:stream:)`.
    package mutating func split() -> Xoshiro256StarStar {
        var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        var mixer = SplitMix64(seed: next())
        words.0 = mixer.next()
        mixer = SplitMix64(seed: next())
        words.1 = mixer.next()
        mixer = SplitMix64(seed: next())
        words.2 = mixer.next()
        mixer = SplitMix64(seed: next())
        words.3 = mixer.next()
        if words == (0, 0, 0, 0) { words.0 = 0x9E37_79B9_7F4A_7C15 }  // the one forbidden state
        return Xoshiro256StarStar(state: words)
    }
}

extension RandomNumberGenerator {
    /// A uniform double in [0, 1) with 53 random bits.
    @inlinable
    package mutating func nextUnit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }
}
