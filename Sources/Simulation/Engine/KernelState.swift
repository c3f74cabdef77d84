import CareModel
import Matching

/// The matching kernel's columns for every in-house household of a replication, kept in step
/// with the simulation so that scoring a child against candidates allocates nothing per pair.
///
/// Rows are built by the matching module's own `HouseholdColumns` constructor; afterwards only
/// the columns that change with occupancy and status are rewritten (free places, occupancy and
/// the residents' ages), whenever they change: rows are marked stale and refreshed just before
/// they are scored. A test checks that scores from these rows equal `Matcher.evaluate`'s.
struct KernelState {
    var codes = CodeBook()
    var columns: HouseholdColumns
    var stale: [Bool] = []
    /// The households as first added (their fixed facts), for a full rebuild.
    var rows: [Household] = []
    /// Whether appending column by column was checked to keep every column the same length
    /// (nil = not checked yet; false = the matching module has columns this file does not
    /// know, so new rows are added by rebuilding all columns instead).
    var appendKeepsColumnsAligned: Bool? = nil

    init() {
        columns = HouseholdColumns([], codes: &codes)
    }

    /// Rows for all of `households` at once.
    init(_ households: [Household]) {
        columns = HouseholdColumns(households, codes: &codes)
        stale = Array(repeating: false, count: households.count)
        rows = households
    }

    /// Adds a row for a new household (index = current count).
    mutating func append(_ household: Household) {
        rows.append(household)
        if appendKeepsColumnsAligned == false {
            rebuild()
            return
        }
        appendColumns(household)
        if appendKeepsColumnsAligned == nil {
            appendKeepsColumnsAligned = columnsAligned()
            if appendKeepsColumnsAligned == false { rebuild() }
        }
    }

    /// Every array column has one value per household (checked once, by reflection).
    func columnsAligned() -> Bool {
        Mirror(reflecting: columns).children.allSatisfy { child in
            guard let array = child.value as? any Collection else { return true }
            return array.count == columns.count
        }
    }

    /// Rebuilds every column from the households' fixed facts; the rows that change with
    /// occupancy are then refreshed before they are next scored.
    mutating func rebuild() {
        columns = HouseholdColumns(rows, codes: &codes)
        stale = Array(repeating: true, count: rows.count)
    }

    mutating func appendColumns(_ household: Household) {
        let row = HouseholdColumns([household], codes: &codes)
        columns.latitude.append(row.latitude[0])
        columns.longitude.append(row.longitude[0])
        columns.free.append(row.free[0])
        columns.places.append(row.places[0])
        columns.minAge.append(row.minAge[0])
        columns.maxAge.append(row.maxAge[0])
        columns.approvals.append(row.approvals[0])
        columns.skills.append(row.skills[0])
        columns.occupied.append(row.occupied[0])
        columns.youngestResident.append(row.youngestResident[0])
        columns.youngestNewAllowed.append(row.youngestNewAllowed[0])
        columns.district.append(row.district[0])
        columns.ethnicity.append(row.ethnicity[0])
        columns.ethnicGroup.append(row.ethnicGroup[0])
        columns.language.append(row.language[0])
        columns.residentMeanAge.append(row.residentMeanAge[0])
        columns.ageFitNeutral.append(row.ageFitNeutral[0])
        columns.inHouse.append(row.inHouse[0])
        columns.longTerm.append(row.longTerm[0])
        columns.residentCounts.append(row.residentCounts[0])
        columns.count += 1
        stale.append(false)
    }

    /// Rewrites the changing columns of row `h` from the household's current state (the same
    /// definitions as `HouseholdColumns.init`).
    mutating func update(_ h: Int, _ household: Household) {
        let free = household.freePlaces
        columns.free[h] = household.status == .available ? Int32(free) : -1
        columns.places[h] = Int32(free)
        columns.occupied[h] = Int32(household.occupied)
        let ages = household.residentAges
        columns.youngestResident[h] = ages.min().map(Int32.init) ?? Int32.max
        columns.residentMeanAge[h] = ages.isEmpty ? 0 : Double(ages.reduce(0, +)) / Double(ages.count)
        columns.ageFitNeutral[h] = ages.isEmpty ? 1 : 0
        columns.residentCounts[h] = Int32(ages.count)
        stale[h] = false
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
