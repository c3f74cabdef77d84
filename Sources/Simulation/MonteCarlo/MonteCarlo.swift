import CareModel
import Dispatch
import Foundation
import Matching

/// The P10, P50 and P90 of a quantity over Monte Carlo runs.
public struct Percentiles: Sendable, Equatable, Codable {
    public var p10: Double
    public var p50: Double
    public var p90: Double
    public init(p10: Double, p50: Double, p90: Double) {
        self.p10 = p10
        self.p50 = p50
        self.p90 = p90
    }

    /// Percentiles of `values` by linear interpolation between order statistics (R type 7).
    /// - Complexity: O(n log n).
    public init(of values: [Double]) {
        self.init(sorted: values.sorted())
    }

    /// Percentiles of values already in ascending order, as `init(of:)` gives them.
    /// - Complexity: O(1).
    package init(sorted: [Double]) {
        func q(_ p: Double) -> Double {
            guard !sorted.isEmpty else { return 0 }
            let h = Double(sorted.count - 1) * p
            let lo = Int(h.rounded(.down))
            let hi = min(lo + 1, sorted.count - 1)
            return sorted[lo] + (h - Double(lo)) * (sorted[hi] - sorted[lo])
        }
        self.init(p10: q(0.1), p50: q(0.5), p90: q(0.9))
    }
}

/// Everything a Monte Carlo run of a scenario produced, summarised over runs.
public struct SimulationResults: Sendable {
    public var scenario: Scenario
    public var runs: Int
    public var years: Int
    public var seed: UInt64
    /// Months simulated (12 x years); monthly rows are 0...months.
    public var months: Int { years * 12 }
    /// Per month and KPI: `bands[month * KPI.allCases.count + kpi.rawValue]`.
    public var bands: [Percentiles]
    /// Totals over the horizon: flow KPIs summed, plus `cost_pounds` and `placements`.
    public var totals: [(key: String, value: Percentiles)]
    /// New placements over the horizon by type.
    public var placementsByType: [(type: PlacementType, value: Percentiles)]
    /// New placements over the horizon in the spec's categories: in_house, ifa, kinship,
    /// residential, supported, other (placed with parents, for adoption and other together).
    public var placementsBySpecKey: [(key: String, value: Percentiles)]
    /// Mean time in care (years) of the children who left during the run, counting the time
    /// before the start date of those in care at the start (the DfE's "duration of care" of
    /// children who ceased, over the whole horizon).
    public var meanYearsInCareAtLeaving: Percentiles
    /// Events processed over all runs.
    public var events: Int
    /// The raw per-run monthly values (run-major), kept for tests and comparisons.
    public var runValues: [[Double]]
    /// Every placement decision of every run, in run order, when the runs were traced.
    public var trace: [PlacementDecision] = []
    /// Each run's placement costs and recruitment spend, month by month (run order).
    public var runMoney: [RunMoney] = []
    /// Per run, every decision that turned a child or group away from in-house care near home
    /// (`TurnedAwayDecision`), in time order; summarised by `UnmetNeedProfile`.
    public var turnedAway: [[TurnedAwayDecision]] = []
    /// The starting population's districts (names and centres), when run by `MonteCarlo.run`.
    package var districts: [StartingPopulation.District] = []

    /// The P10/P50/P90 of `kpi` at the end of `month`.
    public func value(_ kpi: KPI, month: Int) -> Percentiles { bands[month * KPI.allCases.count + kpi.rawValue] }

    /// `kpi` at the end of `year`: for stocks the month-end value; for flows the total over the
    /// year's twelve months (0 for year 0), as P10/P50/P90 over runs.
    public func atYear(_ kpi: KPI, year: Int) -> Percentiles {
        guard kpi.isFlow else { return value(kpi, month: year * 12) }
        guard year >= 1 else { return Percentiles(p10: 0, p50: 0, p90: 0) }
        let k = KPI.allCases.count
        return Percentiles(of: runValues.map { run in
            ((year - 1) * 12 + 1...year * 12).reduce(0.0) { $0 + run[$1 * k + kpi.rawValue] }
        })
    }

    /// The first month (1...) whose P50 in-house vacancies are zero, if any.
    public var inHousePlacesRunOutMonth: Int? {
        (1...max(1, months)).first { $0 <= months && value(.vacancies, month: $0).p50 <= 0 }
    }

