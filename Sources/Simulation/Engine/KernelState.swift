import CareModel
import Matching

/// The matching kernel's columns for every in-house household of a replication, kept in step
/// with the simulation so that scoring a child against candidates allocates nothing per pair.
///
/// A household's row is rebuilt (by the matching module's own `HouseholdColumns` constructor,
/// so the column formulas are never duplicated here) whenever its occupancy or status changes;
/// rows are marked stale and refreshed just before they are scored.
struct KernelState {
    var codes = CodeBook()
    var columns: HouseholdColumns
    var stale: [Bool] = []

    init() {
        columns = HouseholdColumns([], codes: &codes)
    }

    /// Adds a row for a new household (index = current count).
    mutating func append(_ household: Household) {
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

    /// Rewrites row `h` from the household's current state.
    mutating func update(_ h: Int, _ household: Household) {
        let row = HouseholdColumns([household], codes: &codes)
        columns.free[h] = row.free[0]
        columns.places[h] = row.places[0]
        columns.occupied[h] = row.occupied[0]
        columns.youngestResident[h] = row.youngestResident[0]
        columns.residentMeanAge[h] = row.residentMeanAge[0]
        columns.ageFitNeutral[h] = row.ageFitNeutral[0]
        columns.residentCounts[h] = row.residentCounts[0]
        stale[h] = false
    }
}
