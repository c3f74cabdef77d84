/// Every household's configurations (sets of units it takes together), stored flat in four
/// arrays for all households: a county lists millions of configurations, so each costs a few
/// bytes, and a meeting's plan over hundreds of households allocates four arrays, not three
/// per household.
///
/// Household `h`'s configurations are numbered `0 ..< count(of: h)`, as the packing numbers
/// its options; configuration `q` of household `h` holds the units
/// `units[range(h, q)]` (ascending), each with its score in hundredths at the same position in
/// `cents`.
struct ConfigurationTable: Equatable, Sendable {
    /// Household h's configurations are the table's `householdStart[h] ..< householdStart[h + 1]`.
    private(set) var householdStart: [Int32] = [0]
    /// The table's configuration c holds entries `unitStart[c] ..< unitStart[c + 1]`.
    private(set) var unitStart: [Int32] = [0]
    /// Each entry's unit.
    private(set) var units: [Int32] = []
    /// Each entry's score in hundredths.
    private(set) var cents: [Int32] = []

    init() {}

    /// The households listed (closed) so far.
    var householdCount: Int { householdStart.count - 1 }

    /// The number of configurations of household `h`.
    @inline(__always)
    func count(of h: Int) -> Int { Int(householdStart[h + 1] - householdStart[h]) }

    /// Whether household `h` has no configuration.
    @inline(__always)
    func isEmpty(_ h: Int) -> Bool { householdStart[h + 1] == householdStart[h] }

    /// The entries of household `h`'s configuration `q`.
    @inline(__always)
    func range(_ h: Int, _ q: Int) -> Range<Int> {
        let c = Int(householdStart[h]) + q
        return Int(unitStart[c]) ..< Int(unitStart[c + 1])
    }

    /// The entries of all of household `h`'s configurations.
    func entries(of h: Int) -> Range<Int> {
        Int(unitStart[Int(householdStart[h])]) ..< Int(unitStart[Int(householdStart[h + 1])])
    }

    /// Household `h`'s configuration `q` as a value.
    func configuration(_ h: Int, _ q: Int) -> JointPlanner.Configuration {
        let r = range(h, q)
        return JointPlanner.Configuration(units: Array(units[r]), cents: cents[r].map { Int($0) })
    }

    /// The first of household `h`'s configurations made of exactly `wanted` (ascending, as each
    /// configuration's units are), if any.
    /// - Complexity: O(entries of `h`).
    func firstIndex(of h: Int, units wanted: [Int32]) -> Int? {
        for q in 0 ..< count(of: h) where units[range(h, q)].elementsEqual(wanted) { return q }
        return nil
    }

    /// Reserves room for `configurations` more configurations of `entries` more entries.
    mutating func reserveCapacity(households: Int, configurations: Int, entries: Int) {
        householdStart.reserveCapacity(householdStart.count + households)
        unitStart.reserveCapacity(unitStart.count + configurations)
        units.reserveCapacity(units.count + entries)
        cents.reserveCapacity(cents.count + entries)
    }

    /// Adds an entry to the configuration being listed.
    @inline(__always)
    mutating func append(unit: Int32, cents score: Int32) {
        units.append(unit)
        cents.append(score)
    }

    /// Ends the configuration being listed (its entries are those appended since the last).
    @inline(__always)
    mutating func closeConfiguration() { unitStart.append(Int32(units.count)) }

    /// Ends the household being listed (its configurations are those closed since the last).
    @inline(__always)
    mutating func closeHousehold() { householdStart.append(Int32(unitStart.count - 1)) }

    /// Appends `other`'s households after these, in order.
    /// - Complexity: O(other's households + configurations + entries).
    mutating func append(_ other: ConfigurationTable) {
        let configurationOffset = Int32(unitStart.count - 1), entryOffset = Int32(units.count)
        householdStart.append(contentsOf: other.householdStart.dropFirst().lazy.map { $0 + configurationOffset })
        unitStart.append(contentsOf: other.unitStart.dropFirst().lazy.map { $0 + entryOffset })
        units.append(contentsOf: other.units)
        cents.append(contentsOf: other.cents)
    }
}
