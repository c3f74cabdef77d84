import CareModel
import Interchange
import Simulation
/// What cleaning did to a return: every row it dropped, merged, truncated or read specially, and why.
public struct CleaningReport: Sendable {
    /// One row that could not be used as given, located in its file.
    public struct Issue: Hashable, Sendable, CustomStringConvertible {
        public var file: String
        public var line: Int
        /// The column the reason is about, when there is one (e.g. `LS` for a short break).
        public var column: String?
        public var action: Action
        public var reason: String

        public init(file: String, line: Int, column: String?, action: Action, reason: String) {
            self.file = file
            self.line = line
            self.column = column
            self.action = action
            self.reason = reason
        }

        /// `file:line: COLUMN: action: reason`, like compiler messages.
        public var description: String {
            "\(file):\(line): \(column.map { "\($0): " } ?? "")\(action.rawValue): \(reason)"
        }
    }

    /// What happened to the row.
    public enum Action: String, CaseIterable, Sendable, Codable {
        /// Not used at all.
        case dropped
        /// The same row as another (sent twice, or in two years' files): the copy is dropped.
        case duplicate
        /// A newer version of the same episode (same CHILD and DECOM) replaces it.
        case superseded
        /// Joined onto the episode before it (a change of legal status only).
        case merged
        /// Its end moved earlier because the next episode starts before it ends.
        case truncated
        /// Used, but read in a particular way that the analyst should know about.
        case noted
    }

    public private(set) var issues: [Issue] = []
    /// Rows read per table.
    public var headerRows = 0
    public var episodeRows = 0
    public var uascRows = 0
    /// Episodes left after cleaning, and children with at least one.
    public var episodesUsed = 0
    public var childrenUsed = 0

    public init() {}

    public mutating func add(_ file: String, _ line: Int, _ column: String?, _ action: Action, _ reason: String) {
        issues.append(Issue(file: file, line: line, column: column, action: action, reason: reason))
    }

    /// How many issues of each action.
    public func count(_ action: Action) -> Int { issues.reduce(0) { $0 + ($1.action == action ? 1 : 0) } }

    /// The issues sorted by file and line.
    public var sortedIssues: [Issue] {
        issues.sorted { ($0.file, $0.line, $0.action.rawValue) < ($1.file, $1.line, $1.action.rawValue) }
    }

    /// A short summary: rows read, used, and a count per action.
    public var summary: String {
        var parts = ["\(headerRows) header rows, \(episodeRows) episodes, \(uascRows) UASC rows read",
                     "\(episodesUsed) episodes of \(childrenUsed) children used"]
        let counts = Action.allCases.compactMap { a -> String? in
            let n = count(a)
            return n == 0 ? nil : "\(n) \(a.rawValue)"
        }
        if !counts.isEmpty { parts.append(counts.joined(separator: ", ")) }
        return parts.joined(separator: "; ")
    }
}
