/// One thing wrong with an input file, located precisely enough to fix it.
public struct InputProblem: Hashable, Sendable, CustomStringConvertible, Error {
    /// The file as the user named it.
    public var file: String
    /// The 1-based line where the problem is (the record's first line for multi-line records);
    /// nil for problems with the file as a whole.
    public var line: Int?
    /// The column (field) name, when the problem is in one field. The message names it too.
    public var field: String?
    /// What was found and what was expected, e.g. `age "17y": expected a whole number 0-17`.
    public var message: String

    public init(file: String, line: Int?, field: String? = nil, message: String) {
        self.file = file
        self.line = line
        self.field = field
        self.message = message
    }

    /// `file:line: message`, the form compilers use, so editors can jump to it.
    public var description: String {
        if let line { return "\(file):\(line): \(message)" }
        return "\(file): \(message)"
    }
}

/// An input that could not be used, with every problem found in it (not just the first).
public struct InvalidInput: Error, CustomStringConvertible, Sendable {
    public var problems: [InputProblem]
    public init(_ problems: [InputProblem]) { self.problems = problems }
    public var description: String { problems.map(\.description).joined(separator: "\n") }

    /// How many problems were found, and whether listing stopped at the limit (then the count
    /// is a lower bound and the closing "too many problems" note is not counted).
    public var summary: String {
        let notes = problems.filter { $0.line == nil && $0.message.hasPrefix(ProblemLog.truncationNotePrefix) }.count
        let count = problems.count - notes
        return notes > 0 ? "more than \(count) problems found" : "\(count) problem\(count == 1 ? "" : "s") found"
    }
}

/// Collects problems while a file is read, so that reading can go on past the first one.
///
/// `problems` lists them in line order (whole-file problems first, then by line, and in the
/// order found within a line), whatever order the checks ran in. Beyond `limit` it lists the
/// first `limit` by line and one closing note saying listing stopped: a wholly wrong file
/// would otherwise print thousands of lines.
///
/// Readers may ask for `problems` once per row, so it is kept sorted as problems arrive
/// (they mostly arrive in line order, making each insertion an append) and its truncated
/// form is cached.
package final class ProblemLog {
    package let file: String
    /// The most problems listed before the closing note.
    package let limit: Int
    /// The problems kept, sorted by line (nil first), stable within a line.
    private var found: [InputProblem] = []
    /// The listed form when `found` holds more than `limit`, until the next problem arrives.
    private var truncatedCache: [InputProblem]?

    package init(file: String, limit: Int = 500) {
        self.file = file
        self.limit = limit
    }

    package func add(line: Int?, field: String? = nil, _ message: String) {
        let key = line ?? 0
        // Keep plenty beyond the limit so that the first `limit` by line survive problems found
        // out of line order; beyond that, a problem can only matter if it sorts earlier.
        if found.count >= limit * 20 {
            guard key < (found.last?.line ?? 0) else { return }
            found.removeLast()
        }
        let problem = InputProblem(file: file, line: line, field: field, message: message)
        if key >= (found.last?.line ?? 0) {
            found.append(problem)
        } else {
            // Insert after every problem on a line <= key (binary search).
            var low = 0
            var high = found.count
            while low < high {
                let mid = (low + high) / 2
                if (found[mid].line ?? 0) <= key { low = mid + 1 } else { high = mid }
            }
            found.insert(problem, at: low)
        }
        truncatedCache = nil
    }

    /// The problems in line order, at most `limit` of them plus a closing note.
    /// - Complexity: O(1) when nothing was added since the last call, else O(limit).
    package var problems: [InputProblem] {
        guard found.count > limit else { return found }
        if let truncatedCache { return truncatedCache }
        let listed = Array(found.prefix(limit)) + [
            InputProblem(file: file, line: nil, message: "\(ProblemLog.truncationNotePrefix): stopped listing after \(limit); fix these and run again")
        ]
        truncatedCache = listed
        return listed
    }

    package var isEmpty: Bool { found.isEmpty }

    package static let truncationNotePrefix = "too many problems"
}
