/// A child who needs a home: one row of `children.csv`.
///
/// Holds identifiers and coded facts only; Hearth never needs a child's name.
public struct Child: Hashable, Sendable, Codable {
    public var id: ChildID
    /// Brothers and sisters to be placed together share a group; nil for a child on their own.
    public var groupID: GroupID?
    /// Age in whole years, 0-17.
    public var age: Int
    public var sex: Sex
    /// Where the child's family home is.
    public var home: Location
    /// Where the child goes to school, when known: staying at the same school is scored.
    public var school: Location?
    /// Locality name, e.g. "Stroud".
    public var district: String?
    /// The kind of home asked for.
    public var placement: PlacementRequest
    public var needs: Needs
    /// SSDA903 ETHNIC code, e.g. "WBRI".
    public var ethnicity: String?
    /// First language.
    public var language: String?
    /// Whole days since the request was made.
    public var daysWaiting: Int
    /// Whether the input allows this child's sibling group to be split if no home takes them all
    /// (children.csv extension column `may_split`).
    public var maySplit: Bool

    public init(
        id: ChildID, groupID: GroupID? = nil, age: Int, sex: Sex, home: Location,
        school: Location? = nil, district: String? = nil, placement: PlacementRequest,
        needs: Needs = [], ethnicity: String? = nil, language: String? = nil, daysWaiting: Int = 0,
        maySplit: Bool = false
    ) {
        self.id = id
        self.groupID = groupID
        self.age = age
        self.sex = sex
        self.home = home
        self.school = school
        self.district = district
        self.placement = placement
        self.needs = needs
        self.ethnicity = ethnicity
        self.language = language
        self.daysWaiting = daysWaiting
        self.maySplit = maySplit
    }

    /// The DfE age band of the child's current age.
    public var ageBand: AgeBand { AgeBand(age: age) }
}
