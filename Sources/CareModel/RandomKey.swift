/// A stable name for one source of randomness, from which its numbers are computed, not drawn.
///
/// ## Design note
/// Common random numbers need each draw to belong to what it is about (the third child
/// entering in month 7, the 40th household), not to its position in one shared stream: then a
/// change of scenario that adds a draw somewhere shifts nothing else. A key is a 64-bit value;
/// `key(_:)` names a sub-source (a month, an entrant, a purpose), and `unit(_:)` gives the one
/// uniform of a sub-source, so each decision reads the same number whatever was drawn before it.
///
/// `key(tag)` is output `tag + 1` of SplitMix64 seeded with the key (Steele, Lea and Flood 2014:
/// the state advanced by `tag + 1` golden-ratio increments, then the mixing function). This is
/// a counter-based generator in the sense of Salmon et al. ("Parallel random numbers: as easy
/// as 1, 2, 3", SC 2011): the counter is the tag. For a fixed key the tags give distinct keys
/// (the mixing function is a bijection); keys of different parents coincide with probability
/// about (tags)/2^64. A source that needs a variable number of draws (a rejection sampler) takes
/// `generator()`, a SplitMix64 stream seeded with the key; such streams start at random points
/// of SplitMix64's 2^64 cycle, and `n` streams of `L` draws overlap with probability about
/// n²·L/2^64 (below 10^-8 for a run's entrants and households).
package struct RandomKey: Hashable, Sendable {
    package var value: UInt64

    @inlinable package init(_ value: UInt64) { self.value = value }

    /// The key of a run whose Monte Carlo stream is `rng` (its next output, mixed).
    package init(drawingFrom rng: inout some RandomNumberGenerator) {
        value = Self.mix(rng.next())
    }

    /// SplitMix64's mixing function (a bijection of 64-bit words).
    @inlinable
    package static func mix(_ x: UInt64) -> UInt64 {
        var z = x
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// The key of sub-source `tag` of this source.
    @inlinable
    package func key(_ tag: UInt64) -> RandomKey {
        RandomKey(Self.mix(value &+ (tag &+ 1) &* 0x9E37_79B9_7F4A_7C15))
    }

    /// The key of sub-source `tag` (an index, possibly negative) of this source.
    @inlinable
    package func key(_ tag: Int) -> RandomKey { key(UInt64(bitPattern: Int64(tag))) }

    /// The uniform in [0, 1) of sub-source `tag` (53 random bits).
    @inlinable
    package func unit(_ tag: UInt64) -> Double { Double(key(tag).value >> 11) * 0x1.0p-53 }

    /// A stream of numbers for a draw whose count varies (rejection samplers).
    @inlinable
    package func generator() -> SplitMix64 { SplitMix64(seed: value) }
}
