/// The DfE's standard reporting age bands for children looked after (age at 31 March).
public enum AgeBand: Int, CaseIterable, Sendable, Codable, Comparable, CustomStringConvertible {
    case underOne = 0
    case oneToFour
    case fiveToNine
    case tenToFifteen
    case sixteenPlus

    /// The band for a child of `age` whole years (ages above 17 fall in `sixteenPlus`).
    public init(age: Int) {
        switch age {
        case ..<1: self = .underOne
        case 1...4: self = .oneToFour
        case 5...9: self = .fiveToNine
        case 10...15: self = .tenToFifteen
        default: self = .sixteenPlus
        }
    }

    /// The youngest and oldest whole-year ages in the band (16+ ends at 17, the last year in care).
    public var ages: ClosedRange<Int> {
        switch self {
        case .underOne: 0...0
        case .oneToFour: 1...4
        case .fiveToNine: 5...9
        case .tenToFifteen: 10...15
        case .sixteenPlus: 16...17
        }
    }

    /// The snake_case key used in files (`under_1`, `1_4`, `5_9`, `10_15`, `16_plus`).
    public var key: String {
        switch self {
        case .underOne: "under_1"
        case .oneToFour: "1_4"
        case .fiveToNine: "5_9"
        case .tenToFifteen: "10_15"
        case .sixteenPlus: "16_plus"
        }
    }

    /// The label used in tables and reports, as the DfE prints it.
    public var description: String {
        switch self {
        case .underOne: "under 1"
        case .oneToFour: "1-4"
        case .fiveToNine: "5-9"
        case .tenToFifteen: "10-15"
        case .sixteenPlus: "16+"
        }
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}
