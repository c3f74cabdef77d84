import Interchange

/// `hearth validate FILE...`: checks input files and reports every problem found.
enum ValidateCommand: HearthCommand {
    static let name = "validate"
    static let summary = "check input files and report every problem found"
    static let synopsis = "hearth validate FILE..."
    static let help = """
        usage: \(synopsis)

        Checks children.csv and households.csv files (the kind is told from the header row)
        and prints one line per problem: file, line, field and what was expected.
        Exit code 0 when every file is valid, 2 when any problem is found.

        example:
          hearth validate county/children.csv county/households.csv
        """

    static func run(_ arguments: [String], console: Console) throws {
        let args = try Arguments(arguments, valued: [], flags: [])
        guard !args.positionals.isEmpty else { throw UsageError("name at least one file to check") }
        var problems: [InputProblem] = []
        for path in args.positionals {
            do {
                let summary = try InputValidation.validate(path: path)
                console.message("\(path): ok (\(summary))")
            } catch {
                problems += error.problems
            }
        }
        if !problems.isEmpty { throw InvalidInput(problems) }
    }
}
