/// One household's row of the kernel's columns (`HouseholdColumns`) held together in one
/// record, for callers that read a few households scattered through the columns.
///
/// ## Design: a row-wise copy beside the columns
/// The columns suit the kernel's sweeps over many households in order (one vector load per
/// column). A search that reads a few dozen households picked out of thousands (the simulator's
/// candidates) touches a different cache line in each of the 19 columns for every household,
/// and at national size waits on memory for most of its time. The same facts laid out as one
/// record per household (104 bytes: two or three cache lines, against 19) serve such reads
/// from about an eighth of the lines. `HouseholdColumns` keeps `records[h]` equal to its row `h` on every change
/// (`HouseholdColumns.recordsAgree` checks), and `withView` hands the kernel's own
/// functions a view of one record, so the rules and scores read from a record are the
/// columns' bit for bit.
package struct HouseholdRecord: Sendable, Equatable {
    package var latitude: Double
    package var longitude: Double
    package var residentMeanAge: Double
    package var ageFitNeutral: Double
    package var inHouse: Double
    package var longTerm: Double
    package var free: Int32
    package var places: Int32
    package var minAge: Int32
    package var maxAge: Int32
    package var approvals: Int32
    package var skills: Int32
    package var occupied: Int32
    package var youngestResident: Int32
    package var youngestNewAllowed: Int32
    package var district: Int32
    package var ethnicity: Int32
    package var ethnicGroup: Int32
    package var language: Int32

    /// Row `h` of `columns`.
    /// - Complexity: O(1).
    package init(row h: Int, of columns: HouseholdColumns) {
        latitude = columns.latitude[h]
        longitude = columns.longitude[h]
        residentMeanAge = columns.residentMeanAge[h]
        ageFitNeutral = columns.ageFitNeutral[h]
        inHouse = columns.inHouse[h]
        longTerm = columns.longTerm[h]
        free = columns.free[h]
        places = columns.places[h]
        minAge = columns.minAge[h]
        maxAge = columns.maxAge[h]
        approvals = columns.approvals[h]
        skills = columns.skills[h]
        occupied = columns.occupied[h]
        youngestResident = columns.youngestResident[h]
        youngestNewAllowed = columns.youngestNewAllowed[h]
        district = columns.district[h]
        ethnicity = columns.ethnicity[h]
        ethnicGroup = columns.ethnicGroup[h]
        language = columns.language[h]
    }

    /// Calls `body` with a view of this record as row 0 of one-row columns, so the kernel's
    /// functions on a view (`ScoringKernel.failedRules` and the like, at index 0) read it.
    /// - Complexity: O(1).
    @inlinable @inline(__always)
    package func withView<R>(_ body: (HouseholdColumnsView) -> R) -> R {
        withUnsafePointer(to: self) { record in
            let base = UnsafeRawPointer(record)
            func double(_ field: KeyPath<HouseholdRecord, Double>) -> UnsafePointer<Double> {
                (base + MemoryLayout<HouseholdRecord>.offset(of: field)!).assumingMemoryBound(to: Double.self)
            }
            func int(_ field: KeyPath<HouseholdRecord, Int32>) -> UnsafePointer<Int32> {
                (base + MemoryLayout<HouseholdRecord>.offset(of: field)!).assumingMemoryBound(to: Int32.self)
            }
            return body(HouseholdColumnsView(
                latitude: double(\.latitude), longitude: double(\.longitude), residentMeanAge: double(\.residentMeanAge),
                ageFitNeutral: double(\.ageFitNeutral), inHouse: double(\.inHouse), longTerm: double(\.longTerm),
                free: int(\.free), places: int(\.places), minAge: int(\.minAge), maxAge: int(\.maxAge),
                approvals: int(\.approvals), skills: int(\.skills), occupied: int(\.occupied),
                youngestResident: int(\.youngestResident), youngestNewAllowed: int(\.youngestNewAllowed),
                district: int(\.district), ethnicity: int(\.ethnicity), ethnicGroup: int(\.ethnicGroup),
                language: int(\.language)))
        }
    }
}
