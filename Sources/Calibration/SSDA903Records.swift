import Interchange
import Simulation
import CareModel

/// The rows of a council's SSDA903 return that Hearth models with, as read from its CSV tables.
///
/// Codes are kept as the return spells them (upper case) so that the cleaning report can quote
/// them; only the few fields that drive the modelling are typed. Each row remembers which file and
/// line it came from, so every row that cannot be used is reported where the analyst can find it.
public struct SSDA903Return: Sendable {
    /// The files the rows came from, as the user named them; `RowSource.file` indexes this.
    public var files: [String]
    public var headers: [SSDA903Header]
    public var episodes: [SSDA903Episode]
    public var uasc: [SSDA903UASC]
    /// Rows found unusable while reading (blank key fields, unknown codes), for the cleaning report.
    public var readIssues: [CleaningReport.Issue] = []
    /// Data rows read per table, including rows left out while reading (nil: the array counts).
    public var rowsRead: (header: Int, episodes: Int, uasc: Int)?

    public init(files: [String] = [], headers: [SSDA903Header] = [], episodes: [SSDA903Episode] = [], uasc: [SSDA903UASC] = []) {
        self.files = files
        self.headers = headers
        self.episodes = episodes
        self.uasc = uasc
    }

    /// The file name of a row's source.
    public func file(of source: RowSource) -> String {
        files.indices.contains(source.file) ? files[source.file] : "?"
    }
}

/// Where a row was read: an index into `SSDA903Return.files` and the 1-based line.
public struct RowSource: Hashable, Sendable, Comparable {
    public var file: Int
    public var line: Int
    public init(file: Int, line: Int) {
        self.file = file
        self.line = line
    }
    public static func < (a: Self, b: Self) -> Bool { (a.file, a.line) < (b.file, b.line) }
}

/// One Header row: who the child is (no names; identifiers and coded facts only).
public struct SSDA903Header: Hashable, Sendable {
    public var child: String
    /// SEX, read from either era's codes (1/2 before 2024/25, M/F/U after).
    public var sex: Sex
    public var dob: CalendarDay
    public var ethnic: String?
    /// The MOTHER field as given. In the DfE return it is a 0/1 flag ("is this child a mother");
    /// some local extracts put a mother's identifier here instead (see docs/ssda903.md).
    public var mother: String?
    public var source: RowSource
    /// LA of a regional or multi-council extract (nil in a council's own return).
    public var council: String?
    /// YEAR of a stacked extract: the collection year by its end (2024 for 2023/24).
    public var collectionYear: Int?

    public init(child: String, sex: Sex, dob: CalendarDay, ethnic: String? = nil, mother: String? = nil, source: RowSource) {
        self.child = child
        self.sex = sex
        self.dob = dob
        self.ethnic = ethnic
        self.mother = mother
        self.source = source
    }
}

/// RNE: why a new episode started.
public enum ReasonNewEpisode: String, CaseIterable, Sendable, Codable {
    /// Started to be looked after.
    case started = "S"
    /// Change of legal status only.
    case legalStatus = "L"
    /// Change of placement and carer.
    case placementAndCarer = "P"
    /// Change of placement, same carer.
    case placementSameCarer = "T"
    /// Change of legal status, placement and carer.
    case legalStatusPlacementAndCarer = "B"
    /// Change of legal status and placement, same carer.
    case legalStatusAndPlacement = "U"

    /// Whether the episode starts a new placement (every code except S and L).
    public var isPlacementChange: Bool { self != .started && self != .legalStatus }
}

/// One Episodes row: a stretch of care with one legal status and one placement.
public struct SSDA903Episode: Hashable, Sendable {
    public var child: String
    /// DECOM: the first day of the episode.
    public var start: CalendarDay
    public var reasonNew: ReasonNewEpisode
    /// LS, e.g. C2.
    public var legalStatus: String
    /// CIN, e.g. N1.
    public var categoryOfNeed: String?
    /// PLACE, e.g. U4.
    public var place: String
    /// PLACE_PROVIDER, e.g. PR1.
    public var provider: String?
    /// DEC: the day the episode ended; nil while open.
    public var end: CalendarDay?
    /// REC, e.g. E4A or X1; nil while open.
    public var reasonEnded: String?
    /// REASON_PLACE_CHANGE, e.g. CARPL.
    public var reasonPlaceChange: String?
    /// HOME_POST: postcode district of the child's home.
    public var homePostcode: String?
    /// PL_POST: postcode district of the placement.
    public var placementPostcode: String?
    /// URN: Ofsted registration of the provision.
    public var urn: String?
    public var source: RowSource
    /// LA of a regional or multi-council extract (nil in a council's own return).
    public var council: String?
    /// YEAR of a stacked extract: the collection year by its end (2024 for 2023/24).
    public var collectionYear: Int?

