import CareModel

/// How a population in care is spread over single years of age and over time in care.
///
/// The published snapshot gives children in care by DfE age band only. Inside a band the real
/// population is not flat (within 10-15 most are 13-15, where adolescents enter care and
/// build up), and how long each child has been in care decides how soon they leave. The
/// generator therefore draws each child's single-year age from `ageWeights` restricted to
/// their band, and their months in care from `monthsInCareWeights[age]`. The band counts stay
/// exactly the published ones; only the spread inside each band comes from the shape.
///
/// `Scenario.steadyStateShape()` computes the shape a scenario's own entry and stay rates
/// produce in the long run (see its design note), so a projection that starts from the
/// snapshot continues it instead of first reshuffling it. `flat` is the simplest shape: ages
/// even inside bands and months in care uniform.
public struct SnapshotShape: Sendable, Equatable {
    /// Relative number in care at each single year of age 0...17.
    public var ageWeights: [Double]
    /// For each age 0...17, relative numbers by completed months in care 0...(12·age + 11).
    public var monthsInCareWeights: [[Double]]

    public init(ageWeights: [Double], monthsInCareWeights: [[Double]]) {
        self.ageWeights = ageWeights
        self.monthsInCareWeights = monthsInCareWeights
    }

    /// Even ages inside each band and months in care uniform up to the child's age.
    public static let flat = SnapshotShape(
        ageWeights: Array(repeating: 1, count: 18),
        monthsInCareWeights: (0..<18).map { Array(repeating: 1, count: 12 * $0 + 12) })

    /// The share of each single year of age inside `band` (sums to 1; even when the shape has
    /// no weight there).
    public func ageShares(in band: AgeBand) -> [Double] {
        let ages = Array(band.ages)
        let weights = ages.map { $0 < ageWeights.count ? max(0, ageWeights[$0]) : 0 }
        let total = weights.reduce(0, +)
        guard total > 0 else { return Array(repeating: 1 / Double(ages.count), count: ages.count) }
        return weights.map { $0 / total }
    }

    /// A single year of age inside `band`, drawn from the shape.
    func drawAge(in band: AgeBand, using rng: inout some RandomNumberGenerator) -> Int {
        band.ages.lowerBound + Draw.weightedIndex(ageShares(in: band), using: &rng)
    }

    /// Completed months in care of a child aged `age`, drawn from the shape (uniform up to the
    /// child's age when the shape has no weight there).
    func drawMonthsInCare(age: Int, using rng: inout some RandomNumberGenerator) -> Int {
        let limit = 12 * age + 11
        if age < monthsInCareWeights.count {
            let weights = monthsInCareWeights[age].prefix(limit + 1).map { max(0, $0) }
            if weights.contains(where: { $0 > 0 }) { return Draw.weightedIndex(Array(weights), using: &rng) }
        }
        return Draw.integer(in: 0...limit, using: &rng)
    }
}
