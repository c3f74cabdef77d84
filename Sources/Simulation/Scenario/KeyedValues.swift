import CareModel

/// A fixed, ordered set of keys that a scenario's keyed values are written against: the DfE age
/// bands or the placement types. Each case has a position (for flat arrays) and a JSON key.
public protocol ValueKey: CaseIterable, Sendable {
    /// What one key is called in messages ("age band", "placement type").
    static var keyKind: String { get }
    /// The key as written in JSON.
    var jsonKey: String { get }
    /// The position in `allCases`.
    var position: Int { get }
}

extension AgeBand: ValueKey {
    public static var keyKind: String { "age band" }
    public var jsonKey: String { key }
    public var position: Int { rawValue }
}

extension PlacementType: ValueKey {
    public static var keyKind: String { "placement type" }
    public var jsonKey: String { rawValue }
    public var position: Int { index }
}

/// One value for each key of a `ValueKey` set, written in JSON as an object with every key
/// present and no other (`{"under_1": 0.1, "1_4": 0.2, ...}`); a missing or unknown key is an
/// error that names the key and the expected ones.
public struct KeyedValues<Key: ValueKey, Value: Codable & Sendable & Equatable>: Codable, Sendable, Equatable {
    /// One value per key, in `Key.allCases` order.
    public var values: [Value]

    /// Values given in `Key.allCases` order.
    public init(values: [Value]) {
        precondition(values.count == Key.allCases.count, "one value per \(Key.keyKind)")
        self.values = values
    }

    public subscript(key: Key) -> Value {
        get { values[key.position] }
        set { values[key.position] = newValue }
    }

    public init(from decoder: any Decoder) throws {
        let map = try decoder.singleValueContainer().decode([String: Value].self)
        var found: [Value] = []
        for key in Key.allCases {
            guard let value = map[key.jsonKey] else {
                throw DecodingError.dataCorrupted(.init(
                    codingPath: decoder.codingPath,
                    debugDescription: "missing \(Key.keyKind) \"\(key.jsonKey)\": expected keys \(Self.keyList)"))
            }
            found.append(value)
        }
        let known = Set(Key.allCases.map(\.jsonKey))
        for key in map.keys.sorted() where !known.contains(key) {
            throw DecodingError.dataCorrupted(.init(
                codingPath: decoder.codingPath + [AnyCodingKey(key)],
                debugDescription: "unknown \(Key.keyKind) \"\(key)\": expected one of \(Self.keyList)"))
        }
        values = found
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: AnyCodingKey.self)
        for key in Key.allCases { try container.encode(values[key.position], forKey: AnyCodingKey(key.jsonKey)) }
    }

    static var keyList: String { Key.allCases.map(\.jsonKey).joined(separator: ", ") }
}

/// A value for each DfE age band, keyed by `AgeBand.key` (`under_1`, `1_4`, `5_9`, `10_15`, `16_plus`).
public typealias ByAgeBand<Value: Codable & Sendable & Equatable> = KeyedValues<AgeBand, Value>

/// A value for each placement type, keyed by `PlacementType.rawValue` (`in_house`, `ifa`,
/// `kinship`, `residential`, `supported`, `with_parents`, `adoption`, `other`).
public typealias ByPlacementType<Value: Codable & Sendable & Equatable> = KeyedValues<PlacementType, Value>

extension KeyedValues where Key == AgeBand {
    public init(_ underOne: Value, _ oneToFour: Value, _ fiveToNine: Value, _ tenToFifteen: Value, _ sixteenPlus: Value) {
        values = [underOne, oneToFour, fiveToNine, tenToFifteen, sixteenPlus]
    }
}

extension KeyedValues where Key == PlacementType {
    public init(inHouse: Value, ifa: Value, kinship: Value, residential: Value, supported: Value,
                withParents: Value, adoption: Value, other: Value) {
        values = [inHouse, ifa, kinship, residential, supported, withParents, adoption, other]
    }
}

extension PlacementType {
    /// The position in `allCases`, for flat per-type arrays.
    @inlinable package var index: Int {
        switch self {
        case .inHouseFoster: 0
        case .ifaFoster: 1
        case .kinship: 2
        case .residential: 3
        case .supported: 4
        case .withParents: 5
        case .adoption: 6
        case .other: 7
        }
    }
    /// The type at position `index` of `allCases`.
    @inlinable package static func at(_ index: Int) -> PlacementType {
        switch index {
        case 0: .inHouseFoster
        case 1: .ifaFoster
        case 2: .kinship
        case 3: .residential
        case 4: .supported
        case 5: .withParents
        case 6: .adoption
        default: .other
        }
    }
}

/// A coding key made from any string (for maps and for reporting unknown keys).
struct AnyCodingKey: CodingKey, Sendable {
    var stringValue: String
    var intValue: Int?
    init(_ string: String) { stringValue = string }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) {
        stringValue = "\(intValue)"
        self.intValue = intValue
    }
}
