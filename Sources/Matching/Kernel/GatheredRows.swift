/// Scratch columns for scoring a list of households (a search's candidates) with the vectorised
/// kernel, kept by the caller from one list to the next so that scoring allocates nothing.
///
/// ## Design: the listed rows gathered into lanes
/// The listed households' rows (`HouseholdRecord`) are copied into these columns, padded to a whole number of
/// eight-lane blocks with rows that have no place free (never feasible), and
/// `ScoringKernel.scoreRow` scores them. A search's few candidates have passed the integer
/// checks, so most are scored in full, and the scalar kernel branches on each soft criterion in
/// ways no predictor learns; the lanes take no branch. Each lane does the scalar kernel's
/// operations in the same order, so the scores are the scalar kernel's bits.
package struct GatheredRows: Sendable {
    /// The six double columns, then the scores, `rows` apart.
    private var doubles: [Double] = []
    /// The thirteen integer columns, `rows` apart.
    private var ints: [Int32] = []

    package init() {}

    /// Scores of `unit` against households `indices` of `columns`, in that order, written to
    /// `out[0 ..< indices.count]`: what `ScoringKernel.scoreRow` gives for each, bit for bit.
    ///
    /// The rows are read from `columns.records` (one record per household; the columns must
    /// keep them, `keepsRecords`), not the columns:
    /// the households listed lie scattered through memory. Not generic and compiled here, so
    /// that a caller in another module (the simulator's search for an in-house home, on every
    /// search) reaches the kernel through one direct call.
    /// - Complexity: O(indices.count), no allocation once the columns have room.
    package mutating func score(
        _ unit: UnitRow, _ columns: HouseholdColumns, _ indices: [Int], constants: KernelConstants,
        into out: UnsafeMutablePointer<Double>
    ) {
        precondition(columns.keepsRecords, "GatheredRows reads the columns' records: make the columns with keepsRecords")
        let n = indices.count
        guard n > 0 else { return }
        let rows = (n + 7) & ~7
        if doubles.count < 7 * rows {
            doubles = [Double](repeating: 0, count: 7 * rows)
            ints = [Int32](repeating: 0, count: 13 * rows)
        }
        doubles.withUnsafeMutableBufferPointer { doubleColumns in
            ints.withUnsafeMutableBufferPointer { intColumns in
                let d = doubleColumns.baseAddress!, z = intColumns.baseAddress!
                let lat = d, lon = d + rows, rma = d + 2 * rows, afn = d + 3 * rows, ih = d + 4 * rows, lt = d + 5 * rows
                let scores = d + 6 * rows
                let fr = z, pl = z + rows, mn = z + 2 * rows, mx = z + 3 * rows, ap = z + 4 * rows, sk = z + 5 * rows
                let oc = z + 6 * rows, yr = z + 7 * rows, yn = z + 8 * rows, di = z + 9 * rows, et = z + 10 * rows
                let eg = z + 11 * rows, la = z + 12 * rows
                // Read from the row-wise records: each household's facts lie on two or
                // three cache lines there, against one line per column (`HouseholdRecord`).
                columns.records.withUnsafeBufferPointer { records in
                    for (r, h) in indices.enumerated() {
                        let row = records[h]
                        lat[r] = row.latitude; lon[r] = row.longitude; rma[r] = row.residentMeanAge
                        afn[r] = row.ageFitNeutral; ih[r] = row.inHouse; lt[r] = row.longTerm
                        fr[r] = row.free; pl[r] = row.places; mn[r] = row.minAge; mx[r] = row.maxAge
                        ap[r] = row.approvals; sk[r] = row.skills; oc[r] = row.occupied
                        yr[r] = row.youngestResident; yn[r] = row.youngestNewAllowed; di[r] = row.district
                        et[r] = row.ethnicity; eg[r] = row.ethnicGroup; la[r] = row.language
                    }
                }
                // Padding rows: no place free, so never feasible (the other columns hold
                // earlier rows' values, which only feed lanes that are discarded).
                for r in n ..< rows { fr[r] = -1 }
                let block = HouseholdColumnsView(
                    latitude: lat, longitude: lon, residentMeanAge: rma, ageFitNeutral: afn, inHouse: ih, longTerm: lt,
                    free: fr, places: pl, minAge: mn, maxAge: mx, approvals: ap, skills: sk, occupied: oc,
                    youngestResident: yr, youngestNewAllowed: yn, district: di, ethnicity: et, ethnicGroup: eg, language: la)
                ScoringKernel.scoreRow(unit, block, range: 0 ..< rows, constants: constants, into: scores)
                out.update(from: scores, count: n)
            }
        }
    }
}
