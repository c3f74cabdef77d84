/// One option of a command, declared once: the parser, the synopsis and `--help` are made from it.
struct OptionSpec: Sendable {
    /// Every spelling, short first (`-o`, `--out`); the last is the name the command reads.
    var names: [String]
    /// The placeholder of the value (`N`, `DIR`), or nil for a flag that takes none.
    var value: String?
    /// What the option does, for `--help` (may run over several lines).
    var help: String
    /// Shown in the synopsis without brackets: the command cannot run without it.
    var required = false
    /// Left out of the synopsis (still in `--help`): a rarely used option.
    var inSynopsis = true

    /// A `--name VALUE` option.
    static func valued(_ names: String..., value: String, required: Bool = false, inSynopsis: Bool = true, _ help: String) -> OptionSpec {
        OptionSpec(names: names, value: value, help: help, required: required, inSynopsis: inSynopsis)
    }

    /// A `--name` flag.
    static func flag(_ names: String..., inSynopsis: Bool = true, help: String) -> OptionSpec {
        OptionSpec(names: names, value: nil, help: help, inSynopsis: inSynopsis)
    }

    /// The name the command reads the option by.
    var name: String { names[names.count - 1] }

    /// `--runs N`, or `-o, --out FILE` in help.
    var helpLabel: String { names.joined(separator: ", ") + (value.map { " " + $0 } ?? "") }

    /// `[--runs N]`, or `--child ID` when required.
    var synopsisText: String {
        let text = name + (value.map { " " + $0 } ?? "")
        return required ? text : "[" + text + "]"
    }
}

/// A command's whole command-line surface, declared once: `hearth --help`'s line, the synopsis,
/// `--help` and the parser all come from it, so they cannot drift apart.
struct CommandSpec: Sendable {
    /// The command word (`simulate`).
    var name: String
    /// One line for `hearth --help`.
    var summary: String
    /// The positional arguments as the synopsis shows them (`CHILDREN.csv HOUSEHOLDS.csv`).
    var positionals: String
    /// Other ways to call the command, shown under the synopsis (without `hearth NAME`).
    var otherUsages: [String] = []
    /// What the command does, in paragraphs, before the options.
    var description: String
    /// Each positional argument with its meaning.
    var arguments: [(String, String)] = []
    /// The options, in the order `--help` lists them.
    var options: [OptionSpec]
    /// Notes after the options (exit codes, file forms).
    var notes: String = ""
    /// Example command lines.
    var examples: [String]

    /// The usage line, e.g. `hearth explain CHILDREN.csv HOUSEHOLDS.csv --child ID --household ID [--policy POLICY.json]`.
    var synopsis: String {
        (["hearth", name] + (positionals.isEmpty ? [] : [positionals]) + options.filter(\.inSynopsis).map(\.synopsisText))
            .joined(separator: " ")
    }

    /// The full `--help` text.
    var help: String {
        var text = "usage: \(synopsis)\n"
        for other in otherUsages { text += "       hearth \(name) \(other)\n" }
        text += "\n" + description + "\n"
        let labels = arguments.map(\.0) + options.map(\.helpLabel)
        let width = min(28, (labels.map(\.count).max() ?? 0) + 2)
        func entry(_ label: String, _ help: String) -> String {
            let lines = help.split(separator: "\n", omittingEmptySubsequences: false)
            let indent = String(repeating: " ", count: width + 2)
            var first = "  " + label
            if label.count + 2 > width {
                first += "\n" + indent
            } else {
                first += String(repeating: " ", count: width - label.count)
            }
            return first + lines.map(String.init).joined(separator: "\n" + indent) + "\n"
        }
        if !arguments.isEmpty {
            text += "\narguments:\n"
            for (label, help) in arguments { text += entry(label, help) }
        }
        if !options.isEmpty {
            text += "\noptions:\n"
            for option in options { text += entry(option.helpLabel, option.help) }
        }
        if !notes.isEmpty { text += "\n" + notes + "\n" }
        text += "\n" + (examples.count == 1 ? "example:\n" : "examples:\n")
        for example in examples { text += "  " + example + "\n" }
        return text
    }

    /// Parses `arguments` against the declared options.
    func parse(_ arguments: [String]) throws(UsageError) -> Arguments {
        try Arguments(arguments, options: options)
    }
}
