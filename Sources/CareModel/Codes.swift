/// The small coded vocabularies of the input files: sex, placement requests, providers, status.
///
/// Each enum's `rawValue` is exactly the token used in the CSV files, so parsing is
/// `Enum(rawValue:)` and the list of accepted tokens for an error message is `allCases`.

/// A child's recorded sex (`M`, `F` or `U` for unknown or not recorded).
public enum Sex: String, CaseIterable, Sendable, Codable {
    case male = "M"
    case female = "F"
    case unknown = "U"
}

/// The kind of home a placement request asks for (children.csv `placement`).
public enum PlacementRequest: String, CaseIterable, Sendable, Codable {
    case shortTerm = "short_term"
    case longTerm = "long_term"
    case emergency = "emergency"
    case respite = "respite"
    case parentAndChild = "parent_and_child"

    /// The household approval that covers this request.
    public var requiredApproval: Approvals {
        switch self {
        case .shortTerm: .shortTerm
        case .longTerm: .longTerm
        case .emergency: .emergency
        case .respite: .respite
        case .parentAndChild: .parentAndChild
        }
    }
}

/// Who provides a fostering household: the council itself or an independent fostering agency.
public enum Provider: String, CaseIterable, Sendable, Codable {
    case inHouse = "in_house"
    case ifa = "ifa"
}

/// Whether a household can take a child now.
public enum HouseholdStatus: String, CaseIterable, Sendable, Codable {
    case available = "available"
    /// Carers on hold: illness, an allegation, bereavement, rest after a long placement.
    case onHold = "on_hold"
}

/// A set of coded tokens stored as bits, so the matching hot path tests needs against skills
/// with one AND instead of comparing strings.
public protocol TokenSet: OptionSet, Hashable, Sendable where RawValue == UInt8, Element == Self {
    /// Every single-bit member with its file token, in file order.
    static var tokens: [(Self, String)] { get }
}

extension TokenSet {
    /// Parses one token (exact, lower-case as in the spec); nil when unknown.
    public init?(token: String) {
        guard let match = Self.tokens.first(where: { $0.1 == token }) else { return nil }
        self = match.0
    }

    /// The members' tokens in file order.
    public var tokenList: [String] { Self.tokens.filter { contains($0.0) }.map(\.1) }

    /// The members joined with `;`, as written in the CSV files.
    public var joinedTokens: String { tokenList.joined(separator: ";") }

    /// The number of members.
    public var count: Int { rawValue.nonzeroBitCount }
}

/// What a child needs from a home (children.csv `needs`).
public struct Needs: TokenSet, Codable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    public static let disability = Needs(rawValue: 1 << 0)
    public static let complex = Needs(rawValue: 1 << 1)
    public static let trauma = Needs(rawValue: 1 << 2)
    /// Unaccompanied asylum-seeking child.
    public static let uasc = Needs(rawValue: 1 << 3)
    /// At risk of criminal or sexual exploitation: never placed with much younger children.
    public static let exploitationRisk = Needs(rawValue: 1 << 4)
    /// Must be the only child placed in the household.
    public static let solo = Needs(rawValue: 1 << 5)
    public static let tokens: [(Needs, String)] = [
        (.disability, "disability"), (.complex, "complex"), (.trauma, "trauma"), (.uasc, "uasc"),
        (.exploitationRisk, "exploitation_risk"), (.solo, "solo"),
    ]
}

/// What a household's carers are trained and supported for (households.csv `skills`).
public struct Skills: TokenSet, Codable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    public static let disability = Skills(rawValue: 1 << 0)
    public static let complex = Skills(rawValue: 1 << 1)
    public static let trauma = Skills(rawValue: 1 << 2)
    public static let uasc = Skills(rawValue: 1 << 3)
    public static let teenagers = Skills(rawValue: 1 << 4)
    public static let tokens: [(Skills, String)] = [
        (.disability, "disability"), (.complex, "complex"), (.trauma, "trauma"), (.uasc, "uasc"),
        (.teenagers, "teenagers"),
    ]
}

/// The kinds of placement a household is approved for (households.csv `approvals`).
public struct Approvals: TokenSet, Codable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    public static let shortTerm = Approvals(rawValue: 1 << 0)
    public static let longTerm = Approvals(rawValue: 1 << 1)
    public static let emergency = Approvals(rawValue: 1 << 2)
    public static let respite = Approvals(rawValue: 1 << 3)
    public static let parentAndChild = Approvals(rawValue: 1 << 4)
    public static let tokens: [(Approvals, String)] = [
        (.shortTerm, "short_term"), (.longTerm, "long_term"), (.emergency, "emergency"),
        (.respite, "respite"), (.parentAndChild, "parent_and_child"),
    ]
}
