import CareModel
import Interchange

/// An approved age range with a weight: one entry of a mix of carers' age ranges, written in a
/// scenario as `"0-10": 25` (youngest and oldest age approved, inclusive, 0-17).
public struct AgeRangeWeight: Sendable, Equatable {
    public var ages: ClosedRange<Int>
    public var weight: Double

    public init(_ ages: ClosedRange<Int>, _ weight: Double) {
        self.ages = ages
        self.weight = weight
    }

    /// The key written in a scenario: `"5-17"`.
    public var key: String { "\(ages.lowerBound)-\(ages.upperBound)" }

    /// The age ranges the county's carers are approved for, in the order they are drawn: most
    /// take any age or up to 10; few only under-5s.
    public static let countyMix: [AgeRangeWeight] = [
        AgeRangeWeight(0...10, 25), AgeRangeWeight(0...17, 35), AgeRangeWeight(5...17, 20),
        AgeRangeWeight(11...17, 15), AgeRangeWeight(0...4, 5),
    ]

    /// `mix` in the order draws walk it, whatever order it was written in (JSON objects have
    /// none, and a scenario printed with sorted keys must draw what it drew): the county's five
    /// ranges in `countyMix` order, then any others by youngest, then oldest age.
    public static func canonical(_ mix: [AgeRangeWeight]) -> [AgeRangeWeight] {
        func rank(_ a: AgeRangeWeight) -> (Int, Int, Int) {
            if let i = countyMix.firstIndex(where: { $0.ages == a.ages }) { return (i, 0, 0) }
            return (countyMix.count, a.ages.lowerBound, a.ages.upperBound)
        }
        return mix.sorted { rank($0) < rank($1) }
    }

    /// The range of `mix` that holds the uniform `u` (inversion over the weights in the order given).
    /// - Complexity: O(mix.count).
    public static func draw(_ mix: [AgeRangeWeight], quantile u: Double) -> ClosedRange<Int> {
        mix[Draw.weightedIndex(mix.map(\.weight), quantile: u)].ages
    }
}

extension SettingField {
    /// Weights of approved age ranges keyed `"youngest-oldest"` (whole ages 0-17), held in
    /// `AgeRangeWeight.canonical` order, the order draws walk.
    static func ageRanges(_ key: String, _ path: WritableKeyPath<Section, [AgeRangeWeight]>, _ range: ClosedRange<Double>,
                          omittedWhenEmpty: Bool, _ help: String) -> Self {
        Self(Setting(key, .rangeKeyedNumbers(keys: 0...17, range), help),
             read: { json, s in
                 s[keyPath: path] = AgeRangeWeight.canonical((json.members ?? []).compactMap { m in
                     guard let x = m.value.double, let ages = Setting.range(m.key) else { return nil }
                     return AgeRangeWeight(ages, x)
                 })
             },
             write: { s in
                 let mix = s[keyPath: path]
                 return omittedWhenEmpty && mix.isEmpty ? nil : .object(mix.map { ($0.key, .double($0.weight)) })
             })
    }
}
