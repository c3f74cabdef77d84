/// Validation of any supported input file, telling its kind from its header row.
public enum InputValidation {
    /// Checks the file at `path` and returns a one-line summary such as "42 children".
    public static func validate(path: String) throws(InvalidInput) -> String {
        let bytes = try InputFile.bytes(at: path)
        let (records, _) = CSV.parse(bytes, file: path)
        let header = Set((records.first?.fields ?? []).map { $0.trimmingSpaces.lowercased() })
        if header.contains("household_id") {
            return "\(try HouseholdsFile.parse(bytes, file: path).count) households"
        }
        if header.contains("child_id") {
            let children = try ChildrenFile.parse(bytes, file: path)
            let groups = Set(children.compactMap(\.groupID)).count
            return "\(children.count) children, \(groups) sibling groups"
        }
        // Not recognisable: parse as children so the message lists the expected columns.
        _ = try ChildrenFile.parse(bytes, file: path)
        return "ok"
    }
}
