import Interchange

/// The `hearth` command line: dispatches to one command and maps errors to exit codes.
///
/// Exit codes: 0 success; 2 bad usage or invalid input; 1 anything else.
package enum Hearth {
    /// The commands, in the order `hearth --help` lists them.
    static let commands: [any HearthCommand.Type] = [
        SimulateCommand.self, CompareCommand.self, MatchCommand.self, ExplainCommand.self,
        GenerateCommand.self, ValidateCommand.self, CalibrateCommand.self, BacktestCommand.self,
        TargetCommand.self, SensitivityCommand.self,
    ]

    /// Runs `hearth` with `arguments` (without the program name) and returns the exit code:
    /// the command's, or 1 when its output could not be written to stdout.
    package static func run(_ arguments: [String], console: Console = .standard()) -> Int32 {
        let code = dispatch(arguments, console: console)
        if let failure = console.outputFailure {
            console.message("hearth\(arguments.first.map { " " + $0 } ?? ""): \(failure)")
            return 1
        }
        return code
    }

    /// Runs the command `arguments` names and maps its errors to exit codes.
    static func dispatch(_ arguments: [String], console: Console) -> Int32 {
        guard let name = arguments.first, name != "--help", name != "-h", name != "help" else {
            console.line(usage)
            return arguments.isEmpty ? 2 : 0
        }
        if name == "--version" {
            console.line("hearth \(version)")
            return 0
        }
        guard let command = commands.first(where: { $0.name == name }) else {
            console.message("hearth: unknown command \"\(name)\"\n\n\(usage)")
            return 2
        }
        let rest = Array(arguments.dropFirst())
        if rest.contains("--help") || rest.contains("-h") {
            console.line(command.help)
            return 0
        }
        do {
            try command.run(rest, console: console)
            return 0
        } catch let error as UsageError {
            console.message("hearth \(name): \(error)\nusage: \(command.synopsis)\n(see hearth \(name) --help)")
            return 2
        } catch let refusal as Refusal {
            console.message("hearth \(name): \(refusal); nothing was written")
            return 2
        } catch let error as InvalidInput {
            console.message(error.description)
            console.message("hearth \(name): \(error.summary); nothing was written")
            return 2
        } catch {
            console.message("hearth \(name): \(error)")
            return 1
        }
    }

    static let version = "0.1.0"

    static var usage: String {
        var text = """
            hearth \(version): sufficiency modelling and family finding for children's social care

            usage: hearth COMMAND [ARGUMENTS] [--help]

            commands:

            """
        let width = (commands.map { $0.name.count }.max() ?? 0) + 2
        for command in commands {
            text += "  " + command.name.padding(width) + command.summary + "\n"
        }
        text += "\nExit codes: 0 success, 2 bad usage or invalid input, 1 anything else."
        return text
    }
}

/// One `hearth` subcommand.
protocol HearthCommand {
    /// The command's options and help, declared once.
    static var spec: CommandSpec { get }
    /// Runs the command; throws `UsageError` or `InvalidInput` for exit code 2.
    static func run(_ arguments: [String], console: Console) throws
}

extension HearthCommand {
    static var name: String { spec.name }
    static var summary: String { spec.summary }
    static var synopsis: String { spec.synopsis }
    static var help: String { spec.help }
}

extension String {
    /// The text padded with spaces to at least `width` characters.
    func padding(_ width: Int) -> String {
        count >= width ? self + " " : self + String(repeating: " ", count: width - count)
    }
}
