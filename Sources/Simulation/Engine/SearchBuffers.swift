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

    /// The candidate array to fill (emptied, capacity kept); the caller hands it back.
    @inline(__always)
    mutating func takeCandidates() -> [Int] {
        var found = candidates
        candidates = []
        found.removeAll(keepingCapacity: true)
        return found
    }
}
