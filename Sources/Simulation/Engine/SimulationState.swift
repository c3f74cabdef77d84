import CareModel

/// Where a child is in the system.
enum ChildState: UInt8 {
    /// In care, waiting for a home to be found (counted in `waiting`).
    case waiting
    /// In care and living in a placement.
    case placed
    /// Left care.
    case left
}

/// Why a child's time in care ends.
enum ExitDestination: UInt8 {
    case home, adoption, specialGuardianship, other, eighteen
}

/// One child in the simulation: a plain struct in a flat array, addressed by index.
struct SimChild {
    var birthDay: Double
    var entryDay: Double
    var exitDay: Double
    var placedDay: Double
    var waitingSince: Double
    /// Start days of the three most recent placements, newest first (-inf when none).
    var recentStarts: (Double, Double, Double)
    var home: Location
    /// The in-house household when fostered in-house, else -1.
    var household: Int32
    /// Children placed together in one act share a unit (siblings-together measure).
    var unit: Int32
    var group: Int32
    /// Bumped at every placement change; stale breakdown and move events carry an old stamp.
    var placementStamp: UInt32
    /// Bumped when the exit is rescheduled.
    var exitStamp: UInt32
    var district: Int32
    var needs: Needs
    var request: PlacementRequest
    var state: ChildState
    var type: PlacementType
    var destination: ExitDestination
    var over20: Bool
    var ownBed: Bool
    /// Ready to step down (residential to foster, agency to in-house) when a place fits.
    var stepDownReady: Bool
    /// Put forward for a planned move (poor-fit emergency home).
    var wantsMove: Bool
    /// The vacancy epoch at which the last search for a move found nothing (-1 = none).
    var searchedAtEpoch: Int32 = -1
    /// Multiplier of every move rate of this child (gamma, mean 1; `moves.frailty_shape`), drawn
    /// at the first placement; -1 = not drawn yet.
    var frailty: Double = -1
    /// The child's own random key (`RandomSource`): set when the child is added.
    var key = RandomKey(0)

    func age(at day: Double) -> Double { (day - birthDay) / Calendar.yearDays }

    /// The day until which the child's age in whole years on `day` stands: the next birthday,
    /// less a millionth of a day, so that the division in `age(at:)` cannot round up to it first.
    func wholeAgeStands(from day: Double) -> Double {
        birthDay + Double(Int(age(at: day)) + 1) * Calendar.yearDays - 1e-6
    }
}

/// Brothers and sisters who entered together: children `first ..< first + count`.
struct SimGroup {
    var first: Int32
    var count: Int32
}

/// One in-house fostering household.
struct SimHousehold {
    /// The matching engine's view (occupancy, status and resident ages refreshed before use:
    /// `Replication.refreshedHousehold`).
    var household: Household
    /// The day until which `household`'s occupancy, status and residents' ages stand as last
    /// refreshed (a resident's next birthday, infinity with none): minus infinity once the
    /// household changes (`Replication.refreshVacancy`), so the view is rebuilt when next read.
    var viewValidUntil = -Double.infinity
    /// Approved and not resigned.
    var active: Bool
    var onHold: Bool
    var occupants: [Int32]
    /// Young people staying put past 18, holding a place.
    var stayingPut: Int32
    /// Bumped to cancel a scheduled resignation or hold.
    var stamp: UInt32
    var district: Int32
    /// The household's own random key (`RandomSource`).
    var key = RandomKey(0)
    /// Holds drawn so far (the next hold draw's index).
    var holdDraws: UInt32 = 0
    /// The scheduled resignation day (infinity: none), and the stamp of its event: a change
    /// of resignation rate moves it (the remaining time scaled) without touching holds.
    var resignationDay = Double.infinity
    var resignationStamp: UInt32 = 0
    /// Copies of the approval facts for the integer checks of the candidate search.
    var minAge: Int
    var maxAge: Int
    var approvals: UInt8

    init(household: Household, active: Bool, onHold: Bool, occupants: [Int32], stayingPut: Int32, stamp: UInt32, district: Int32) {
        self.household = household
        self.active = active
        self.onHold = onHold
        self.occupants = occupants
        self.stayingPut = stayingPut
        self.stamp = stamp
        self.district = district
        minAge = household.ageRange.lowerBound
        maxAge = household.ageRange.upperBound
        approvals = household.approvals.rawValue
        places = household.places
        location = household.location
    }

    /// A copy of the household's location (reading it through `household` copied the whole
    /// `Household` value, with its strings and arrays, on every search).
    var location: Location

    /// Approved places.
    var places: Int
    /// Free places that could be used when last indexed (to notice places freeing up).
    var lastFree = 0
    /// What the household added to the replication's running place counts when last indexed
    /// (`Replication.placeCounts`).
    var counted = PlaceCounts()

    var occupied: Int { occupants.count + Int(stayingPut) }
    var free: Int { max(0, places - occupied) }
    /// Whether new children can be placed here.
    var takesChildren: Bool { active && !onHold && free > 0 }
}

/// Time constants: the simulator counts in days.
enum Calendar {
    static let yearDays = 365.25
    static let monthDays = 365.25 / 12
}