    public init(
        child: String, start: CalendarDay, reasonNew: ReasonNewEpisode, legalStatus: String,
        categoryOfNeed: String? = nil, place: String, provider: String? = nil, end: CalendarDay? = nil,
        reasonEnded: String? = nil, reasonPlaceChange: String? = nil, homePostcode: String? = nil,
        placementPostcode: String? = nil, urn: String? = nil, source: RowSource
    ) {
        self.child = child
        self.start = start
        self.reasonNew = reasonNew
        self.legalStatus = legalStatus
        self.categoryOfNeed = categoryOfNeed
        self.place = place
        self.provider = provider
        self.end = end
        self.reasonEnded = reasonEnded
        self.reasonPlaceChange = reasonPlaceChange
        self.homePostcode = homePostcode
        self.placementPostcode = placementPostcode
        self.urn = urn
        self.source = source
    }

    /// The placement type (PLACE with PLACE_PROVIDER for foster care).
    public var placementType: PlacementType { PlacementType(place: place, provider: provider) }

    /// Whether this is a short-break (respite) episode, LS V3 or V4.
    public var isShortBreak: Bool { legalStatus == "V3" || legalStatus == "V4" }

    /// Every modelled field equal (the source line aside): the same row sent twice.
    public func sameContent(as other: SSDA903Episode) -> Bool {
        var a = self
        a.source = other.source
        return a == other
    }
}

/// One UASC row: the child was an unaccompanied asylum-seeking child (until DUC, when given).
public struct SSDA903UASC: Hashable, Sendable {
    public var child: String
    public var sex: Sex?
    public var dob: CalendarDay?
    /// DUC: the date the child ceased to be UASC.
    public var ceased: CalendarDay?
    public var source: RowSource
    /// LA of a regional or multi-council extract.
    public var council: String?

    public init(child: String, sex: Sex? = nil, dob: CalendarDay? = nil, ceased: CalendarDay? = nil, source: RowSource) {
        self.child = child
        self.sex = sex
        self.dob = dob
        self.ceased = ceased
        self.source = source
    }
}

/// The SSDA903 code lists of the DfE guidance, every code of both eras (up to 2023/24 and
/// 2024/25 on), that Hearth checks against. A code outside them is read leniently and reported
/// once per code with its count.
public enum SSDA903Codes {
    /// PLACE: adoption A3-A6; H5 and P2 (to 2023/24, still read after); K1-K3 (K3 from
    /// 2024/25); P1 with parents, P3 residential employment; R1-R3, R5; S1; T0-T4 temporary;
    /// U1-U6 foster; Z1 (to 2024/25) and Z11-Z14 (2025/26 on) other.
    public static let placeCodes: Set<String> = [
        "A3", "A4", "A5", "A6", "H5", "K1", "K2", "K3", "P1", "P2", "P3", "R1", "R2", "R3", "R5", "S1",
        "T0", "T1", "T2", "T3", "T4", "U1", "U2", "U3", "U4", "U5", "U6", "Z1", "Z11", "Z12", "Z13", "Z14",
    ]
    /// LS: care orders C1/C2, freeing and placement orders D1/E1, section 20 V2 and short-break
    /// series V3/V4, police protection, EPO and assessment orders L1-L3, youth justice J1-J3.
    public static let legalStatuses: Set<String> = [
        "C1", "C2", "D1", "E1", "V2", "V3", "V4", "J1", "J2", "J3", "L1", "L2", "L3",
    ]
    /// PLACE_PROVIDER: PR0 parent, PR1 own LA, PR2 other LA, PR3 other public, PR4 private, PR5 voluntary.
    public static let providers: Set<String> = ["PR0", "PR1", "PR2", "PR3", "PR4", "PR5"]
    /// RNE, as `ReasonNewEpisode`.
    public static let reasonsNew: Set<String> = Set(ReasonNewEpisode.allCases.map(\.rawValue))
    /// REC of both eras: E11/E12 adopted, E2 died, E3 another LA, E4A/E4B home (E4 before the
    /// split), E13 relatives without PR, E41 residence or child arrangements order, E43/E44
    /// special guardianship (to 2017/18) and E45-E48 (2018/19 on), E5/E6 independent living,
    /// E7 adult social care, E8 other, E9 custody, E14 remand ended, E15 age assessed 18+,
    /// E16 moved abroad, E17 aged 18 staying on, X1 episode ends and a new one starts.
    public static let reasonsEnded: Set<String> = [
        "E11", "E12", "E2", "E3", "E4", "E4A", "E4B", "E13", "E41", "E43", "E44", "E45", "E46", "E47",
        "E48", "E5", "E6", "E7", "E8", "E9", "E14", "E15", "E16", "E17", "X1",
    ]
    /// CIN: N1 abuse or neglect ... N8 absent parenting.
    public static let categoriesOfNeed: Set<String> = ["N1", "N2", "N3", "N4", "N5", "N6", "N7", "N8"]
    /// The first day of the 2024/25 collection, when K3 and the M/F/U sex codes came in.
    public static let year2024Start = CalendarDay(year: 2024, month: 4, day: 1)!
    /// The first day of the 2025/26 collection, when H5 and P2 were withdrawn.
    public static let year2025Start = CalendarDay(year: 2025, month: 4, day: 1)!

    /// SEX in either era: 1 or M male, 2 or F female, U (or 0/9) unknown.
    public static func sex(_ text: String) -> Sex? {
        switch text.uppercased() {
        case "1", "M": .male
        case "2", "F": .female
        case "U", "0", "9": .unknown
        default: nil
        }
    }
}
