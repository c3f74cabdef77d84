import Calibration
import Interchange

/// `hearth validate FILE...`: checks input files and reports every problem found.
enum ValidateCommand: HearthCommand {
    static let spec = CommandSpec(
        name: "validate", summary: "check input files and report every problem found",
        positionals: "FILE...",
        description: """
            Checks children.csv and households.csv files, and SSDA903 tables (Header, Episodes,
            UASC, recognised by their columns, or the XML return), and prints one line per
            problem to stderr, in the form editors jump to:

              children.csv:14: age "17y": expected a whole number 0-17
              households.csv:3: occupied "4": expected 0-3, no more than places (3)

            Every problem in every file is listed (up to 500 per file), not just the first.
            The kind of file is told from its name when the name mentions one kind only
            (children / households), otherwise from its header row (child_id / household_id).
            Files must be UTF-8 CSV (a byte-order mark and CRLF line ends are fine); column
            names are matched ignoring case, surrounding spaces, and spaces or hyphens for
            underscores; unknown columns are ignored.
            """,
        options: [],
        notes: "Exit code 0 when every file is valid, 2 when any problem is found.",
        examples: ["hearth validate county/children.csv county/households.csv"])

    static func run(_ arguments: [String], console: Console) throws {
        let args = try spec.parse(arguments)
        guard !args.positionals.isEmpty else { throw UsageError("name at least one file to check") }
        var problems: [InputProblem] = []
        for path in args.positionals {
            do {
                if let summary = try SSDA903Reader.validate(path: path) {
                    console.message("\(path): ok (\(summary))")
                    continue
                }
                let summary = try InputValidation.validate(path: path, warn: console.message)
                console.message("\(path): ok (\(summary))")
            } catch {
                problems += error.problems
            }
        }
        if !problems.isEmpty { throw InvalidInput(problems) }
    }
}
