/// In-house households and places as the month's figures count them: approved households, their
/// approved places and the children living there, and of those not on hold, the places, the
/// places used and the vacancies.
/// One household's counts (`init(_:)`) are added to a replication's running total whenever it
/// changes, so a month's record reads the total without walking every household.
struct PlaceCounts: Equatable {
    var households = 0
    var approved = 0
    var available = 0
    var used = 0
    var vacancies = 0
    /// Children placed with the households (staying-put young people not counted).
    var children = 0

    init() {}

    /// What `household` counts for now: nothing once it has resigned; its places when approved,
    /// and its places, places used and vacancies when not on hold.
    init(_ household: SimHousehold) {
        guard household.active else { return }
        let places = household.places
        households = 1
        approved = places
        children = household.occupants.count
        if !household.onHold {
            available = places
            used = min(household.occupied, places)
            vacancies = household.free
        }
    }

    static func += (total: inout PlaceCounts, counts: PlaceCounts) {
        total.households += counts.households
        total.approved += counts.approved
        total.available += counts.available
        total.used += counts.used
        total.vacancies += counts.vacancies
        total.children += counts.children
    }

    static func -= (total: inout PlaceCounts, counts: PlaceCounts) {
        total.households -= counts.households
        total.approved -= counts.approved
        total.available -= counts.available
        total.used -= counts.used
        total.vacancies -= counts.vacancies
        total.children -= counts.children
    }
}
