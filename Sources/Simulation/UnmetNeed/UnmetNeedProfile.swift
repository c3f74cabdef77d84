import CareModel
import Matching

/// The unmet-need profile of a simulation: how many children were turned away from in-house
/// care near home each year, why, and who they were, as P10/P50/P90 over runs; and the carer
/// profiles that would have taken the most of them (`CarerCovering`).
///
/// Counts are children: a decision for brothers and sisters counts each child it placed with
/// an agency, in residential care or in-house far from home. Years are the simulated years
/// (year 1 = the first twelve months). A run without any child in a group counts 0 there, so
/// every band is over all runs.
public struct UnmetNeedProfile: Sendable {
    public var years: Int
    public var runs: Int
    /// District names, by index.
    public var districts: [String]
    /// Per year (index 0 = year 1): all children turned away.
    public var total: [Percentiles]
    /// `byReason[reason.rawValue][year]`, and the same by age band, group size (1, 2, 3, 4+:
    /// index 0...3), district and need.
    public var byReason: [[Percentiles]]
    public var byAgeBand: [[Percentiles]]
    public var byGroupSize: [[Percentiles]]
    public var byDistrict: [[Percentiles]]
    public var byNeed: [[Percentiles]]
    /// Every combination of year, reason, age band, group size, district and need with a child
    /// in some run, in that order of keys.
    public var cells: [Cell]
    /// Over the whole horizon, all children turned away and those by reason.
    public var horizonTotal: Percentiles
    public var horizonByReason: [Percentiles]
    /// The carers we need: the top profiles, greedily (`CarerCovering`).
    public var carers: [CarerNeed]

    /// One combination of the full cross.
    public struct Cell: Sendable, Equatable {
        public var year: Int
        public var reason: TurnAwayReason
        public var ageBand: AgeBand
        /// 1, 2, 3, or 4 for four or more.
        public var groupSize: Int
        public var district: Int
        public var need: NeedCategory
        public var children: Percentiles
    }

    /// The profile of `runs[r]` (run r's decisions) over `years` years, with `districts`'
    /// names and centres for the carer profiles.
    /// - Complexity: O(decisions + cells x runs log runs) plus `CarerCovering`'s.
    package init(
        _ runs: [[TurnedAwayDecision]], years: Int, districts: [StartingPopulation.District],
        policy: MatchPolicy = .default, carerProfiles: Int = 5
    ) {
        self.years = max(1, years)
        self.runs = runs.count
        self.districts = districts.map(\.name)
        let years = self.years
        let districtCount = max(1, districts.count)
        func year(_ d: TurnedAwayDecision) -> Int { min(years - 1, max(0, Int(d.day / Calendar.yearDays))) }
        /// Bands per year of the counts grouped by `key` (0 ..< keys).
        func bands(_ keys: Int, _ key: (TurnedAwayDecision) -> Int) -> [[Percentiles]] {
            var counts = [Double](repeating: 0, count: keys * years * runs.count)
            for (r, list) in runs.enumerated() {
                for d in list {
                    let k = min(keys - 1, max(0, key(d)))
                    counts[(k * years + year(d)) * runs.count + r] += Double(d.children)
                }
            }
            return (0..<keys).map { k in
                (0..<years).map { y in Percentiles(of: Array(counts[((k * years + y) * runs.count)..<((k * years + y + 1) * runs.count)])) }
            }
        }
        total = bands(1) { _ in 0 }[0]
        byReason = bands(TurnAwayReason.allCases.count) { Int($0.reason.rawValue) }
        byAgeBand = bands(AgeBand.allCases.count) { $0.ageBand.rawValue }
        byGroupSize = bands(4) { $0.sizeBucket - 1 }
        byDistrict = bands(districtCount) { Int($0.district) }
        byNeed = bands(NeedCategory.allCases.count) { Int($0.need.rawValue) }
        horizonTotal = Percentiles(of: runs.map { $0.reduce(0.0) { $0 + Double($1.children) } })
        horizonByReason = TurnAwayReason.allCases.map { reason in
            Percentiles(of: runs.map { $0.reduce(0.0) { $0 + ($1.reason == reason ? Double($1.children) : 0) } })
        }

        // The full cross: cell keys in year, reason, band, size, district, need order.
        let reasons = TurnAwayReason.allCases.count, bandsCount = AgeBand.allCases.count, needs = NeedCategory.allCases.count
        func cellKey(_ d: TurnedAwayDecision) -> Int {
            let district = min(districtCount - 1, max(0, Int(d.district)))
            return ((((year(d) * reasons + Int(d.reason.rawValue)) * bandsCount + d.ageBand.rawValue) * 4 + d.sizeBucket - 1)
                * districtCount + district) * needs + Int(d.need.rawValue)
        }
        var slotOf: [Int: Int] = [:]
        var keys: [Int] = []
        var counts: [Double] = []
        for (r, list) in runs.enumerated() {
            for d in list {
                let key = cellKey(d)
                let slot: Int
                if let known = slotOf[key] {
                    slot = known
                } else {
                    slot = keys.count
                    slotOf[key] = slot
                    keys.append(key)
                    counts.append(contentsOf: repeatElement(0, count: runs.count))
                }
                counts[slot * runs.count + r] += Double(d.children)
            }
        }
        cells = keys.indices.sorted { keys[$0] < keys[$1] }.map { slot in
            var key = keys[slot]
            let need = key % needs; key /= needs
            let district = key % districtCount; key /= districtCount
            let size = key % 4 + 1; key /= 4
            let band = key % bandsCount; key /= bandsCount
            let reason = key % reasons; key /= reasons
            return Cell(
                year: key + 1, reason: TurnAwayReason(rawValue: UInt8(reason))!, ageBand: AgeBand(rawValue: band)!,
                groupSize: size, district: district, need: NeedCategory(rawValue: UInt8(need))!,
                children: Percentiles(of: Array(counts[(slot * runs.count)..<((slot + 1) * runs.count)])))
        }
        carers = CarerCovering.carersWeNeed(runs, districtCentres: districts.map(\.centre), policy: policy, count: carerProfiles)
    }
}

extension UnmetNeedProfile {
    /// The profile of `results` (its runs' turned-away decisions, years and districts).
    public init(_ results: SimulationResults, policy: MatchPolicy = .default, carerProfiles: Int = 5) {
        self.init(results.turnedAway, years: results.years, districts: results.districts, policy: policy, carerProfiles: carerProfiles)
    }
}
