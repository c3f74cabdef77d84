/// A small command-line parser: positionals, `--flag`, `--option value` and `--option=value`.
///
/// Kept here rather than pulling in swift-argument-parser: the project has no dependencies.
struct Arguments {
    private(set) var positionals: [String] = []
    private var options: [String: [String]] = [:]
    private var flags: Set<String> = []
    private var used: Set<String> = []

    /// Parses `arguments` given which option names take a value and which are bare flags.
    init(_ arguments: [String], valued: Set<String>, flags knownFlags: Set<String>) throws(UsageError) {
        var i = 0
        var onlyPositionals = false
        while i < arguments.count {
            let arg = arguments[i]
            if onlyPositionals || !arg.hasPrefix("-") || arg == "-" {
                positionals.append(arg)
            } else if arg == "--" {
                onlyPositionals = true
            } else {
                var name = arg
                var inlineValue: String?
                if let eq = arg.firstIndex(of: "=") {
                    name = String(arg[..<eq])
                    inlineValue = String(arg[arg.index(after: eq)...])
                }
                if knownFlags.contains(name) {
                    guard inlineValue == nil else { throw UsageError("\(name) takes no value") }
                    flags.insert(name)
                } else if valued.contains(name) {
                    let value: String
                    if let inlineValue {
                        value = inlineValue
                    } else {
                        i += 1
                        guard i < arguments.count else { throw UsageError("\(name) needs a value") }
                        value = arguments[i]
                    }
                    options[name, default: []].append(value)
                } else {
                    throw UsageError("unknown option \(name)")
                }
            }
            i += 1
        }
    }

    func has(_ flag: String) -> Bool { flags.contains(flag) }

    /// Every value given for `name`, in order (`--history a.csv --history b.csv`).
    func values(_ name: String) -> [String] { options[name] ?? [] }

    /// The last value given for `name`.
    func value(_ name: String) -> String? { options[name]?.last }

    /// A whole number option within `range`.
    func integer(_ name: String, default defaultValue: Int, in range: ClosedRange<Int>) throws(UsageError) -> Int {
        guard let text = value(name) else { return defaultValue }
        guard let number = Int(text), range.contains(number) else {
            throw UsageError("\(name) \"\(text)\": expected a whole number \(range.lowerBound)-\(range.upperBound)")
        }
        return number
    }

    /// A seed: any whole number 0...2^64-1.
    func seed(default defaultValue: UInt64) throws(UsageError) -> UInt64 {
        guard let text = value("--seed") else { return defaultValue }
        guard let number = UInt64(text) else {
            throw UsageError("--seed \"\(text)\": expected a whole number 0-18446744073709551615")
        }
        return number
    }
}

/// A mistake in how a command was called: exit code 2 with the message and a usage hint.
struct UsageError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
