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
}

/// Collects problems while a file is read, so that reading can go on past the first one.
///
/// `problems` lists them in line order (whole-file problems first, then by line, and in the
/// order found within a line), whatever order the checks ran in. Beyond `limit` it lists the
/// first `limit` by line and one closing note saying listing stopped: a wholly wrong file
/// would otherwise print thousands of lines.
final class ProblemLog {
    let file: String
    /// The most problems listed before the closing note.
    let limit: Int
    private var found: [InputProblem] = []
    /// Problems found, including any not kept once `found` is full.
    private var count = 0

    init(file: String, limit: Int = 500) {
        self.file = file
        self.limit = limit
    }

    func add(line: Int?, field: String? = nil, _ message: String) {
        count += 1
        // Keep plenty beyond the limit so that sorting by line still picks the first ones
        // on files whose checks find problems out of line order; bound the memory.
        guard found.count < limit * 20 else { return }
        found.append(InputProblem(file: file, line: line, field: field, message: message))
    }

    /// The problems in line order, at most `limit` of them plus a closing note.
    /// - Complexity: O(n log n) in the number of problems kept.
    var problems: [InputProblem] {
        let ordered = found.enumerated().sorted { a, b in
            let la = a.element.line ?? 0
            let lb = b.element.line ?? 0
            return la != lb ? la < lb : a.offset < b.offset
        }.map(\.element)
        guard count > limit else { return ordered }
        return Array(ordered.prefix(limit)) + [
            InputProblem(file: file, line: nil, message: "too many problems (\(count)): stopped listing after \(limit); fix these and run again")
        ]
    }

    var isEmpty: Bool { found.isEmpty }
}
