import CareModel

/// A value for each DfE age band, written in JSON as an object keyed by `AgeBand.key`
/// (`under_1`, `1_4`, `5_9`, `10_15`, `16_plus`).
public struct ByAgeBand<Value: Codable & Sendable & Equatable>: Codable, Sendable, Equatable {
    /// One value per band, in `AgeBand.allCases` order.
    public var values: [Value]

    public init(_ underOne: Value, _ oneToFour: Value, _ fiveToNine: Value, _ tenToFifteen: Value, _ sixteenPlus: Value) {
        values = [underOne, oneToFour, fiveToNine, tenToFifteen, sixteenPlus]
    }

    public subscript(band: AgeBand) -> Value {
        get { values[band.rawValue] }
        set { values[band.rawValue] = newValue }
    }

    public init(from decoder: any Decoder) throws {
        let map = try decoder.singleValueContainer().decode([String: Value].self)
        var found: [Value] = []
        for band in AgeBand.allCases {
            guard let value = map[band.key] else {
                throw DecodingError.dataCorrupted(.init(
                    codingPath: decoder.codingPath,
                    debugDescription: "missing age band \"\(band.key)\": expected keys \(Self.keyList)"))
            }
            found.append(value)
        }
        try Self.rejectUnknown(map.keys, decoder.codingPath)
        values = found
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: AnyCodingKey.self)
        for band in AgeBand.allCases { try container.encode(values[band.rawValue], forKey: AnyCodingKey(band.key)) }
    }

    static var keyList: String { AgeBand.allCases.map(\.key).joined(separator: ", ") }

    static func rejectUnknown(_ keys: some Sequence<String>, _ path: [any CodingKey]) throws {
        let known = Set(AgeBand.allCases.map(\.key))
        for key in keys.sorted() where !known.contains(key) {
            throw DecodingError.dataCorrupted(.init(
                codingPath: path + [AnyCodingKey(key)],
                debugDescription: "unknown age band \"\(key)\": expected one of \(keyList)"))
        }
    }

}

/// A value for each placement type, written in JSON as an object keyed by `PlacementType.rawValue`
/// (`in_house`, `ifa`, `kinship`, `residential`, `supported`, `with_parents`, `adoption`, `other`).
public struct ByPlacementType<Value: Codable & Sendable & Equatable>: Codable, Sendable, Equatable {
    /// One value per type, in `PlacementType.allCases` order.
    public var values: [Value]

    public init(inHouse: Value, ifa: Value, kinship: Value, residential: Value, supported: Value,
                withParents: Value, adoption: Value, other: Value) {
        values = [inHouse, ifa, kinship, residential, supported, withParents, adoption, other]
    }

    public subscript(type: PlacementType) -> Value {
        get { values[type.index] }
        set { values[type.index] = newValue }
    }

    public init(from decoder: any Decoder) throws {
        let map = try decoder.singleValueContainer().decode([String: Value].self)
        var found: [Value] = []
        for type in PlacementType.allCases {
            guard let value = map[type.rawValue] else {
                throw DecodingError.dataCorrupted(.init(
                    codingPath: decoder.codingPath,
                    debugDescription: "missing placement type \"\(type.rawValue)\": expected keys \(Self.keyList)"))
            }
            found.append(value)
        }
        try Self.rejectUnknown(map.keys, decoder.codingPath)
        values = found
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: AnyCodingKey.self)
        for type in PlacementType.allCases { try container.encode(values[type.index], forKey: AnyCodingKey(type.rawValue)) }
    }

    static var keyList: String { PlacementType.allCases.map(\.rawValue).joined(separator: ", ") }

    static func rejectUnknown(_ keys: some Sequence<String>, _ path: [any CodingKey]) throws {
        let known = Set(PlacementType.allCases.map(\.rawValue))
        for key in keys.sorted() where !known.contains(key) {
            throw DecodingError.dataCorrupted(.init(
                codingPath: path + [AnyCodingKey(key)],
                debugDescription: "unknown placement type \"\(key)\": expected one of \(keyList)"))
        }
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
package struct AnyCodingKey: CodingKey, Sendable {
    package var stringValue: String
    package var intValue: Int?
    package init(_ string: String) { stringValue = string }
    package init?(stringValue: String) { self.stringValue = stringValue }
    package init?(intValue: Int) {
        stringValue = "\(intValue)"
        self.intValue = intValue
    }
}
