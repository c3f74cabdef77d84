/// A section of a configuration file declared once: each setting's key, kind, range and help
/// (its `Setting`), bound to the Swift property that holds it.
///
/// From the one declaration come: the located checks (`table`), decoding over the section's
/// defaults (`decode`), encoding (`encoded`, written with the property's own type so that a
/// `JSONEncoder` gives the same text as a hand-written `encode(to:)`), and the documentation's
/// field tables. A section present in a file is read over its own defaults (`makeDefault`);
/// keys left out keep them. Immutable once built (its closures only read key paths and other
/// schemas), hence `@unchecked Sendable`.
package struct SettingsSchema<Section>: @unchecked Sendable {
    package let fields: [SettingField<Section>]
    package let table: SettingsTable
    let makeDefault: () -> Section
    let finish: ((LocatedJSON, inout Section) -> Void)?
    private let index: [String: Int]

    /// - Parameters:
    ///   - ignoring: keys accepted and ignored (`comment`).
    ///   - required: keys that must be written; `a|b` accepts either spelling.
    ///   - finish: a last step after the fields are read (e.g. a fallback between two keys).
    package init(_ fields: [SettingField<Section>], ignoring: Set<String> = ["comment"], required: [String] = [],
                default makeDefault: @escaping () -> Section, finish: ((LocatedJSON, inout Section) -> Void)? = nil) {
        self.fields = fields
        self.table = SettingsTable(fields.map(\.setting), ignoring: ignoring, required: required)
        self.makeDefault = makeDefault
        self.finish = finish
        var index: [String: Int] = [:]
        for (i, f) in fields.enumerated() { index[f.setting.key] = i }
        self.index = index
    }

    /// The section read from `json` (already checked against `table`) over its defaults.
    /// - Complexity: O(members) with hashing by key.
    package func decode(_ json: LocatedJSON) -> Section {
        var section = makeDefault()
        for member in json.members ?? [] {
            if let i = index[member.key] { fields[i].read(member.value, &section) }
        }
        finish?(json, &section)
        return section
    }

    /// The section as JSON, every field written (some omitted at their default, as declared).
    package func encoded(_ section: Section) -> EncodedJSON {
        .object(fields.compactMap { field in field.write(section).map { (field.setting.key, $0) } })
    }

    /// `Decodable` support: reads whatever JSON the decoder holds, checks it against `table`
    /// (a `DecodingError` listing the problems) and decodes it.
    package func decode(from decoder: any Decoder) throws -> Section {
        let json = try AnyJSON(from: decoder).value
        let path = decoder.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
        let problems = table.problems(in: json, path: path)
        guard problems.isEmpty else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: problems.map(\.message).joined(separator: "; ")))
        }
        return decode(json)
    }
}

