import Reports
import Calibration
// Simulation benchmarks: the county baseline at 1 and 2 threads, event throughput against a
// SimPy peer of the same model from the same starting snapshot, and a national-size scenario.
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
        if options.cases.contains("start") {
            // Not a benchmark: writes the county baseline's starting state for the SimPy peer.
            let s = scenario("county-baseline")
            do {
                try exportStart(s, s.startingPopulation(), to: startExportPath)
                print("wrote \(startExportPath)")
            } catch {
                note("cannot write \(startExportPath): \(error)")
                exit(1)
            }
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

    /// The KPIs compared with the same-model peer (its JSON keys are `KPI.key`), and the
    /// months compared (years 1, 5 and 10).
    static let peerKPIs: [KPI] = [.childrenInCare, .placement(.inHouseFoster), .placement(.ifaFoster), .placement(.residential), .households, .weeklyCost]
    static let peerMonths = [12, 60, 120]

    /// Events a second and time per simulated 10-year run on one thread, Hearth against the
    /// same-model SimPy peer (`peers/simpy_same_model.py`) started from the same snapshot, which
    /// this writes first (`Benchmarks/instances/county_baseline_start.json`); then each KPI's
    /// P10/P50/P90 at years 1, 5 and 10 on both sides, equal where each P50 lies inside the
    /// other's P10-P90 band.
    static func throughput(_ options: BenchOptions) {
        let s = scenario("county-baseline")
        let start = s.startingPopulation()
        let runs = options.quick ? 20 : 100
        let t0 = Clock.now(), c0 = Clock.cpuNow()
        let results = MonteCarlo.run(scenario: s, start: start, runs: runs, years: 10, seed: 2024, threads: 1)
        let seconds = Clock.now() - t0, cpu = Clock.cpuNow() - c0
        let rate = Double(results.events) / seconds
        print(String(format: "hearth: %d live events in %.2f s (CPU %.2f s) on 1 thread = %.0f events/s (county baseline, 10 y x %d runs, matching engine on)",
                     results.events, seconds, cpu, rate, runs))
        guard options.peers else { return }
        do {
            try exportStart(s, start, to: startExportPath)
        } catch {
            note("cannot write the starting state for the peer: \(error)")
            return
        }
        guard let peer = Peer.run("simpy_same_model.py", [startExportPath, "--runs", "\(runs)", "--years", "10"]),
            let events = (peer["events"] as? NSNumber)?.doubleValue,
            let peerSeconds = (peer["seconds"] as? NSNumber)?.doubleValue,
            let peerCPU = (peer["cpu_seconds"] as? NSNumber)?.doubleValue
        else { return }
        let peerRate = events / peerSeconds
        // Both sides count live events only: a Hearth calendar entry that takes effect (stale
        // entries are discarded uncounted), a SimPy event whose callback or process does
        // something (the stale ones, checked the same way, are not counted).
        print(String(format: "simpy:  %.0f live events in %.2f s (CPU %.2f s) = %.0f events/s (same model, %d runs); hearth/simpy = %.1fx events/s",
                     events, peerSeconds, peerCPU, peerRate, runs, rate / peerRate))
        let hearthPerRun = seconds / Double(runs), peerPerRun = peerSeconds / Double(runs)
        print(String(format: "per simulated run (10 years): hearth %.1f ms, simpy %.1f ms = %.1fx (target >= 25x; CPU time %.1fx); live events per run: hearth %.0f, simpy %.0f",
                     1000 * hearthPerRun, 1000 * peerPerRun, peerPerRun / hearthPerRun, peerCPU / cpu,
                     Double(results.events) / Double(runs), events / Double(runs)))
        guard let kpis = peer["kpis"] as? [String: [String: [NSNumber]]] else {
            note("the peer gave no KPIs")
            return
        }
        print("KPI (P10 / P50 / P90 over \(runs) runs)          hearth                         simpy                          equal")
        var equal = 0, compared = 0
        for kpi in peerKPIs {
            for month in peerMonths {
                guard let band = kpis[kpi.key]?[String(month)]?.map(\.doubleValue), band.count == 3 else { continue }
                let ours = results.value(kpi, month: month)
                let same = ours.p50 >= band[0] && ours.p50 <= band[2] && band[1] >= ours.p10 && band[1] <= ours.p90
                compared += 1
                if same { equal += 1 }
                func text(_ a: Double, _ b: Double, _ c: Double) -> String {
                    let f = kpi == .weeklyCost ? "%.0f / %.0f / %.0f" : "%.1f / %.1f / %.1f"
                    return String(format: f, a, b, c).padding(toLength: 31, withPad: " ", startingAt: 0)
                }
                let name = "\(kpi.key) year \(month / 12)".padding(toLength: 48, withPad: " ", startingAt: 0)
                print(name + text(ours.p10, ours.p50, ours.p90) + text(band[0], band[1], band[2]) + (same ? "yes" : "NO"))
            }
        }
        print("KPIs equal within their bands: \(equal) of \(compared)")
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
