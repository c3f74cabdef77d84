import Reports
import Calibration
// Simulation benchmarks: the county baseline at 1 and 2 threads, event throughput against a
// SimPy peer running the same entry/exit/placement model, and a national-size scenario.
import Foundation
import Interchange
import Simulation

enum SimulationBenchmarks {
    static func run(_ options: BenchOptions) {
        if options.cases.contains("embed") {
            embedScenarios()
            return
        }
        if options.cases.contains("fingerprint") {
            fingerprint(options)
            return
        }
        if options.cases.contains("pairing") {
            PairingFigures.run(options)
            return
        }
        print("== simulation ==")
        if options.wants("county") { county(options) }
        if options.wants("throughput") { throughput(options) }
        if options.wants("national") { national(options) }
    }

    /// Not a benchmark: rewrites `Sources/Simulation/Scenario/BundledScenarios.swift` from the
    /// files in `Scenarios/` (run after editing them: `hearth-bench simulation embed`).
    static func embedScenarios() {
        let folder = BenchPaths.root + "/Scenarios"
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".json") }.sorted()
        var out = """
            /// The scenarios shipped in `Scenarios/`, embedded so that `hearth simulate` works from a fresh
            /// clone with no files. Generated from the JSON files; a test checks they are identical.
            public enum BundledScenarios {
                /// The scenario `hearth simulate` runs when none is named.
                public static let defaultName = "county-baseline"

                /// JSON text by name (the file name without `.json`).
                public static let json: [String: String] = [

            """
        for file in files {
            guard let text = try? String(contentsOfFile: folder + "/" + file, encoding: .utf8), !text.contains("\"\"\"#") else {
                note("cannot embed \(file)")
                exit(1)
            }
            out += "        \"\(file.dropLast(5))\": #\"\"\"\n"
            for line in text.split(separator: "\n", omittingEmptySubsequences: false).dropLast(text.hasSuffix("\n") ? 1 : 0) {
                out += line.isEmpty ? "\n" : "            " + line + "\n"
            }
            out += "            \"\"\"#,\n"
        }
        out += "    ]\n}\n"
        let target = BenchPaths.root + "/Sources/Simulation/Scenario/BundledScenarios.swift"
        do {
            try AtomicFile.write(out, to: target)
        } catch {
            note("cannot write \(target): \(error)")
            exit(1)
        }
        print("embedded \(files.count) scenarios into \(target)")
    }

    /// Not a benchmark: a hash of every raw per-run result (each monthly value's bits, placements,
    /// cost, episodes, events) of each scenario in `Scenarios/` except england-size, on 1 and 2
    /// threads, to check that a speed-up leaves the output byte-identical
    /// (`hearth-bench simulation fingerprint [--runs N]`, default 20 runs of the scenario's years).
    /// `fingerprint national` hashes england-size instead: 2 runs (or N) of its years on 2 threads.
    static func fingerprint(_ options: BenchOptions) {
        let folder = BenchPaths.root + "/Scenarios"
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".json") }.sorted()
        let national = options.cases.contains("national")
        let runs = options.runs == BenchOptions([]).runs ? (national ? 2 : 20) : options.runs
        for file in files where (file == "england-size.json") == national {
            let s = scenario(String(file.dropLast(5)))
            let start = s.startingPopulation()
            var line = file.dropLast(5) + ":"
            for threads in national ? [2] : [1, 2] {
                let raw = MonteCarlo.replicate(scenario: s, start: start, runs: runs, years: s.years, seed: s.seed, threads: threads)
                var hash: UInt64 = 0xcbf2_9ce4_8422_2325
                func mix(_ v: UInt64) {
                    hash ^= v
                    hash = hash &* 0x100_0000_01b3
                }
                var events = 0
                for r in raw {
                    for v in r.monthly { mix(v.bitPattern) }
                    for p in r.placementsByType { mix(UInt64(bitPattern: Int64(p))) }
                    mix(r.totalCost.bitPattern)
                    mix(UInt64(r.leavers))
                    mix(r.leaverDaysInCare.bitPattern)
                    mix(UInt64(r.events))
                    events += r.events
                }
                line += " \(threads)t \(String(hash, radix: 16)) (\(events) events)"
            }
            print(line)
        }
    }

    static func scenario(_ name: String) -> Scenario {
        do {
            return try ScenarioFile.read(path: BenchPaths.root + "/Scenarios/\(name).json")
        } catch {
            note("cannot read scenario \(name): \(error)")
            exit(1)
        }
    }

    /// County baseline, 10 years x 1,000 runs (100 with --quick, N with --runs N), on 1 and
    /// 2 threads; the outputs must be identical.
    static func county(_ options: BenchOptions) {
        let s = scenario("county-baseline")
        let start = s.startingPopulation()
        let runs = options.runs != BenchOptions([]).runs ? options.runs : options.quick ? 100 : 1000
        let t0 = Clock.now()
        let one = MonteCarlo.run(scenario: s, start: start, runs: runs, years: 10, seed: 2024, threads: 1)
        let t1 = Clock.now()
        let two = MonteCarlo.run(scenario: s, start: start, runs: runs, years: 10, seed: 2024, threads: 2)
        let t2 = Clock.now()
        let same = SimulationResultWriters.monthlyCSV(one) == SimulationResultWriters.monthlyCSV(two)
        let single = t1 - t0, double = t2 - t1
        print(String(format: "county baseline 10 y x %d runs: 1 thread %.2f s, 2 threads %.2f s, speed-up %.2fx (target < 4 s, >= 1.7x); events %d (%.2f M/s on 2 threads); identical output: %@",
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
        // Both sides count live events only (a SimPy process resumption; a Hearth calendar entry
        // that takes effect, stale ones not counted). The time per simulated run does not
        // depend on what counts as an event.
        print(String(format: "simpy:  %.0f events in %.2f s = %.0f events/s (first-fit placement, %d runs); hearth/simpy = %.1fx events/s (target >= 15x)",
                     events, peerSeconds, peerRate, peerRuns, rate / peerRate))
        let hearthPerRun = seconds / Double(runs), peerPerRun = peerSeconds / Double(peerRuns)
        print(String(format: "per simulated run (10 years): hearth %.1f ms, simpy %.1f ms = %.1fx; events per run: hearth %.0f, simpy %.0f",
                     1000 * hearthPerRun, 1000 * peerPerRun, peerPerRun / hearthPerRun,
                     Double(results.events) / Double(runs), events / Double(peerRuns)))
        if let inCare = peer["children_in_care_end_mean"] as? Double {
            print(String(format: "agreement: children in care after 10 years, mean: simpy %.0f, hearth P50 %.0f", inCare, results.value(.childrenInCare, month: 120).p50))
        }
    }

    /// England-sized scenario, 10 years x 100 runs (1 year x 2 runs with --quick, 10 years x N
    /// runs with --runs N): time and peak memory.
    static func national(_ options: BenchOptions) {
        let s = scenario("england-size")
        let t0 = Clock.now()
        let start = s.startingPopulation()
        let t1 = Clock.now()
        let explicitRuns = options.runs != BenchOptions([]).runs
        let runs = explicitRuns ? options.runs : options.quick ? 2 : 100, years = options.quick && !explicitRuns ? 1 : 10
        let results = MonteCarlo.run(scenario: s, start: start, runs: runs, years: years, seed: 2024)
        let t2 = Clock.now()
        print(String(format: "national size (%d children, %d in-house households): generated in %.1f s; %d y x %d runs in %.1f s (%.0f events/s); peak memory %.2f GiB (target < 4 GiB)",
                     start.children.count, start.households.count, t1 - t0, years, runs, t2 - t1, Double(results.events) / (t2 - t1),
                     Double(peakMemoryBytes()) / 1_073_741_824))
    }
}
