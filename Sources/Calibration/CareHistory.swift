import Interchange
import Simulation
import CareModel

/// One child's time in care, rebuilt from their cleaned episodes.
public struct CareHistory: Sendable {
    public var child: String
    public var sex: Sex
    public var dob: CalendarDay
    /// Whether the child appears in the UASC table.
    public var isUASC: Bool
    /// The Header MOTHER field as given (see `SSDA903Header.mother`).
    public var motherField: String?
    /// Periods of care in date order; they never overlap.
    public var periods: [PeriodOfCare]

    public init(child: String, sex: Sex, dob: CalendarDay, isUASC: Bool, motherField: String?, periods: [PeriodOfCare]) {
        self.child = child
        self.sex = sex
        self.dob = dob
        self.isUASC = isUASC
        self.motherField = motherField
        self.periods = periods
    }

    /// Whole years of age on `day`.
    public func age(on day: CalendarDay) -> Int { day.age(bornOn: dob) }
}

/// A period of care: from a start (RNE = S) to the first episode end whose REC is not X1.
public struct PeriodOfCare: Sendable {
    public var start: CalendarDay
    /// The day care ended; nil while the child is still looked after at the end of the data.
    public var end: CalendarDay?
    /// REC of the episode that ended the period (nil while open).
    public var reasonEnded: String?
    /// False when the data begins part-way through the period (its first episode is not RNE = S):
    /// the true start is unknown, so the period counts for exposure but not as an entry.
    public var startObserved: Bool
    /// HOME_POST at the start of the period.
    public var homePostcode: String?
    /// LS of the first episode.
    public var legalStatus: String
    /// Placements in date order; a new one starts at each episode whose RNE changes the placement.
    public var placements: [PlacementSpell]

    public init(start: CalendarDay, end: CalendarDay?, reasonEnded: String?, startObserved: Bool, homePostcode: String?, legalStatus: String, placements: [PlacementSpell]) {
        self.start = start
        self.end = end
        self.reasonEnded = reasonEnded
        self.startObserved = startObserved
        self.homePostcode = homePostcode
        self.legalStatus = legalStatus
        self.placements = placements
    }

    /// Placement changes within the period.
    public var moves: Int { max(0, placements.count - 1) }

    /// Whether the child is in this period on `day` (start inclusive, end exclusive).
    public func contains(_ day: CalendarDay) -> Bool { start <= day && (end.map { day < $0 } ?? true) }

    /// The placement on `day`, if the period covers it.
    public func placement(on day: CalendarDay) -> PlacementSpell? {
        guard contains(day) else { return nil }
        return placements.last { $0.start <= day }
    }
}

/// One placement within a period of care.
public struct PlacementSpell: Sendable, Hashable {
    public var start: CalendarDay
    /// Nil while open.
    public var end: CalendarDay?
    public var type: PlacementType
    /// PLACE and PLACE_PROVIDER as given.
    public var place: String
    public var provider: String?
    /// PL_POST.
    public var postcode: String?
    /// HOME_POST when this placement started.
    public var homePostcode: String?
    /// REASON_PLACE_CHANGE of the episode that ended the previous placement (nil for the first).
    public var reasonChange: String?

    public init(start: CalendarDay, end: CalendarDay?, type: PlacementType, place: String, provider: String?, postcode: String?, homePostcode: String?, reasonChange: String?) {
        self.start = start
        self.end = end
        self.type = type
        self.place = place
        self.provider = provider
        self.postcode = postcode
        self.homePostcode = homePostcode
        self.reasonChange = reasonChange
    }
}
