/// A council's published yearly figures: the DfE's children-looked-after tables and Ofsted's
/// fostering tables, one value per measure and year ending 31 March, each with its source line.
///
/// Suppressed cells (`c`, `..`, `x`, `z`, `low`, ...) are absent, never zero.
public struct PublishedFigures: Sendable, Equatable {
    /// What a published figure counts.
    public enum Measure: String, CaseIterable, Sendable, Comparable {
        /// Children looked after on 31 March.
        case childrenInCare = "children_in_care"
        /// Children who started to be looked after during the year.
        case started
        /// Children who ceased to be looked after during the year.
        case ceased
        /// On 31 March, by placement (DfE placement groups).
        case fosterPlacements = "placement_foster"
        case residentialPlacements = "placement_residential"
        case supportedPlacements = "placement_supported"
        case placedForAdoption = "placement_adoption"
        case placedWithParents = "placement_with_parents"
        case otherPlacements = "placement_other"
        /// On 31 March, by age group.
        case ageUnder1 = "age_under_1"
        case age1To4 = "age_1_4"
        case age5To9 = "age_5_9"
        case age10To15 = "age_10_15"
        case age16Plus = "age_16_plus"
        /// On 31 March, placed more than 20 miles from home.
        case over20Miles = "over_20_miles"
        /// On 31 March, placed outside the council's boundary.
        case outsideBoundary = "outside_boundary"
        /// Ofsted, the council's own fostering service on 31 March.
        case fosterHouseholds = "fostering_households"
        case fosterPlaces = "fostering_places"
        case filledPlaces = "filled_places"
        case vacantPlaces = "vacant_places"
        case unavailablePlaces = "unavailable_places"
        /// Ofsted, during the year.
        case enquiries
        case applications
        case householdsApproved = "households_approved"
        case deregistrations

        public static func < (a: Measure, b: Measure) -> Bool { a.order < b.order }
        var order: Int { Measure.allCases.firstIndex(of: self)! }

        /// Whether the figure counts events during the year (not a 31 March stock).
        public var isFlow: Bool {
            switch self {
            case .started, .ceased, .enquiries, .applications, .householdsApproved, .deregistrations: true
            default: false
            }
        }

        /// A label for tables.
        public var label: String {
            switch self {
            case .childrenInCare: "looked after on 31 March"
            case .started: "started in year"
            case .ceased: "ceased in year"
            case .fosterPlacements: "foster placements"
            case .residentialPlacements: "secure units, children's homes"
            case .supportedPlacements: "supported and semi-independent"
            case .placedForAdoption: "placed for adoption"
            case .placedWithParents: "placed with parents"
            case .otherPlacements: "other placements"
            case .ageUnder1: "aged under 1"
            case .age1To4: "aged 1-4"
            case .age5To9: "aged 5-9"
            case .age10To15: "aged 10-15"
            case .age16Plus: "aged 16+"
            case .over20Miles: "over 20 miles from home"
            case .outsideBoundary: "outside the council's boundary"
            case .fosterHouseholds: "approved fostering households"
            case .fosterPlaces: "approved fostering places"
            case .filledPlaces: "filled places"
            case .vacantPlaces: "vacant places"
            case .unavailablePlaces: "places not available"
            case .enquiries: "initial enquiries"
            case .applications: "applications"
            case .householdsApproved: "households approved in year"
            case .deregistrations: "households deregistered"
            }
        }
    }

    /// One published number.
    public struct Figure: Sendable, Equatable {
        public var measure: Measure
        /// The year ending 31 March (2024 = April 2023 to March 2024, or 31 March 2024).
        public var year: Int
        public var value: Double
        /// `file:line` it was read from.
        public var source: String
        public init(measure: Measure, year: Int, value: Double, source: String) {
            self.measure = measure
            self.year = year
            self.value = value
            self.source = source
        }
    }

    /// The council's name as the files give it.
    public var council: String
    /// Figures by measure and year; a later file's figure replaces an earlier one's (newer
    /// releases revise earlier years).
    public private(set) var figures: [Measure: [Int: Figure]] = [:]

    public init(council: String) { self.council = council }

    /// Adds or replaces a figure.
    public mutating func set(_ figure: Figure) { figures[figure.measure, default: [:]][figure.year] = figure }

    /// The figure for `measure` in the year ending 31 March `year`, if published.
    public func figure(_ measure: Measure, year: Int) -> Figure? { figures[measure]?[year] }

    /// The years with a figure for `measure`, in order.
    public func years(_ measure: Measure) -> [Int] { (figures[measure] ?? [:]).keys.sorted() }

    /// Every figure in measure then year order.
    public var all: [Figure] {
        figures.keys.sorted().flatMap { m in years(m).compactMap { figure(m, year: $0) } }
    }

    public var isEmpty: Bool { figures.values.allSatisfy(\.isEmpty) }

    /// The most years between two consecutive years with figures that a series of releases
    /// leaves (a year or two a council did not publish).
    public static let largestGapInASeries = 3

    /// The latest year with a figure when it stands more than `largestGapInASeries` years after
    /// the year before (a year typed 2099 for 2019, or files of two eras mixed), with the year
    /// before and the first figure of it; nil otherwise. The start is read from the latest year,
    /// so such a year is worth a warning.
    public var strayLatestYear: (year: Int, before: Int, figure: Figure)? {
        let years = Set(figures.values.flatMap(\.keys)).sorted()
        guard years.count >= 2, let last = years.last, last - years[years.count - 2] > Self.largestGapInASeries,
              let figure = all.first(where: { $0.year == last }) else { return nil }
        return (last, years[years.count - 2], figure)
    }
}
