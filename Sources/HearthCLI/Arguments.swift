import Interchange

/// A small command-line parser: positionals, `--flag`, `--option value` and `--option=value`.
///
/// Kept here rather than pulling in swift-argument-parser: the project has no dependencies.
struct Arguments {
    private(set) var positionals: [String] = []
    private var options: [String: [String]] = [:]
    private var flags: Set<String> = []

    /// Parses `arguments` against `specs`: every spelling of an option is stored under its
    /// last name (`-o` and `--out` are both read as `--out`).
    init(_ arguments: [String], options specs: [OptionSpec]) throws(UsageError) {
        var canonical: [String: OptionSpec] = [:]
        for spec in specs { for name in spec.names { canonical[name] = spec } }
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
                guard let spec = canonical[name] else { throw UsageError("unknown option \(name)") }
                if spec.value == nil {
                    guard inlineValue == nil else { throw UsageError("\(name) takes no value") }
                    flags.insert(spec.name)
                } else {
                    let value: String
                    if let inlineValue {
                        value = inlineValue
                    } else {
                        i += 1
                        guard i < arguments.count else { throw UsageError("\(name) needs a value") }
                        value = arguments[i]
                    }
                    guard !value.isEmpty else { throw UsageError("\(name) \"\": expected a value, not empty text") }
                    options[spec.name, default: []].append(value)
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

    /// A name option Hearth shows and writes into its outputs' CSV files (a scenario's name),
    /// checked as a scenario file's names are (`LabelCheck`).
    func label(_ name: String) throws(UsageError) -> String? {
        guard let text = value(name) else { return nil }
        if let failure = LabelCheck.failure(text) { throw UsageError("\(name) \"\(text)\": expected \(failure.expected)") }
        return text
    }

    /// A whole number option within `range`.
    func integer(_ name: String, default defaultValue: Int, in range: ClosedRange<Int>) throws(UsageError) -> Int {
        guard let text = value(name) else { return defaultValue }
        guard let number = Int(text), range.contains(number) else {
            throw UsageError("\(name) \"\(text)\": expected a whole number \(range.lowerBound)-\(range.upperBound)")
        }
        return number
    }

    /// A number option within `range`.
    func number(_ name: String, default defaultValue: Double? = nil, in range: ClosedRange<Double>) throws(UsageError) -> Double? {
        guard let text = value(name) else { return defaultValue }
        guard let number = Double(text), number.isFinite, range.contains(number) else {
            throw UsageError("\(name) \"\(text)\": expected a number \(TextNumber.bound(range.lowerBound))-\(TextNumber.bound(range.upperBound))")
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

/// Numbers for messages.
enum TextNumber {
    /// `1,000,000,000` for whole numbers below 10^15, else scientific (`2.5e+18`).
    static func grouped(_ x: Double) -> String {
        guard x.isFinite, abs(x) < 1e15 else { return x.isFinite ? "\(x)" : "an unbounded number of" }
        let digits = String(Int(x.rounded()).magnitude)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return (x < 0 ? "-" : "") + out
    }

    /// A range's bound as written: `grouped` when whole (`1,000`), else its shortest decimal
    /// (`0.99`, not rounded to `1`).
    static func bound(_ x: Double) -> String { x == x.rounded() ? grouped(x) : "\(x)" }
}

/// A question the command cannot answer as asked (a goal no value of the lever meets): exit
/// code 2 with the reason, no usage hint.
struct Refusal: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// A mistake in how a command was called: exit code 2 with the message and a usage hint.
struct UsageError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
