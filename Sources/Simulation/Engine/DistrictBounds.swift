import Matching

/// Each district's households' extent in the scoring kernel's coordinates (radians), so a
/// search can pass over a whole district whose every household fails the distance rule.
///
/// ## What it guarantees
/// `allBeyond(d, row, maxDistanceSquared:)` is true only when every household ever included in
/// district `d` fails the kernel's distance test for `row` (`ScoringKernel.failedRules`): the
/// kernel measures `dPhi^2 + (dLambda x (cosA + cosB x phi))^2` against the limit, and over the
/// district's box `|dPhi|` is at least the latitude gap, `|dLambda|` at least the longitude gap,
/// and the linear factor at least its smaller value at the box's two latitudes. The bound is
/// taken with a relative margin of 1e-6, far more than rounding can move either side.
///
/// ## Invariant
/// Boxes only grow: a household is included once, when it is added, and households never move.
/// `violations` checks every household lies in its district's box.
struct DistrictBounds {
    private(set) var latitudeMin: [Double] = []
    private(set) var latitudeMax: [Double] = []
    private(set) var longitudeMin: [Double] = []
    private(set) var longitudeMax: [Double] = []

    init() {}

    /// Empty boxes for `districts` districts (an empty box is beyond every unit).
    init(districts: Int) {
        latitudeMin = Array(repeating: .infinity, count: districts)
        latitudeMax = Array(repeating: -.infinity, count: districts)
        longitudeMin = Array(repeating: .infinity, count: districts)
        longitudeMax = Array(repeating: -.infinity, count: districts)
    }

    /// Widens district `d`'s box to hold a household at `latitude`, `longitude` (radians).
    /// - Complexity: O(1).
    mutating func include(_ d: Int, latitude: Double, longitude: Double) {
        latitudeMin[d] = min(latitudeMin[d], latitude)
        latitudeMax[d] = max(latitudeMax[d], latitude)
        longitudeMin[d] = min(longitudeMin[d], longitude)
        longitudeMax[d] = max(longitudeMax[d], longitude)
    }

    /// Whether every household in district `d` fails the distance rule for `row` under a limit
    /// of `maxDistanceSquared` (radians squared, `KernelConstants.maxDistanceSquared`).
    /// - Complexity: O(1).
    @inline(__always)
    func allBeyond(_ d: Int, _ row: UnitRow, maxDistanceSquared: Double) -> Bool {
        let low = latitudeMin[d], high = latitudeMax[d]
        guard low <= high else { return true }
        let phiGap = max(0, low - row.latitude, row.latitude - high)
        let lambdaGap = max(0, longitudeMin[d] - row.longitude, row.longitude - longitudeMax[d])
        let factor = max(0, min(row.cosA + row.cosB * low, row.cosA + row.cosB * high))
        let lambdaPart = lambdaGap * factor
        return (phiGap * phiGap + lambdaPart * lambdaPart) * (1 - 1e-6) > maxDistanceSquared
    }

    /// Households (by index, with their district) lying outside their district's box.
    func violations(districts: [Int32], columns: HouseholdColumns) -> [String] {
        var problems: [String] = []
        for h in districts.indices {
            let d = Int(districts[h])
            guard d >= 0, d < latitudeMin.count else {
                problems.append("household \(h) has district \(d), outside the bounds' \(latitudeMin.count)")
                continue
            }
            let phi = columns.latitude[h], lambda = columns.longitude[h]
            if !(latitudeMin[d] <= phi && phi <= latitudeMax[d] && longitudeMin[d] <= lambda && lambda <= longitudeMax[d]) {
                problems.append("household \(h) lies outside district \(d)'s bounds")
            }
        }
        return problems
    }
}
