/// The cleaning report summed up by kind, for the console: one line per kind of issue.
extension CleaningReport {
    /// Issues of one kind in one file (the same column, action and reason once identifiers and
    /// numbers are generalised; an unknown code is a kind of its own).
    public struct Group: Sendable, CustomStringConvertible {
        public var file: String
        public var column: String?
        public var action: Action
        /// The first issue's reason, as an example.
        public var example: String
        public var lines: [Int]

        public init(file: String, column: String?, action: Action, example: String, lines: [Int]) {
            self.file = file
            self.column = column
            self.action = action
            self.example = example
            self.lines = lines
        }

        /// `file:line: COLUMN: action: reason` for one row; with a count and the first lines for many.
        public var description: String {
            let prefix = "\(column.map { "\($0): " } ?? "")\(action.rawValue): \(example)"
            if lines.count == 1 { return "\(file):\(lines[0]): \(prefix)" }
            var distinct: [Int] = []
            for line in lines where distinct.last != line { distinct.append(line) }
            let first = distinct.prefix(3).map(String.init).joined(separator: ", ")
            let at = distinct.count == 1 ? "at line \(first)" : "first at lines \(first)\(distinct.count > 3 ? ", ..." : "")"
            return "\(file): \(lines.count) rows: \(prefix) (\(at))"
        }
    }

    /// The issues grouped by kind, largest groups first within each file.
    /// - Complexity: O(n log n) in the number of issues.
    public var groups: [Group] { groups(excluding: []) }

    /// The issues grouped by kind, leaving out the actions in `excluded`.
    /// - Complexity: O(n log n) in the number of issues kept.
    public func groups(excluding excluded: Set<Action>) -> [Group] {
        var order: [String] = []
        var byKey: [String: Group] = [:]
        let kept = excluded.isEmpty ? issues : issues.filter { !excluded.contains($0.action) }
        let sorted = kept.sorted { ($0.file, $0.line, $0.action.rawValue) < ($1.file, $1.line, $1.action.rawValue) }
        for issue in sorted {
            let key = "\(issue.file)\u{1}\(issue.column ?? "")\u{1}\(issue.action.rawValue)\u{1}\(SSDA903Reader.shape(of: issue.reason, keepingQuoted: true))"
            if byKey[key] == nil {
                order.append(key)
                byKey[key] = Group(file: issue.file, column: issue.column, action: issue.action, example: issue.reason, lines: [])
            }
            byKey[key]!.lines.append(issue.line)
        }
        let groups = order.map { byKey[$0]! }
        return groups.enumerated().sorted {
            ($0.element.file, -$0.element.lines.count, $0.offset) < ($1.element.file, -$1.element.lines.count, $1.offset)
        }.map(\.element)
    }
}
