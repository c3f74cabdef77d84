import Matching

/// Arrays reused from one candidate search to the next, so a search allocates nothing: the
/// candidate list handed back by the last caller and the scores of the last kernel query.
///
/// ## Invariant
/// After a kernel query over `n` candidates, `scores[0 ..< n]` holds their scores in order
/// (`scores` grows when too short and is never shrunk).
struct SearchBuffers {
    /// The array of the last candidate search, handed back by its caller for the next one.
    var candidates: [Int] = []
    /// Scores of the last kernel query, one per candidate.
    var scores: [Double] = []
    /// Scratch columns the candidates' rows are gathered into for the vectorised kernel.
    var gathered = GatheredRows()
    /// Scratch room for the households of one district that pass the candidate search's tests.
    var passing: [Int32] = []

    /// The scratch array with at least `count` entries (contents undefined); the caller hands it back.
    @inline(__always)
    mutating func takePassing(count: Int) -> [Int32] {
        var scratch = passing
        passing = []
        if scratch.count < count { scratch = [Int32](repeating: 0, count: count) }
        return scratch
    }

    /// The candidate array to fill (emptied, capacity kept); the caller hands it back.
    @inline(__always)
    mutating func takeCandidates() -> [Int] {
        var found = candidates
        candidates = []
        found.removeAll(keepingCapacity: true)
        return found
    }
}
