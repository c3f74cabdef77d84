// Simulation benchmarks: the county baseline at 1 and 2 threads, event throughput against a
// SimPy peer running the same entry/exit/placement model, and a national-size scenario.
import Foundation
import Interchange
import Simulation

enum SimulationBenchmarks {
    static func run(_ options: BenchOptions) {
        print("== simulation ==")
        if options.wants("county") { county(options) }
        if options.wants("throughput") { throughput(options) }
        if options.wants("national") { national(options) }
    }

    static func scenario(_ name: String) -> Scenario {
        do {
            return try ScenarioFile.read(path: BenchPaths.root + "/Scenarios/\(name).json")
        } catch {
            note("cannot read scenario \(name): \(error)")
            exit(1)
        }
    }

    /// County baseline, 10 years x 1,000 runs (100 with --quick), on 1 and 2 threads; the
    /// outputs must be identical.
    static func county(_ options: BenchOptions) {
        let s = scenario("county-baseline")
        let start = s.startingPopulation()
        let runs = options.quick ? 100 : 1000
        let t0 = Clock.now()
        let one = MonteCarlo.run(scenario: s, start: start, runs: runs, years: 10, seed: 2024, threads: 1)
        let t1 = Clock.now()
        let two = MonteCarlo.run(scenario: s, start: start, runs: runs, years: 10, seed: 2024, threads: 2)
        let t2 = Clock.now()
        let same = SimulationResultWriters.monthlyCSV(one) == SimulationResultWriters.monthlyCSV(two)
        let single = t1 - t0, double = t2 - t1
        print(String(format: "county baseline 10 y x %d runs: 1 thread %.2f s, 2 threads %.2f s, speed-up %.2fx (target < 10 s, >= 1.7x); events %d (%.2f M/s on 2 threads); identical output: %@",
                     runs, single, double, single / double, two.events, Double(two.events) / double / 1e6, same ? "yes" : "NO"))
    }

    /// Events a second on one thread, Hearth against the SimPy peer on the same model.
    static func throughput(_ options: BenchOptions) {
        let s = scenario("county-baseline")
        let start = s.startingPopulation()
        let runs = options.quick ? 20 : 100
        let t0 = Clock.now()
        let results = MonteCarlo.run(scenario: s, start: start, runs: runs, years: 10, seed: 2024, threads: 1)
        let seconds = Clock.now() - t0
        let rate = Double(results.events) / seconds
        print(String(format: "hearth: %d events in %.2f s on 1 thread = %.0f events/s (county baseline, 10 y x %d runs, matching engine on)",
                     results.events, seconds, rate, runs))
        guard options.peers else { return }
        let peerRuns = options.quick ? 2 : 5
        guard let peer = Peer.run("simpy_sufficiency.py", [BenchPaths.root + "/Scenarios/county-baseline.json", "--runs", "\(peerRuns)", "--years", "10"]),
            let events = peer["events"] as? Double ?? (peer["events"] as? Int).map(Double.init),
            let peerSeconds = peer["seconds"] as? Double
        else { return }
        let peerRate = events / peerSeconds
        print(String(format: "simpy:  %.0f events in %.2f s = %.0f events/s (same model, first-fit placement, %d runs); hearth/simpy = %.1fx (target >= 15x)",
                     events, peerSeconds, peerRate, peerRuns, rate / peerRate))
        if let inCare = peer["children_in_care_end_mean"] as? Double {
            print(String(format: "agreement: children in care after 10 years, mean: simpy %.0f, hearth P50 %.0f", inCare, results.value(.childrenInCare, month: 120).p50))
        }
    }

    /// England-sized scenario, 10 years x 100 runs (1 year x 2 runs with --quick): time and peak memory.
    static func national(_ options: BenchOptions) {
        let s = scenario("england-size")
        let t0 = Clock.now()
        let start = s.startingPopulation()
        let t1 = Clock.now()
        let runs = options.quick ? 2 : 100, years = options.quick ? 1 : 10
        let results = MonteCarlo.run(scenario: s, start: start, runs: runs, years: years, seed: 2024)
        let t2 = Clock.now()
        print(String(format: "national size (%d children, %d in-house households): generated in %.1f s; %d y x %d runs in %.1f s (%.0f events/s); peak memory %.2f GiB (target < 4 GiB)",
                     start.children.count, start.households.count, t1 - t0, years, runs, t2 - t1, Double(results.events) / (t2 - t1),
                     Double(peakMemoryBytes()) / 1_073_741_824))
    }
}
