import Calibration
import CareModel
import Foundation
import Interchange
import Simulation

/// `hearth-bench calibration [--seed S] [--dir DIR]`: SSDA903 import and calibration at the size
/// of a large council (about 20,000 children and 150,000 episodes over 10 years).
///
/// Generates a synthetic return, writes it as CSV, then times reading + cleaning and
/// calibration separately (best of 3), as `hearth calibrate` runs them.
enum CalibrationBenchmarks {
    /// The large-council spec: 10 years, ~1,650 entries a year, busy episode histories.
    static func largeCouncil() -> SyntheticReturnSpec {
        var spec = SyntheticReturnSpec(from: CalendarDay(year: 2015, month: 4, day: 1)!, to: CalendarDay(year: 2025, month: 3, day: 31)!)
        spec.entriesPerYear = [330, 380, 340, 450, 200]
        spec.trendPerYear = 0.02
        spec.legalStatusChangesPerYear = 3.2
        spec.moveRatePerYear = spec.moveRatePerYear.map { $0 * 2.2 }
        spec.shortBreakChildrenPerYear = 60
        return spec
    }

    /// Entry from the suite table: `hearth-bench calibration [coverage [--seeds N] ...] [--runs R]`
    /// (`--runs` is the Monte Carlo runs of the coverage check; `--quick` uses 10 returns).
    static func run(_ options: BenchOptions) {
        var arguments = options.cases
        if options.runs != BenchOptions([]).runs { arguments += ["--runs", String(options.runs)] }
        if options.quick && !arguments.contains("--seeds") { arguments += ["--seeds", "10"] }
        run(arguments)
    }

    static func run(_ arguments: [String]) {
        if arguments.first == "coverage" {
            coverage(Array(arguments.dropFirst()))
            return
        }
        var seed: UInt64 = 1
        var directory = NSTemporaryDirectory() + "hearth-bench-ssda903"
        var i = 0
        while i < arguments.count {
            if arguments[i] == "--seed", i + 1 < arguments.count { seed = UInt64(arguments[i + 1]) ?? 1; i += 1 }
            if arguments[i] == "--dir", i + 1 < arguments.count { directory = arguments[i + 1]; i += 1 }
            i += 1
        }
        let spec = largeCouncil()
        let synthetic = SyntheticReturnGenerator.generate(spec, seed: seed)
        do {
            try SSDA903Writer.write(synthetic.data, centroids: synthetic.centroids, to: directory)
        } catch {
            print("calibration: cannot write \(directory): \(error)")
            return
        }
        print("calibration: synthetic return \(synthetic.data.headers.count) children, \(synthetic.data.episodes.count) episodes, \(spec.from) to \(spec.to), in \(directory)")
        var bestImport = Double.infinity, bestCalibrate = Double.infinity, bestCPU = Double.infinity
        var result: CalibrationResult?
        for _ in 0..<3 {
            let c0 = processCPUSeconds()
            let t0 = DispatchTime.now().uptimeNanoseconds
            guard let imported = try? SSDA903Import.load(directory: directory) else {
                print("calibration: the synthetic return did not read back")
                return
            }
            let t1 = DispatchTime.now().uptimeNanoseconds
            let window = imported.observed!.window
            result = Calibration.calibrate(imported.histories, window: window, centroids: imported.centroids)
            let t2 = DispatchTime.now().uptimeNanoseconds
            bestCPU = min(bestCPU, processCPUSeconds() - c0)
            bestImport = min(bestImport, Double(t1 - t0) / 1e9)
            bestCalibrate = min(bestCalibrate, Double(t2 - t1) / 1e9)
        }
        print(String(format: "calibration: import+clean %.3f s, calibrate %.3f s, total %.3f s (best of 3; target < 2 s); CPU %.3f s (the work itself, whatever else the cores run)", bestImport, bestCalibrate, bestImport + bestCalibrate, bestCPU))
        if let result {
            print(String(format: "calibration: entries/yr %.0f (truth %.0f), trend %.1f%% (truth %.1f%%), %d in care on %@", result.entries.perYear.value,
                         spec.entriesPerYear.reduce(0, +), 100 * result.entries.trendPerYear.value, 100 * spec.trendPerYear, result.census.total, result.to.description))
        }
    }

