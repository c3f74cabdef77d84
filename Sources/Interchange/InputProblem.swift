/// One thing wrong with an input file, located precisely enough to fix it.
public struct InputProblem: Hashable, Sendable, CustomStringConvertible, Error {
    /// The file as the user named it.
    public var file: String
    /// The 1-based line where the problem is (the record's first line for multi-line records);
    /// nil for problems with the file as a whole.
    public var line: Int?
    /// The column (field) name, when the problem is in one field.
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
final class ProblemLog {
    let file: String
    private(set) var problems: [InputProblem] = []
    /// Stop collecting beyond this many (a wholly wrong file would otherwise print thousands).
    let limit: Int

    init(file: String, limit: Int = 500) {
        self.file = file
        self.limit = limit
    }

    func add(line: Int?, field: String? = nil, _ message: String) {
        guard problems.count < limit else { return }
        problems.append(InputProblem(file: file, line: line, field: field, message: message))
        if problems.count == limit {
            problems.append(InputProblem(file: file, line: nil, message: "too many problems; stopped listing after \(limit)"))
        }
    }

    var isEmpty: Bool { problems.isEmpty }
}
