/// One setting of a configuration file: its key, what it holds and the range it must be in, and
/// what it means.
///
/// A section of a configuration file (a scenario's `entries`, a policy, a county profile) is
/// declared once as a `SettingsTable`; from the table come the located checks run on a file
/// before anything else reads it (type, range, unknown keys) and the field tables of the
/// format's documentation (`markdown`).
package struct Setting: Sendable {
    package indirect enum Kind: Sendable {
        /// A finite number in the range.
        case number(ClosedRange<Double>)
        /// A probability or share, 0-1.
        case probability
        /// A whole number in the range.
        case wholeNumber(ClosedRange<Int>)
        /// A whole number 0...2^64-1.
        case seed
        case flag
        case text
        /// Text Hearth shows and writes back into its CSV outputs (a name), passing
        /// `LabelCheck`.
        case label
        /// A real calendar day `YYYY-MM-DD` in 1900...2200.
        case date
        /// A date `YYYY-MM` or `YYYY-MM-DD` in 1900...2200.
        case dateOrMonth
        /// One of these words.
        case choice([String])
        /// A list of numbers in the range, with a count in `count`.
        case numbers(ClosedRange<Double>, count: ClosedRange<Int>)
        /// A list of words drawn from these.
        case choices([String])
        /// A list of texts (file names), with a count in `count`.
        case texts(count: ClosedRange<Int>)
        /// An object whose keys are drawn from these (any subset) and whose values are numbers in the range.
        case keyedNumbers([String], ClosedRange<Double>)
        /// An object of any keys (at most `SettingsTable.maximumKeys`) to numbers in the range.
        case namedNumbers(ClosedRange<Double>)
        /// An object whose keys are ranges `"low-high"` of whole numbers within `keys` (low no
        /// more than high, e.g. ages `"0-4"`) to numbers in the range.
        case rangeKeyedNumbers(keys: ClosedRange<Int>, ClosedRange<Double>)
        /// A nested section.
        case section(SettingsTable)
        /// An object whose keys are drawn from these, each holding a section.
        case keyedSections([String], SettingsTable)
        /// An object whose keys are drawn from `rows`, each an object of `columns` to numbers in the range.
        case keyedRows(rows: [String], columns: [String], ClosedRange<Double>)
        /// A list of sections, with a count in `count`.
        case sections(SettingsTable, count: ClosedRange<Int>)
    }

    package var key: String
    package var kind: Kind
    /// What the setting means, one line (the documentation's "meaning" column).
    package var help: String

    /// The whole-number range a key `"low-high"` names (`"11-17"`), or nil unless it is two
    /// whole numbers written in digits, low no more than high.
    package static func range(_ key: String) -> ClosedRange<Int>? {
        let parts = key.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ (1...6).contains($0.count) && $0.allSatisfy { $0 >= "0" && $0 <= "9" } }),
              let low = Int(parts[0]), let high = Int(parts[1]), low <= high else { return nil }
        return low...high
    }

    package init(_ key: String, _ kind: Kind, _ help: String) {
        self.key = key
        self.kind = kind
        self.help = help
    }
}