    /// `hearth-bench calibration coverage [--seeds N] [--scale X] [--runs R] [--engine flows|simulator]`: how often the
    /// 3-year backtest's P10-P90 band holds the truth, over many synthetic returns, with the
    /// mean error per measure in units of the band's implied standard deviation.
    static func coverage(_ arguments: [String]) {
        var seeds = 40, runs = 100
        var scale = 1.0
        var singles = false
        var firstSeed = 1
        var engine = Backtest.Engine.flows
        var i = 0
        while i + 1 < arguments.count {
            switch arguments[i] {
            case "--seeds": seeds = Int(arguments[i + 1]) ?? seeds
            case "--runs": runs = Int(arguments[i + 1]) ?? runs
            case "--scale": scale = Double(arguments[i + 1]) ?? scale
            case "--singles": singles = arguments[i + 1] == "yes"
            case "--first-seed": firstSeed = Int(arguments[i + 1]) ?? 1
            case "--engine": engine = Backtest.Engine(rawValue: arguments[i + 1]) ?? engine
            default: break
            }
            i += 2
        }
        let from = CalendarDay(year: 2014, month: 4, day: 1)!
        let to = CalendarDay(year: 2024, month: 3, day: 31)!
        let asOf = CalendarDay(year: 2021, month: 3, day: 31)!
        var covered = [String: Int](), bias = [String: Double](), rows = 0, hits = 0
        let t0 = DispatchTime.now().uptimeNanoseconds
        for seed in UInt64(firstSeed)...UInt64(firstSeed + seeds - 1) {
            var spec = SyntheticReturnSpec(from: from, to: to)
            spec.entriesPerYear = spec.entriesPerYear.map { $0 * scale }
            if singles { spec.siblingGroupSizeShares = [1, 0, 0, 0] }
            let synthetic = SyntheticReturnGenerator.generate(spec, seed: seed)
            let (histories, _) = SSDA903Cleaning.histories(from: synthetic.data, observedFrom: from)
            let report = engine == .flows
                ? Backtest.run(histories, from: from, asOf: asOf, years: 3, runs: runs, seed: seed)
                : Backtest.runSimulator(histories, from: from, asOf: asOf, years: 3, runs: runs, seed: seed)
            for r in report.rows {
                let key = "\(r.measure.key) y\(r.year)"
                covered[key, default: 0] += r.covered ? 1 : 0
                bias[key, default: 0] += Double(r.p50 - r.truth) / max(1, Double(r.p90 - r.p10) / 2.56)
                rows += 1
                hits += r.covered ? 1 : 0
            }
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9
        if arguments.contains("--diagnose") { diagnose(from: from, to: to, asOf: asOf, seeds: seeds, runs: runs) }
        for key in covered.keys.sorted() {
            print(String(format: "coverage: %-28@ covered %3d/%d  mean error %+.2f sd", key as NSString, covered[key]!, seeds, bias[key]! / Double(seeds)))
        }
        print("coverage: engine \(engine.rawValue)")
        print(String(format: "coverage: %d seeds x %d rows, %d runs each: P10-P90 covers the truth in %.1f%% (target >= 80%%), %.1f s", seeds, rows / seeds, runs, 100 * Double(hits) / Double(rows), seconds))
    }

    /// Spread of the truth over returns vs spread of one projection, for a few measures.
    static func diagnose(from: CalendarDay, to: CalendarDay, asOf: CalendarDay, seeds: Int, runs: Int) {
        let measures: [ProjectionMeasure] = [.entries, .exits, .childrenInCare]
        var truths = [[Double]](repeating: [], count: measures.count)
        var projSD = [[Double]](repeating: [], count: measures.count)
        for seed in 1...UInt64(seeds) {
            let synthetic = SyntheticReturnGenerator.generate(SyntheticReturnSpec(from: from, to: to), seed: seed)
            let (histories, _) = SSDA903Cleaning.histories(from: synthetic.data, observedFrom: from)
            let calibration = Calibration.calibrate(histories, window: .init(from: from, to: asOf))
            let projection = CalibratedProjection.project(calibration, population: StartingChild.population(histories, on: asOf), start: asOf, years: 1, runs: runs, seed: seed)
            let truth = Backtest.truth(histories, asOf: asOf, years: 1)
            for (i, m) in measures.enumerated() {
                truths[i].append(Double(truth[0][m.index]))
                let v = projection.values[0][m.index].map(Double.init)
                let mean = v.reduce(0, +) / Double(v.count)
                projSD[i].append((v.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(v.count - 1)).squareRoot())
            }
        }
        for (i, m) in measures.enumerated() {
            let t = truths[i]
            let mean = t.reduce(0, +) / Double(t.count)
            let sd = (t.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(t.count - 1)).squareRoot()
            print(String(format: "diagnose: %@ y1 truth mean %.1f sd over returns %.1f; projection sd (mean) %.1f", m.key, mean, sd, projSD[i].reduce(0, +) / Double(seeds)))
        }
    }
}

/// CPU seconds used by this process so far (user and system, all threads).
func processCPUSeconds() -> Double {
    var usage = rusage()
    #if os(Linux)
    getrusage(RUSAGE_SELF.rawValue, &usage)
    #else
    getrusage(RUSAGE_SELF, &usage)
    #endif
    return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
}