/// One setting bound to its property: how it is read into a section and written from one.
package struct SettingField<Section>: @unchecked Sendable {
    package let setting: Setting
    let read: (LocatedJSON, inout Section) -> Void
    let write: (Section) -> EncodedJSON?

    /// A field with its own reading and writing (tables keyed by age band or placement type).
    package init(_ setting: Setting, read: @escaping (LocatedJSON, inout Section) -> Void, write: @escaping (Section) -> EncodedJSON?) {
        self.setting = setting
        self.read = read
        self.write = write
    }

    package static func number(_ key: String, _ path: WritableKeyPath<Section, Double>, _ range: ClosedRange<Double>, _ help: String,
                              omittedAt omitted: Double? = nil) -> Self {
        Self(Setting(key, .number(range), help), read: { json, s in if let x = json.double { s[keyPath: path] = x } },
             write: { s in s[keyPath: path] == omitted ? nil : .double(s[keyPath: path]) })
    }

    package static func probability(_ key: String, _ path: WritableKeyPath<Section, Double>, _ help: String, omittedAt omitted: Double? = nil) -> Self {
        Self(Setting(key, .probability, help), read: { json, s in if let x = json.double { s[keyPath: path] = x } },
             write: { s in s[keyPath: path] == omitted ? nil : .double(s[keyPath: path]) })
    }

    package static func number(_ key: String, _ path: WritableKeyPath<Section, Double?>, _ kind: Setting.Kind, _ help: String) -> Self {
        Self(Setting(key, kind, help), read: { json, s in s[keyPath: path] = json.double },
             write: { s in s[keyPath: path].map(EncodedJSON.double) })
    }

    package static func wholeNumber(_ key: String, _ path: WritableKeyPath<Section, Int>, _ range: ClosedRange<Int>, _ help: String) -> Self {
        Self(Setting(key, .wholeNumber(range), help), read: { json, s in if let n = json.integer { s[keyPath: path] = n } },
             write: { s in .int(s[keyPath: path]) })
    }

    package static func wholeNumber(_ key: String, _ path: WritableKeyPath<Section, Int?>, _ range: ClosedRange<Int>, _ help: String) -> Self {
        Self(Setting(key, .wholeNumber(range), help), read: { json, s in s[keyPath: path] = json.integer },
             write: { s in s[keyPath: path].map(EncodedJSON.int) })
    }

    package static func seed(_ key: String, _ path: WritableKeyPath<Section, UInt64>, _ help: String) -> Self {
        Self(Setting(key, .seed, help), read: { json, s in if let n = json.unsigned { s[keyPath: path] = n } },
             write: { s in .unsigned(s[keyPath: path]) })
    }

    package static func flag(_ key: String, _ path: WritableKeyPath<Section, Bool>, _ help: String) -> Self {
        Self(Setting(key, .flag, help), read: { json, s in if case .bool(let b) = json.value { s[keyPath: path] = b } },
             write: { s in .bool(s[keyPath: path]) })
    }

    package static func text(_ key: String, _ path: WritableKeyPath<Section, String>, as kind: Setting.Kind = .text, _ help: String) -> Self {
        Self(Setting(key, kind, help), read: { json, s in if let t = json.string { s[keyPath: path] = t } },
             write: { s in .string(s[keyPath: path]) })
    }

    package static func text(_ key: String, _ path: WritableKeyPath<Section, String?>, as kind: Setting.Kind = .text, _ help: String) -> Self {
        Self(Setting(key, kind, help), read: { json, s in s[keyPath: path] = json.string },
             write: { s in s[keyPath: path].map(EncodedJSON.string) })
    }

    /// One of an enumeration's raw values.
    package static func choice<Value: RawRepresentable & CaseIterable>(_ key: String, _ path: WritableKeyPath<Section, Value>, _ help: String) -> Self
    where Value.RawValue == String {
        Self(Setting(key, .choice(Value.allCases.map(\.rawValue)), help),
             read: { json, s in if let v = json.string.flatMap(Value.init(rawValue:)) { s[keyPath: path] = v } },
             write: { s in .string(s[keyPath: path].rawValue) })
    }

    package static func numbers(_ key: String, _ path: WritableKeyPath<Section, [Double]>, _ range: ClosedRange<Double>, count: ClosedRange<Int>,
                               _ help: String, omittedWhenEmpty: Bool = false) -> Self {
        Self(Setting(key, .numbers(range, count: count), help),
             read: { json, s in if case .array(let items) = json.value { s[keyPath: path] = items.compactMap(\.double) } },
             write: { s in omittedWhenEmpty && s[keyPath: path].isEmpty ? nil : .array(s[keyPath: path].map(EncodedJSON.double)) })
    }

    package static func words(_ key: String, _ path: WritableKeyPath<Section, [String]?>, _ words: [String], _ help: String) -> Self {
        Self(Setting(key, .choices(words), help),
             read: { json, s in if case .array(let items) = json.value { s[keyPath: path] = items.compactMap(\.string) } },
             write: { s in s[keyPath: path].map { .array($0.map(EncodedJSON.string)) } })
    }

    /// A list of texts (file names), left out when empty.
    package static func texts(_ key: String, _ path: WritableKeyPath<Section, [String]>, count: ClosedRange<Int>, _ help: String) -> Self {
        Self(Setting(key, .texts(count: count), help),
             read: { json, s in if case .array(let items) = json.value { s[keyPath: path] = items.compactMap(\.string) } },
             write: { s in s[keyPath: path].isEmpty ? nil : .array(s[keyPath: path].map(EncodedJSON.string)) })
    }

    /// An object of any names to numbers (district weights).
    package static func namedNumbers(_ key: String, _ path: WritableKeyPath<Section, [String: Double]>, _ range: ClosedRange<Double>, _ help: String) -> Self {
        Self(Setting(key, .namedNumbers(range), help),
             read: { json, s in
                 var map: [String: Double] = [:]
                 for m in json.members ?? [] { if let x = m.value.double { map[m.key] = x } }
                 s[keyPath: path] = map
             },
             write: { s in .object(s[keyPath: path].sorted { $0.key < $1.key }.map { ($0.key, .double($0.value)) }) })
    }

    package static func section<Inner>(_ key: String, _ path: WritableKeyPath<Section, Inner>, _ schema: SettingsSchema<Inner>, _ help: String) -> Self {
        Self(Setting(key, .section(schema.table), help), read: { json, s in s[keyPath: path] = schema.decode(json) },
             write: { s in schema.encoded(s[keyPath: path]) })
    }

    package static func section<Inner>(_ key: String, _ path: WritableKeyPath<Section, Inner?>, _ schema: SettingsSchema<Inner>, _ help: String) -> Self {
        Self(Setting(key, .section(schema.table), help), read: { json, s in s[keyPath: path] = schema.decode(json) },
             write: { s in s[keyPath: path].map(schema.encoded) })
    }

    package static func sections<Inner>(_ key: String, _ path: WritableKeyPath<Section, [Inner]>, _ schema: SettingsSchema<Inner>,
                                       count: ClosedRange<Int>, _ help: String, omittedWhenEmpty: Bool = false) -> Self {
        Self(Setting(key, .sections(schema.table, count: count), help),
             read: { json, s in if case .array(let items) = json.value { s[keyPath: path] = items.map(schema.decode) } },
             write: { s in omittedWhenEmpty && s[keyPath: path].isEmpty ? nil : .array(s[keyPath: path].map(schema.encoded)) })
    }

    /// A key accepted and checked but never written (an older spelling of another field).
    package static func alias(_ key: String, of field: Self) -> Self {
        Self(Setting(key, field.setting.kind, "older spelling of `\(field.setting.key)`"), read: field.read, write: { _ in nil })
    }
}

