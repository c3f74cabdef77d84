import CareModel
import Matching

/// The matching kernel's columns for every in-house household of a replication, kept in step
/// with the simulation so that scoring a child against candidates allocates nothing per pair.
///
/// Rows are built by the matching module's own `HouseholdColumns` constructor (and its
/// `append` for households approved during the run); afterwards only the columns that change
/// with occupancy and status are rewritten (free places, occupancy and the residents' ages),
/// whenever they change: rows are marked stale, or reach the day a resident's age in whole
/// years changes (`agesValidUntil`), and are refreshed just before they are read. A test checks
/// that scores from these rows equal `Matcher.evaluate`'s.
///
/// Each district's households' extent in the same coordinates (`DistrictBounds`) is kept with
/// the rows, so a search can pass over a district too far away without reading them.
struct KernelState {
    var codes = CodeBook()
    var columns: HouseholdColumns
    var stale: [Bool] = []
    /// Per row, the day until which its residents' whole ages stand (minus infinity until the
    /// row is first brought up to date, infinity with no residents).
    var agesValidUntil: [Double] = []
    /// The box of every district's households, in the columns' radians.
    private(set) var districtBounds = DistrictBounds()
    /// The code of each district's name (`codes.code(name)`), looked up once.
    private(set) var districtCodes: [Int32] = []

    init() {
        columns = HouseholdColumns([], codes: &codes, keepsRecords: true)
    }

    /// Rows for all of `households` at once, in districts `districts` (one per household) of
    /// the districts named `districtNames`.
    init(_ households: [Household], districts: [Int32], districtNames: [String]) {
        let districtCount = districtNames.count
        // With each row also as one record: the searches read a few households scattered
        // through the columns (`HouseholdRecord`).
        columns = HouseholdColumns(households, codes: &codes, keepsRecords: true)
        districtCodes = districtNames.map { codes.code($0) }
        stale = Array(repeating: false, count: households.count)
        agesValidUntil = Array(repeating: -.infinity, count: households.count)
        districtBounds = DistrictBounds(districts: districtCount)
        for (h, d) in districts.enumerated() {
            districtBounds.include(Int(d), latitude: columns.latitude[h], longitude: columns.longitude[h])
        }
    }

    /// Adds a row for a new household (index = current count) in district `district`.
    /// - Complexity: O(1) amortised.
    mutating func append(_ household: Household, district: Int32) {
        appendRow(district: district) { $0.append(household, codes: &$1) }
    }

    /// Adds a row for a new household in district `district` (whose name is its district) that
    /// is a copy of row `template`'s household in its ethnicity and language, so its codes are
    /// that row's and the district's, with nothing looked up: what `append(_:district:)` gives.
    /// - Complexity: O(1) amortised.
    mutating func append(_ household: Household, district: Int32, likeRow template: Int) {
        var rowCodes = columns.rowCodes(template)
        rowCodes.district = districtCodes[Int(district)]
        appendRow(district: district) { columns, _ in columns.append(household, rowCodes: rowCodes) }
    }

    /// Makes room for `total` rows in every column (see `HouseholdColumns.reserveCapacity`).
    mutating func reserveCapacity(_ total: Int) {
        columns.reserveCapacity(total)
        stale.reserveCapacity(total)
        agesValidUntil.reserveCapacity(total)
    }

    /// Adds the row `add` appends to the columns, and its bookkeeping (stale mark, district box).
    private mutating func appendRow(district: Int32, _ add: (inout HouseholdColumns, inout CodeBook) -> Void) {
        add(&columns, &codes)
        stale.append(false)
        agesValidUntil.append(-.infinity)
        let h = columns.count - 1
        districtBounds.include(Int(district), latitude: columns.latitude[h], longitude: columns.longitude[h])
    }

    /// Every array column has one value per household (checked by reflection, for tests).
    func columnsAligned() -> Bool {
        Mirror(reflecting: columns).children.allSatisfy { child in
            guard let array = child.value as? any Collection else { return true }
            return array.count == columns.count
        }
    }
}

extension KernelHome {
    /// A placeholder for a home not computed yet (latitude NaN).
    static let unset: KernelHome = {
        var home = KernelHome(Location(latitude: 0, longitude: 0))
        home.latitude = .nan
        return home
    }()
}

extension PreparedStart {
    /// Whether the starting households' identifiers are all different and none has the form
    /// of an approved household's ("N" followed by digits).
    var householdIDsUnique: Bool {
        var seen = Set<String>()
        for household in population.households {
            let id = household.id.rawValue
            guard seen.insert(id).inserted else { return false }
            if id.hasPrefix("N"), id.count > 1, id.dropFirst().allSatisfy(\.isNumber) { return false }
        }
        return true
    }
}