    /// The total named `key` (e.g. `entries`, `cost_pounds`).
    public func total(_ key: String) -> Percentiles? { totals.first { $0.key == key }?.value }
}

/// Runs replications of a scenario, in parallel, with results independent of the thread count.
///
/// ## Design note
/// Replication `r` always uses stream `r` of the seed (the r-th split of the seed's
/// xoshiro256** generator, from which the run's `RandomKey` is taken), whichever thread runs it, and results are stored by replication index, so any number of
/// threads gives byte-identical output. Work is split statically (worker w runs w, w+T, ...)
/// with `DispatchQueue.concurrentPerform`; replications are long enough that the imbalance is
/// small. Scenarios compared with the same seed get the same streams, and within a run every
/// draw is keyed by what it is about, so they stay in step (common random numbers; see
/// `Replication`).
public enum MonteCarlo {
    /// Runs `runs` replications of `years` years and summarises them.
    ///
    /// `threads` nil = all cores. `progress` is called after each replication with the number
    /// done (from worker threads). With `trace`, every placement decision is recorded
    /// (`SimulationResults.trace`); the runs themselves are the same either way.
    public static func run(
        scenario: Scenario, start: StartingPopulation, runs: Int, years: Int, seed: UInt64, threads: Int? = nil,
        trace: Bool = false, progress: (@Sendable (Int) -> Void)? = nil
    ) -> SimulationResults {
        let raw = replicate(
            scenario: scenario, start: start, runs: runs, years: years, seed: seed, threads: threads, trace: trace,
            progress: progress)
        var results = summarise(raw, scenario: scenario, runs: runs, years: years, seed: seed, threads: threads)
        results.districts = start.districts
        if trace { results.trace = raw.flatMap(\.trace) }
        return results
    }

    /// The raw result of every replication, in replication order.
    package static func replicate(
        scenario: Scenario, start: StartingPopulation, runs: Int, years: Int, seed: UInt64, threads: Int? = nil,
        trace: Bool = false, progress: (@Sendable (Int) -> Void)? = nil
    ) -> [ReplicationResult] {
        let scenario = scenario.resolvingDates()
        let prepared = PreparedStart(start, scenario: scenario)
        let months = max(0, years) * 12
        let streams = self.streams(seed: seed, count: runs)
        let workers = max(1, min(runs, threads ?? ProcessInfo.processInfo.activeProcessorCount))
        let results = ResultSlots(count: runs)
        defer { results.slots.deallocate() }
        let counter = ProgressCounter()
        let work: @Sendable (Int) -> Void = { [streams] w in
            // Workers after the first run on deep copies of their own (`OwnedCopy`).
            let scenario = w == 0 ? scenario : OwnedCopy.of(scenario)
            let prepared = w == 0 ? prepared : prepared.ownedCopy(scenario: scenario)
            var r = w
            // Each run after the worker's first writes to the memory of the run before
            // (`Replication.reuseStorage`).
            var finished: Replication? = nil
            while r < runs {
                var replication = Replication(scenario: scenario, start: prepared, months: months, rng: streams[r])
                if var used = finished.take() { replication.reuseStorage(of: &used) }
                if trace {
                    replication.trace = []
                    replication.traceRun = r
                }
                let result = replication.run()
                results.slots[r] = result
                finished = replication
                if let progress { progress(counter.increment()) }
                r += workers
            }
        }
        if workers == 1 {
            work(0)
        } else {
            DispatchQueue.concurrentPerform(iterations: workers) { work($0) }
        }
        return (0..<runs).map { results.slots[$0]! }
    }

    /// The random streams of replications `0 ..< count` of `seed` (successive splits of the seed's generator).
    static func streams(seed: UInt64, count: Int) -> [Xoshiro256StarStar] {
        var base = Xoshiro256StarStar(seed: seed)
        var streams: [Xoshiro256StarStar] = []
        streams.reserveCapacity(count)
        for _ in 0..<count { streams.append(base.split()) }
        return streams
    }

    /// The values (cells x runs) below which the monthly bands are worked out on one thread.
    static let bandsPerThreadAtLeast = 200_000