/// The settings of one section of a configuration file, declared once. See `Setting`.
package struct SettingsTable: Sendable {
    package var settings: [Setting]
    /// Keys accepted and ignored (`comment`).
    package var ignoredKeys: Set<String>

    /// Keys that must be written; `a|b` accepts either spelling.
    package var requiredKeys: [String]

    package init(_ settings: [Setting], ignoring ignoredKeys: Set<String> = ["comment"], required: [String] = []) {
        self.settings = settings
        self.ignoredKeys = ignoredKeys
        self.requiredKeys = required
    }

    /// The most keys a map of free keys (district weights) may hold.
    package static let maximumKeys = 10_000

    package subscript(key: String) -> Setting? { settings.first { $0.key == key } }

    /// Every problem in `json` against this table: unknown keys, values of the wrong kind or
    /// out of range, each located where it is written. `path` is the section's JSON path.
    /// - Complexity: O(values) with hashing by key.
    package func problems(in json: LocatedJSON, path: String = "", limit: Int = 500) -> [InputProblem] {
        var found: [InputProblem] = []
        check(json, path: path, into: &found)
        guard found.count > limit else { return found }
        return Array(found.prefix(limit)) + [InputProblem(file: json.location.file, line: nil,
                                                          message: "\(ProblemLog.truncationNotePrefix): stopped listing after \(limit); fix these and run again")]
    }

    func check(_ json: LocatedJSON, path: String, into found: inout [InputProblem]) {
        guard let members = json.members else {
            found.append(problem(json, path.isEmpty ? "the file" : path, "expected an object { ... }"))
            return
        }
        var byKey: [String: Setting] = [:]
        for s in settings { byKey[s.key] = s }
        if !requiredKeys.isEmpty {
            let written = Set(members.map(\.key))
            for required in requiredKeys {
                let spellings = required.split(separator: "|").map(String.init)
                guard !spellings.contains(where: written.contains) else { continue }
                let field = path.isEmpty ? spellings[0] : "\(path).\(spellings[0])"
                found.append(InputProblem(file: json.location.file, line: json.location.line, field: field,
                                          message: "\(Self.shownPath(field)): missing: expected a value here"))
            }
        }
        for member in members {
            let field = path.isEmpty ? member.key : "\(path).\(member.key)"
            if ignoredKeys.contains(member.key) { continue }
            guard let setting = byKey[member.key] else {
                found.append(InputProblem(file: member.keyLocation.file, line: member.keyLocation.line, field: field,
                                          message: "\(Self.shownPath(field)): unknown field \"\(Self.cut(member.key))\": expected one of \(keyList)"))
                continue
            }
            Self.check(member.value, against: setting.kind, field: field, into: &found)
        }
    }

    /// The keys for messages: `comment` first if accepted, then the settings in table order.
    var keyList: String { (ignoredKeys.sorted() + settings.map(\.key)).joined(separator: ", ") }

    static func cut(_ text: String) -> String { text.count > 40 ? String(text.prefix(40)) + "..." : text }
    static func shownPath(_ path: String) -> String { path.count > 120 ? String(path.prefix(120)) + "..." : path }

    func problem(_ json: LocatedJSON, _ field: String, _ message: String) -> InputProblem {
        InputProblem(file: json.location.file, line: json.location.line, field: field, message: "\(Self.shownPath(field)) \(json.shown): \(message)")
    }

    static func check(_ json: LocatedJSON, against kind: Setting.Kind, field: String, into found: inout [InputProblem]) {
        func fail(_ node: LocatedJSON, _ at: String, _ expected: String) {
            found.append(InputProblem(file: node.location.file, line: node.location.line, field: at,
                                      message: "\(shownPath(at)) \(node.shown): expected \(expected)"))
        }
        func number(_ node: LocatedJSON, _ at: String, _ range: ClosedRange<Double>) {
            guard let x = node.double, range.contains(x) else { return fail(node, at, "a number \(describe(range))") }
        }
        func keyed(_ node: LocatedJSON, _ keys: [String], _ each: (LocatedJSON, String) -> Void) {
            guard let members = node.members else { return fail(node, field, "an object { ... } with keys \(keys.joined(separator: ", "))") }
            let known = Set(keys)
            for m in members {
                let at = "\(field).\(m.key)"
                guard known.contains(m.key) else {
                    found.append(InputProblem(file: m.keyLocation.file, line: m.keyLocation.line, field: at,
                                              message: "\(shownPath(at)): unknown key \"\(cut(m.key))\": expected one of \(keys.joined(separator: ", "))"))
                    continue
                }
                each(m.value, at)
            }
        }
        switch kind {
        case .number(let range):
            number(json, field, range)
        case .probability:
            guard let x = json.double, (0...1).contains(x) else { return fail(json, field, "a probability 0-1") }
        case .wholeNumber(let range):
            guard let n = json.integer, range.contains(n) else { return fail(json, field, "a whole number \(describe(range))") }
        case .seed:
            guard json.unsigned != nil else { return fail(json, field, "a whole number 0-18446744073709551615") }
        case .flag:
            guard case .bool = json.value else { return fail(json, field, "true or false") }
        case .text:
            guard json.string != nil else { return fail(json, field, "text in quotes") }
        case .label:
            guard let s = json.string else { return fail(json, field, "text in quotes") }
            if let failure = LabelCheck.failure(s) { return fail(json, field, failure.expected) }
        case .date:
            guard let s = json.string, CalendarText.isDay(s) else { return fail(json, field, "a real date YYYY-MM-DD in 1900-2200") }
        case .dateOrMonth:
            guard let s = json.string, CalendarText.isDay(s) || CalendarText.isMonth(s) else {
                return fail(json, field, "a real date YYYY-MM-DD or a month YYYY-MM in 1900-2200")
            }
        case .choice(let words):
            guard let s = json.string, words.contains(s) else { return fail(json, field, "one of \(words.joined(separator: ", "))") }
        case .numbers(let range, let count):
            guard case .array(let items) = json.value, count.contains(items.count) else {
                return fail(json, field, "a list of \(describeCount(count)) numbers \(describe(range))")
            }
            for (i, item) in items.enumerated() { number(item, "\(field)[\(i)]", range) }
        case .choices(let words):
            guard case .array(let items) = json.value, items.count <= words.count * 4 else {
                return fail(json, field, "a list drawn from \(words.joined(separator: ", "))")
            }
            for (i, item) in items.enumerated() where !(item.string.map(words.contains) ?? false) {
                fail(item, "\(field)[\(i)]", "one of \(words.joined(separator: ", "))")
            }
        case .texts(let count):
            guard case .array(let items) = json.value, count.contains(items.count) else {
                return fail(json, field, "a list of \(Self.describeCount(count)) texts in quotes")
            }
            for (i, item) in items.enumerated() where item.string == nil { fail(item, "\(field)[\(i)]", "text in quotes") }
        case .keyedNumbers(let keys, let range):
            keyed(json, keys) { node, at in number(node, at, range) }
        case .namedNumbers(let range):
            guard let members = json.members, members.count <= maximumKeys else {
                return fail(json, field, "an object { \"name\": number, ... } of at most \(maximumKeys) names")
            }
            for m in members { number(m.value, "\(field).\(m.key)", range) }
        case .rangeKeyedNumbers(let keys, let range):
            guard let members = json.members, members.count <= maximumKeys else {
                return fail(json, field, "an object { \"low-high\": number, ... } of at most \(maximumKeys) ranges")
            }
            for m in members {
                let at = "\(field).\(m.key)"
                guard let bounds = Setting.range(m.key), keys.contains(bounds.lowerBound), keys.contains(bounds.upperBound) else {
                    found.append(InputProblem(file: m.keyLocation.file, line: m.keyLocation.line, field: at,
                                              message: "\(shownPath(at)): key \"\(cut(m.key))\": expected a range \"low-high\" of whole numbers \(describe(keys)), low no more than high"))
                    continue
                }
                number(m.value, at, range)
            }
        case .section(let table):
            table.check(json, path: field, into: &found)
        case .keyedSections(let keys, let table):
            keyed(json, keys) { node, at in table.check(node, path: at, into: &found) }
        case .keyedRows(let rows, let columns, let range):
            keyed(json, rows) { node, at in
                check(node, against: .keyedNumbers(columns, range), field: at, into: &found)
            }
        case .sections(let table, let count):
            guard case .array(let items) = json.value, count.contains(items.count) else {
                return fail(json, field, "a list of \(describeCount(count)) objects { ... }")
            }
            for (i, item) in items.enumerated() { table.check(item, path: "\(field)[\(i)]", into: &found) }
        }
    }

    /// `0-1` style range text (`-0.9 to 1` when the range starts below zero), for documentation and messages.
    package static func describe(_ range: ClosedRange<Double>) -> String {
        range.lowerBound < 0 ? "\(plain(range.lowerBound)) to \(plain(range.upperBound))" : "\(plain(range.lowerBound))-\(plain(range.upperBound))"
    }

    package static func describe(_ range: ClosedRange<Int>) -> String {
        range.lowerBound == range.upperBound ? group(range.lowerBound) : "\(group(range.lowerBound))-\(group(range.upperBound))"
    }

    static func describeCount(_ count: ClosedRange<Int>) -> String {
        count.lowerBound == count.upperBound ? "\(count.lowerBound)" : "\(count.lowerBound)-\(count.upperBound)"
    }

    /// A number without a trailing `.0`, thousands grouped (`1,000,000`).
    package static func plain(_ x: Double) -> String {
        if x == x.rounded() && abs(x) < 1e15 { return group(Int(x)) }
        return "\(x)"
    }

    static func group(_ n: Int) -> String {
        let digits = String(n.magnitude)
        guard digits.count > 4 else { return n < 0 ? "-" + digits : digits }
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return n < 0 ? "-" + out : out
    }

    /// The range column of the documentation for a kind.
    package static func rangeText(_ kind: Setting.Kind) -> String {
        switch kind {
        case .number(let r): return describe(r)
        case .probability: return "0-1"
        case .wholeNumber(let r): return "whole, " + describe(r)
        case .seed: return "whole, 0-2^64-1"
        case .flag: return "true/false"
        case .text: return "text"
        case .label: return "text, not beginning with = + - @, no control characters"
        case .date: return "YYYY-MM-DD"
        case .dateOrMonth: return "YYYY-MM(-DD)"
        case .choice(let words): return words.joined(separator: " / ")
        case .numbers(let r, let count): return "\(describeCount(count)) x \(describe(r))"
        case .choices: return "list of words"
        case .texts(let count): return "\(describeCount(count)) texts"
        case .keyedNumbers(_, let r): return "each " + describe(r)
        case .namedNumbers(let r): return "each " + describe(r)
        case .rangeKeyedNumbers(let keys, let r): return "keys \"low-high\" in \(describe(keys)), each " + describe(r)
        case .section: return "section"
        case .keyedSections: return "sections"
        case .keyedRows(_, _, let r): return "each " + describe(r)
        case .sections(_, let count): return "\(describeCount(count)) objects"
        }
    }
}

/// Calendar checks on date text, without Foundation.
package enum CalendarText {
    /// Whether `text` is `YYYY-MM-DD`, a day that exists, in 1900...2200.
    package static func isDay(_ text: String) -> Bool { parse(text, parts: 3) != nil }
    /// Whether `text` is `YYYY-MM` in 1900...2200.
    package static func isMonth(_ text: String) -> Bool { parse(text, parts: 2) != nil }

    /// (year, month, day) of `YYYY-MM-DD` or `YYYY-MM` (day 1); nil unless a real date in 1900...2200.
    package static func parse(_ text: String, parts count: Int) -> (year: Int, month: Int, day: Int)? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == count, parts[0].count == 4, (1...2).contains(parts[1].count), count == 2 || (1...2).contains(parts[2].count),
            parts.allSatisfy({ $0.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } }),
            let y = Int(parts[0]), let m = Int(parts[1]), (1900...2200).contains(y), (1...12).contains(m) else { return nil }
        let d = count == 3 ? Int(parts[2]) ?? 0 : 1
        guard d >= 1, d <= daysIn(month: m, year: y) else { return nil }
        return (y, m, d)
    }

    package static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}
