/// One household's configurations (sets of units it takes together), stored flat: a county
/// lists millions of them, so each costs a few bytes rather than two arrays.
struct ConfigurationList: Sendable {
    /// Units of configuration q: `units[unitStart[q]..<unitStart[q + 1]]`, ascending.
    var unitStart: [Int32] = [0]
    var units: [Int32] = []
    /// Each unit's score in hundredths, parallel to `units`.
    var cents: [Int32] = []

    var count: Int { unitStart.count - 1 }
    var isEmpty: Bool { unitStart.count <= 1 }

    /// The entries of configuration `q` in `units` and `cents`.
    func range(_ q: Int) -> Range<Int> { Int(unitStart[q])..<Int(unitStart[q + 1]) }

    /// Configuration `q` as a value.
    subscript(q: Int) -> JointPlanner.Configuration {
        let r = range(q)
        return JointPlanner.Configuration(units: Array(units[r]), cents: cents[r].map { Int($0) })
    }

    /// The first configuration made of exactly `wanted` (ascending, as each configuration's
    /// units are), if any.
    /// - Complexity: O(units listed).
    func firstIndex(ofUnits wanted: [Int32]) -> Int? {
        for q in 0..<count where units[range(q)].elementsEqual(wanted) { return q }
        return nil
    }
}