    /// P10/P50/P90 over replications of every monthly KPI and every total.
    ///
    /// The monthly bands (a sort of every run's values for each month and KPI: most of the
    /// work) are shared out over `threads` threads (nil: all cores), each taking a block of
    /// cells and writing only its own, so the result is the same on any number.
    package static func summarise(
        _ raw: [ReplicationResult], scenario: Scenario, runs: Int, years: Int, seed: UInt64, threads: Int? = nil
    ) -> SimulationResults {
        let months = max(0, years) * 12
        let k = KPI.allCases.count
        // Each run's monthly values copied once into one table, a row per (month, KPI) cell, so
        // each cell's values across runs are read in a row, without copying any run's result.
        let cells = (months + 1) * k
        let n = raw.count
        var table = [Double](repeating: 0, count: cells * n)
        table.withUnsafeMutableBufferPointer { table in
            for r in raw.indices {
                raw[r].monthly.withUnsafeBufferPointer { monthly in
                    precondition(monthly.count >= cells, "run \(r) has \(monthly.count) monthly values, \(cells) expected")
                    for cell in 0 ..< cells { table[cell * n + r] = monthly[cell] }
                }
            }
        }
        var bands = [Percentiles](repeating: Percentiles(p10: 0, p50: 0, p90: 0), count: cells)
        let workers = max(1, min(threads ?? ProcessInfo.processInfo.activeProcessorCount, cells * n / bandsPerThreadAtLeast))
        let cellsPerWorker = (cells + workers - 1) / workers
        table.withUnsafeMutableBufferPointer { table in
            bands.withUnsafeMutableBufferPointer { bands in
                // No runs (or no months): every band stays zero, as `Percentiles(of: [])` gives.
                guard let tableStart = table.baseAddress, let bandsStart = bands.baseAddress else { return }
                let source = UnsafeSendablePointer(tableStart), target = UnsafeSendablePointer(bandsStart)
                let work: @Sendable (Int) -> Void = { w in
                    var column = [Double](repeating: 0, count: n)
                    for cell in w * cellsPerWorker ..< min(cells, (w + 1) * cellsPerWorker) {
                        for r in 0 ..< n { column[r] = source.base[cell * n + r] }
                        column.sort()
                        target.base[cell] = Percentiles(sorted: column)
                    }
                }
                if workers == 1 { work(0) } else { DispatchQueue.concurrentPerform(iterations: workers, execute: work) }
            }
        }
        var totals: [(key: String, value: Percentiles)] = []
        for kpi in KPI.allCases where kpi.isFlow {
            let values = raw.map { result in (1...max(1, months)).reduce(0.0) { $0 + ($1 <= months ? result.monthly[$1 * k + kpi.rawValue] : 0) } }
            totals.append((kpi.key, Percentiles(of: values)))
        }
        totals.append(("placements", Percentiles(of: raw.map { Double($0.placementsByType.reduce(0, +)) })))
        totals.append(("cost_pounds", Percentiles(of: raw.map(\.totalCost))))
        let byType = PlacementType.allCases.map { type in
            (type, Percentiles(of: raw.map { Double($0.placementsByType[type.index]) }))
        }
        let specKeys: [(String, [PlacementType])] = [
            ("in_house", [.inHouseFoster]), ("ifa", [.ifaFoster]), ("kinship", [.kinship]), ("residential", [.residential]),
            ("supported", [.supported]), ("other", [.withParents, .adoption, .other]),
        ]
        let bySpec = specKeys.map { key, types in
            (key, Percentiles(of: raw.map { r in Double(types.reduce(0) { $0 + r.placementsByType[$1.index] }) }))
        }
        let stays = raw.map { $0.leavers > 0 ? $0.leaverDaysInCare / Double($0.leavers) / 365.25 : 0 }
        var results = SimulationResults(
            scenario: scenario, runs: raw.count, years: years, seed: seed, bands: bands, totals: totals,
            placementsByType: byType, placementsBySpecKey: bySpec, meanYearsInCareAtLeaving: Percentiles(of: stays),
            events: raw.reduce(0) { $0 + $1.events }, runValues: raw.map(\.monthly), turnedAway: raw.map(\.turnedAway))
        results.runMoney = raw.map(\.money)
        return results
    }
}

/// Counts finished replications across threads.
final class ProgressCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var done = 0
    func increment() -> Int {
        lock.lock()
        defer { lock.unlock() }
        done += 1
        return done
    }
}


/// One slot per replication, written by whichever thread runs it (each slot by one thread only).
struct ResultSlots: @unchecked Sendable {
    let slots: UnsafeMutableBufferPointer<ReplicationResult?>
    init(count: Int) {
        slots = .allocate(capacity: max(1, count))
        slots.initialize(repeating: nil)
    }
}
