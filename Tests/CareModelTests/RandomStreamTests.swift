import CareModel
import Testing

/// Independent streams: no overlap over the first million outputs, no correlation, uniform.
@Suite struct RandomStreamTests {
    /// Whether any stream starts inside another's first `length` outputs.
    ///
    /// Streams of one generator are windows on one cycle; two windows of `length` overlap
    /// exactly when one starts inside the other, and a start shows as its first output. A
    /// chance match of a 64-bit value among a few million is a 1e-6 event.
    static func overlaps(_ streams: [Xoshiro256StarStar], length: Int) -> [(Int, Int)] {
        var starts: [UInt64: Int] = [:]
        for (index, stream) in streams.enumerated() {
            var copy = stream
            starts[copy.next()] = index
        }
        #expect(starts.count == streams.count, "two streams start with the same output")
        var found: [(Int, Int)] = []
        for (index, stream) in streams.enumerated() {
            var rng = stream
            _ = rng.next()
            for _ in 1..<length {
                if let other = starts[rng.next()], other != index { found.append((index, other)) }
            }
        }
        return found
    }

    /// The streams a Monte Carlo run makes: one per replication, each split into sub-streams.
    static func monteCarloStreams(seed: UInt64, runs: Int, perRun: Int) -> [Xoshiro256StarStar] {
        var base = Xoshiro256StarStar(seed: seed)
        var streams: [Xoshiro256StarStar] = []
        for _ in 0..<runs {
            var run = base.split()
            for _ in 0..<perRun { streams.append(run.split()) }
            streams.append(run)
        }
        streams.append(base)
        return streams
    }

    @Test func jumpedStreamsDoNotOverlapOverAMillionOutputs() {
        let streams = (0..<4).map { Xoshiro256StarStar(seed: 2026, stream: $0) }
        #expect(Self.overlaps(streams, length: 1_000_000).isEmpty)
    }

    @Test func splitStreamsAndNestedSplitsDoNotOverlapOverAMillionOutputs() {
        var root = Xoshiro256StarStar(seed: 2026)
        var child = root.split()
        var grandchild = child.split()
        let greatGrandchild = grandchild.split()
        let sibling = root.split()
        let streams = [root, child, grandchild, greatGrandchild, sibling, Xoshiro256StarStar(seed: 2026, stream: 1)]
        #expect(Self.overlaps(streams, length: 1_000_000).isEmpty)
    }

    @Test func monteCarloStreamPatternHasNoSharedStreams() {
        // Runs split from a base, each run split into four processes: twenty-odd streams.
        let streams = Self.monteCarloStreams(seed: 7, runs: 5, perRun: 4)
        #expect(Self.overlaps(streams, length: 100_000).isEmpty)
    }

    @Test func streamsAreUncorrelated() {
        let streams = Self.monteCarloStreams(seed: 11, runs: 3, perRun: 2) + (0..<3).map { Xoshiro256StarStar(seed: 11, stream: $0) }
        let n = 50_000
        let samples = streams.map { stream -> [Double] in
            var rng = stream
            return (0..<n).map { _ in rng.nextUnit() }
        }
        // Under independence r is about normal with sd 1/sqrt(n); allow 5 sd (0.022).
        let bound = 5 / Double(n).squareRoot()
        var worst = 0.0
        for i in samples.indices {
            for j in samples.indices where j > i {
                worst = max(worst, abs(Statistics.correlation(samples[i], samples[j])))
            }
            // Lag-one correlation within the stream.
            worst = max(worst, abs(Statistics.correlation(Array(samples[i].dropLast()), Array(samples[i].dropFirst()))))
        }
        #expect(worst < bound, "largest |r| = \(worst)")
    }

    @Test func nextUnitIsUniformByChiSquare() {
        var rng = Xoshiro256StarStar(seed: 3)
        let bins = 100
        var counts = [Int](repeating: 0, count: bins)
        var lowBits = [Int](repeating: 0, count: 256)
        for _ in 0..<1_000_000 {
            let u = rng.nextUnit()
            #expect(u >= 0 && u < 1)
            counts[Int(u * Double(bins))] += 1
            lowBits[Int(rng.next() & 0xFF)] += 1
        }
        let statistic = Statistics.chiSquare(observed: counts, probabilities: .init(repeating: 1.0 / Double(bins), count: bins))
        #expect(Statistics.chiSquareAccepts(statistic, degreesOfFreedom: bins - 1), "chi-square \(statistic)")
        #expect(statistic > 50, "chi-square \(statistic) is implausibly small for 99 df")
        let low = Statistics.chiSquare(observed: lowBits, probabilities: .init(repeating: 1.0 / 256, count: 256))
        #expect(Statistics.chiSquareAccepts(low, degreesOfFreedom: 255), "low-byte chi-square \(low)")
    }

    @Test func sameSeedSameNumbersDifferentSeedDifferentNumbers() {
        var a = Xoshiro256StarStar(seed: 9)
        var b = Xoshiro256StarStar(seed: 9)
        var c = Xoshiro256StarStar(seed: 10)
        let xa = (0..<100).map { _ in a.next() }
        #expect(xa == (0..<100).map { _ in b.next() })
        #expect(xa != (0..<100).map { _ in c.next() })
        var s1 = Xoshiro256StarStar(seed: 9)
        var s2 = Xoshiro256StarStar(seed: 9)
        var k1 = s1.split()
        var k2 = s2.split()
        #expect((0..<10).map { _ in k1.next() } == (0..<10).map { _ in k2.next() })
    }
}

/// `RandomKey`: sub-keys are distinct, order matters, and the uniforms are uniform and
/// uncorrelated between neighbouring tags.
@Suite struct RandomKeyTests {
    @Test func subKeysAreDistinctAndOrdered() {
        let root = RandomKey(2026)
        var seen = Set<UInt64>()
        for a in 0..<300 {
            for b in 0..<300 { seen.insert(root.key(a).key(b).value) }
        }
        #expect(seen.count == 90_000)
        #expect(root.key(1).key(2) != root.key(2).key(1))
        #expect(root.key(-1) != root.key(1))
        #expect(root.key(5) == root.key(UInt64(5)))
    }

    @Test func unitsAreUniformAndNeighboursUncorrelated() {
        let root = RandomKey(7)
        let n = 100_000
        var counts = [Int](repeating: 0, count: 20)
        var xs: [Double] = [], ys: [Double] = []
        var inRange = true
        for i in 0..<n {
            let key = root.key(i)
            let u = key.unit(0), v = key.unit(1)
            inRange = inRange && u >= 0 && u < 1 && v >= 0 && v < 1
            counts[Int(u * 20)] += 1
            xs.append(u)
            ys.append(v)
        }
        #expect(inRange)
        let statistic = Statistics.chiSquare(observed: counts, probabilities: Array(repeating: 0.05, count: 20))
        #expect(Statistics.chiSquareAccepts(statistic, degreesOfFreedom: 19), "chi-square \(statistic)")
        // Correlation of neighbouring tags' uniforms: within 4.5 standard errors (1/sqrt(n)) of 0.
        let mx = xs.reduce(0, +) / Double(n), my = ys.reduce(0, +) / Double(n)
        var sxy = 0.0, sxx = 0.0, syy = 0.0
        for i in 0..<n {
            sxy += (xs[i] - mx) * (ys[i] - my)
            sxx += (xs[i] - mx) * (xs[i] - mx)
            syy += (ys[i] - my) * (ys[i] - my)
        }
        #expect(abs(sxy / (sxx * syy).squareRoot()) < 4.5 / Double(n).squareRoot())
    }
}
