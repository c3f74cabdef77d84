/// A fostering household: one row of `households.csv`.
public struct Household: Hashable, Sendable, Codable {
    public var id: HouseholdID
    public var provider: Provider
    public var location: Location
    public var district: String?
    /// Approved places, 1 or more.
    public var places: Int
    /// Looked-after children placed there now, 0...places.
    public var occupied: Int
    /// The approved age range, inclusive.
    public var ageRange: ClosedRange<Int>
    public var approvals: Approvals
    public var skills: Skills
    public var status: HouseholdStatus
    /// Ages of the children already living there (placed children and the carers' own).
    public var residentAges: [Int]
    public var ethnicity: String?
    public var language: String?
    /// Pounds per week per child, when known.
    public var weeklyCost: Double?

    public init(
        id: HouseholdID, provider: Provider, location: Location, district: String? = nil,
        places: Int, occupied: Int = 0, ageRange: ClosedRange<Int>, approvals: Approvals,
        skills: Skills = [], status: HouseholdStatus = .available, residentAges: [Int] = [],
        ethnicity: String? = nil, language: String? = nil, weeklyCost: Double? = nil
    ) {
        self.id = id
        self.provider = provider
        self.location = location
        self.district = district
        self.places = places
        self.occupied = occupied
        self.ageRange = ageRange
        self.approvals = approvals
        self.skills = skills
        self.status = status
        self.residentAges = residentAges
        self.ethnicity = ethnicity
        self.language = language
        self.weeklyCost = weeklyCost
    }

    /// Approved places not taken (0 when full).
    public var freePlaces: Int { max(0, places - occupied) }
    /// Whether the household could take a child now (available with a free place).
    public var hasVacancy: Bool { status == .available && freePlaces > 0 }
}
