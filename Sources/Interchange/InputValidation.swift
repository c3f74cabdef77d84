import Foundation

/// Validation of any supported input file, telling its kind from its name or header row.
public enum InputValidation {
    /// The kinds of input file `hearth validate` knows.
    public enum Kind: String, Sendable {
        case children, households
    }

    /// Checks the file at `path` and returns a one-line summary such as "42 children".
    ///
    /// The kind of file expected is told from the file's name when it mentions one kind only
    /// (`children.csv`, `gloucs-households-2026.csv`), so a households file saved as
    /// `children.csv` is reported; otherwise from the header row (`child_id` or `household_id`).
    /// A file that is neither is checked as a children file so the message lists its columns.
    /// Locations outside the British Isles are passed to `warn` (`LocationDoubts`).
    public static func validate(path: String, warn: (String) -> Void = { _ in }) throws(InvalidInput) -> String {
        let bytes = try InputFile.bytes(at: path)
        switch expectedKind(path: path) ?? kind(ofHeaderIn: bytes) ?? .children {
        case .households:
            let households = try HouseholdsFile.parse(bytes, file: path)
            LocationDoubts.warnings(households: households, file: path).forEach(warn)
            return "\(households.count) households"
        case .children:
            let children = try ChildrenFile.parse(bytes, file: path)
            LocationDoubts.warnings(children: children, file: path).forEach(warn)
            let groups = Set(children.compactMap(\.groupID)).count
            return "\(children.count) children, \(groups) sibling groups"
        }
    }

    /// The kind the file's name says it holds, when it names exactly one.
    public static func expectedKind(path: String) -> Kind? {
        let name = URL(fileURLWithPath: path).lastPathComponent.lowercased()
        let child = name.contains("child")
        let household = name.contains("household")
        if child && !household { return .children }
        if household && !child { return .households }
        return nil
    }

    /// The kind the header row (the first non-blank record) says the file holds.
    package static func kind(ofHeaderIn bytes: [UInt8]) -> Kind? {
        let (records, _, _) = CSV.scan(bytes)
        guard let header = records.first(where: { !$0.fields.allSatisfy { $0.trimmingSpaces.isEmpty } }) else { return nil }
        let names = Set(header.fields.map(Table.columnName))
        if names.contains("household_id") && !names.contains("child_id") { return .households }
        if names.contains("child_id") { return .children }
        return nil
    }
}