/// A JSON value to write, holding each number in the type of the property it came from, so
/// `JSONEncoder` formats it exactly as it formats that property.
package indirect enum EncodedJSON: Encodable, Sendable {
    case object([(String, EncodedJSON)])
    case array([EncodedJSON])
    case double(Double)
    case int(Int)
    case unsigned(UInt64)
    case string(String)
    case bool(Bool)

    struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ s: String) { stringValue = s }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    package func encode(to encoder: any Encoder) throws {
        switch self {
        case .object(let members):
            var c = encoder.container(keyedBy: Key.self)
            for (key, value) in members { try c.encode(value, forKey: Key(key)) }
        case .array(let items):
            var c = encoder.unkeyedContainer()
            for item in items { try c.encode(item) }
        case .double(let x):
            var c = encoder.singleValueContainer()
            try c.encode(x)
        case .int(let n):
            var c = encoder.singleValueContainer()
            try c.encode(n)
        case .unsigned(let n):
            var c = encoder.singleValueContainer()
            try c.encode(n)
        case .string(let t):
            var c = encoder.singleValueContainer()
            try c.encode(t)
        case .bool(let b):
            var c = encoder.singleValueContainer()
            try c.encode(b)
        }
    }
}

extension EncodedJSON {
    /// This value as located JSON (without locations), to check a value built in code against
    /// the same tables as a file.
    package var located: LocatedJSON {
        let nowhere = AnyJSON.nowhere
        switch self {
        case .object(let members):
            return LocatedJSON(.object(members.map { LocatedJSON.Member(key: $0.0, keyLocation: nowhere, value: $0.1.located) }), at: nowhere)
        case .array(let items): return LocatedJSON(.array(items.map(\.located)), at: nowhere)
        case .double(let x): return LocatedJSON(.number("\(x)"), at: nowhere)
        case .int(let n): return LocatedJSON(.number(String(n)), at: nowhere)
        case .unsigned(let n): return LocatedJSON(.number(String(n)), at: nowhere)
        case .string(let t): return LocatedJSON(.string(t), at: nowhere)
        case .bool(let b): return LocatedJSON(.bool(b), at: nowhere)
        }
    }
}

/// Any JSON a `Decoder` holds, as a `LocatedJSON` without locations (for `Decodable` support).
struct AnyJSON: Decodable {
    var value: LocatedJSON
    static let nowhere = JSONLocation(file: "", line: 0, column: 0)

    init(from decoder: any Decoder) throws {
        if let c = try? decoder.container(keyedBy: EncodedJSON.Key.self) {
            let members = try c.allKeys.sorted { $0.stringValue < $1.stringValue }.map { key in
                LocatedJSON.Member(key: key.stringValue, keyLocation: Self.nowhere, value: try c.decode(AnyJSON.self, forKey: key).value)
            }
            value = LocatedJSON(.object(members), at: Self.nowhere)
        } else if var c = try? decoder.unkeyedContainer() {
            var items: [LocatedJSON] = []
            while !c.isAtEnd { items.append(try c.decode(AnyJSON.self).value) }
            value = LocatedJSON(.array(items), at: Self.nowhere)
        } else {
            let c = try decoder.singleValueContainer()
            if c.decodeNil() {
                value = LocatedJSON(.null, at: Self.nowhere)
            } else if let b = try? c.decode(Bool.self) {
                value = LocatedJSON(.bool(b), at: Self.nowhere)
            } else if let n = try? c.decode(Int64.self) {
                value = LocatedJSON(.number(String(n)), at: Self.nowhere)
            } else if let n = try? c.decode(UInt64.self) {
                value = LocatedJSON(.number(String(n)), at: Self.nowhere)
            } else if let x = try? c.decode(Double.self) {
                value = LocatedJSON(.number("\(x)"), at: Self.nowhere)
            } else {
                value = LocatedJSON(.string(try c.decode(String.self)), at: Self.nowhere)
            }
        }
    }
}
