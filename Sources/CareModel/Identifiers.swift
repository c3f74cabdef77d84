/// Typed identifiers, so a child's id can never be passed where a household's is expected.
///
/// Identifiers are opaque text taken from the input files; Hearth never needs names.

/// An identifier of one kind of thing (`Tag`), holding the text the input files gave it.
public struct Identifier<Tag>: RawRepresentable, Hashable, Comparable, Sendable, Codable,
    ExpressibleByStringLiteral, CustomStringConvertible
{
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }
    public var description: String { rawValue }
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

/// The tags that tell identifiers apart; they have no values.
public enum ChildTag {}
public enum HouseholdTag {}
public enum GroupTag {}

/// The identifier of a child, as given in `children.csv` (`child_id`) or SSDA903 (`CHILD`).
public typealias ChildID = Identifier<ChildTag>

/// The identifier of a fostering household, as given in `households.csv` (`household_id`).
public typealias HouseholdID = Identifier<HouseholdTag>

/// The identifier shared by brothers and sisters who are to be placed together (`group_id`).
public typealias GroupID = Identifier<GroupTag>
