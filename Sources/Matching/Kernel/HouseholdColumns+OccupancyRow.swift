extension HouseholdColumns {
    /// The columns of one row that follow occupancy and status (those `setOccupancy` writes),
    /// saved so that a row brought up to date for a check can be put back as it was.
    package struct OccupancyRow: Sendable, Equatable {
        var free: Int32
        var places: Int32
        var occupied: Int32
        var youngestResident: Int32
        var residentMeanAge: Double
        var ageFitNeutral: Double
        var residentCount: Int32
    }

    /// Row `h`'s occupancy columns as they are.
    /// - Complexity: O(1).
    package func occupancyRow(_ h: Int) -> OccupancyRow {
        OccupancyRow(
            free: free[h], places: places[h], occupied: occupied[h], youngestResident: youngestResident[h],
            residentMeanAge: residentMeanAge[h], ageFitNeutral: ageFitNeutral[h], residentCount: residentCounts[h])
    }

    /// Puts back row `h`'s occupancy columns as `saved` holds them.
    /// - Complexity: O(1).
    package mutating func restoreOccupancy(_ saved: OccupancyRow, at h: Int) {
        free[h] = saved.free
        places[h] = saved.places
        occupied[h] = saved.occupied
        youngestResident[h] = saved.youngestResident
        residentMeanAge[h] = saved.residentMeanAge
        ageFitNeutral[h] = saved.ageFitNeutral
        residentCounts[h] = saved.residentCount
    }
}
