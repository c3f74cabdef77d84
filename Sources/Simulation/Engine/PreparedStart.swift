import CareModel

/// What every replication of a run reads: the starting population plus lookups computed once
/// (each worker thread after the first reads its own deep copy, `ownedCopy`).
struct PreparedStart: Sendable {
    let population: StartingPopulation
    /// The number of districts.
    let districtCount: Int
    /// For each district `d`, every district ordered by distance between centres (itself
    /// first), at `districtOrder[d * districtCount ..< (d + 1) * districtCount]`.
    let districtOrder: [Int32]
    /// The district of each starting household.
    let householdDistrict: [Int32]
    /// Weights of family homes and of new carers by district.
    let childWeights: [Double]
    let carerWeights: [Double]
    /// Each district's centre, prepared for scattering family homes around it.
    let scatterCentres: [ScatterCentre]
    /// Starting children ordered so that brothers and sisters are next to each other.
    let childOrder: [Int]
    /// The matching kernel's rows for the starting households (before anyone is placed).
    let kernel: KernelState

    init(_ population: StartingPopulation, scenario: Scenario) {
        var population = population
        if population.districts.isEmpty { population.districts = StartingPopulation.empty().districts }
        self.population = population
        let districts = population.districts
        districtCount = districts.count
        scatterCentres = districts.map { ScatterCentre($0.centre) }
        districtOrder = districts.indices.flatMap { i in
            districts.indices.sorted {
                let a = districts[i].centre.distanceMiles(to: districts[$0].centre)
                let b = districts[i].centre.distanceMiles(to: districts[$1].centre)
                return a < b || (a == b && $0 < $1)
            }.map { Int32($0) }
        }
        householdDistrict = population.households.map { household in
            if let name = household.district, let index = districts.firstIndex(where: { $0.name == name }) {
                return Int32(index)
            }
            return Int32(Self.nearest(household.location, districts))
        }
        func weights(_ overrides: [String: Double], _ base: (StartingPopulation.District) -> Double) -> [Double] {
            let w = districts.map { overrides.isEmpty ? base($0) : (overrides[$0.name] ?? 0) }
            return w.contains(where: { $0 > 0 }) ? w : Array(repeating: 1, count: districts.count)
        }
        childWeights = weights(scenario.entries.districtWeights) { $0.childWeight }
        carerWeights = weights(scenario.carers.recruitment.districtWeights) { $0.carerWeight }
        kernel = KernelState(population.households.map { household in
            var empty = household
            empty.occupied = 0
            empty.residentAges = []
            return empty
        }, districts: householdDistrict, districtNames: districts.map { $0.name })
        childOrder = population.children.indices.sorted { a, b in
            let ka = population.children[a].siblingKey ?? Int.max
            let kb = population.children[b].siblingKey ?? Int.max
            return ka < kb || (ka == kb && a < b)
        }
    }

    /// The same lookups built again from a deep copy of the population, for a worker thread:
    /// nothing in it shares a buffer with this one (`OwnedCopy`).
    /// - Complexity: that of `init`.
    func ownedCopy(scenario: Scenario) -> PreparedStart {
        PreparedStart(population.ownedCopy(), scenario: scenario)
    }

    /// The district whose centre is nearest to `location`.
    static func nearest(_ location: Location, _ districts: [StartingPopulation.District]) -> Int {
        var best = 0
        var bestMiles = Double.infinity
        for (i, d) in districts.enumerated() {
            let miles = d.centre.distanceMiles(to: location)
            if miles < bestMiles { best = i; bestMiles = miles }
        }
        return best
    }
}
