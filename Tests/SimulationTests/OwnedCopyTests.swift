import CareModel
import Foundation
import Testing
@testable import Simulation

/// Every bundled scenario's deep copy equals it and holds its arrays in buffers of its own;
/// the starting population's copy likewise, and the lookups built from it equal the originals.
@Test func ownedCopiesAreEqualAndShareNoBuffer() throws {
    func base<T>(_ array: [T]) -> UnsafeRawPointer? { array.withUnsafeBufferPointer { UnsafeRawPointer($0.baseAddress) } }
    for name in BundledScenarios.json.keys.sorted() where name != "england-size" {
        let scenario = try ScenarioFile.bundled(name).resolvingDates()
        let copy = OwnedCopy.of(scenario)
        #expect(copy == scenario, "\(name)")
        #expect(base(copy.entries.siblingGroupSizes) != base(scenario.entries.siblingGroupSizes) || scenario.entries.siblingGroupSizes.isEmpty,
                "\(name): the copy shares the sibling group sizes")
        #expect(base(copy.moves.breakdownsPerYear.values) != base(scenario.moves.breakdownsPerYear.values), "\(name)")
    }
    let scenario = Scenario()
    let prepared = PreparedStart(SimTest.countyStart, scenario: scenario)
    let own = prepared.ownedCopy(scenario: scenario)
    #expect(own.population.households == prepared.population.households)
    #expect(own.population.children.count == prepared.population.children.count)
    #expect(own.population.districts == prepared.population.districts)
    #expect(own.districtOrder == prepared.districtOrder && own.childOrder == prepared.childOrder)
    #expect(own.childWeights == prepared.childWeights && own.householdDistrict == prepared.householdDistrict)
    #expect(base(own.population.households) != base(prepared.population.households))
    #expect(base(own.population.children) != base(prepared.population.children))
    #expect(base(own.districtOrder) != base(prepared.districtOrder))
}

/// A value whose encoding loses a field is not copied: the original comes back.
@Test func ownedCopyKeepsTheOriginalWhenTheEncodingLosesSomething() {
    struct Lossy: Codable, Equatable {
        var kept: [Double]
        var lost: [Double] = []
        enum CodingKeys: String, CodingKey { case kept }
    }
    let value = Lossy(kept: [1, 2], lost: [3])
    let copy = OwnedCopy.of(value)
    #expect(copy == value)
    #expect(copy.lost.withUnsafeBufferPointer { $0.baseAddress } == value.lost.withUnsafeBufferPointer { $0.baseAddress })
    let plain = OwnedCopy.of(Lossy(kept: [4]))
    #expect(plain == Lossy(kept: [4]))
}
