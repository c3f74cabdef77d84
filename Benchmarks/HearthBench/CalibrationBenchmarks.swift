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

    static func run(_ arguments: [String]) {
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
        var bestImport = Double.infinity, bestCalibrate = Double.infinity
        var result: CalibrationResult?
        for _ in 0..<3 {
            let t0 = DispatchTime.now().uptimeNanoseconds
            guard let imported = try? SSDA903Import.load(directory: directory) else {
                print("calibration: the synthetic return did not read back")
                return
            }
            let t1 = DispatchTime.now().uptimeNanoseconds
            let window = Calibration.Window.covering(imported.histories)!
            result = Calibration.calibrate(imported.histories, window: window, centroids: imported.centroids)
            let t2 = DispatchTime.now().uptimeNanoseconds
            bestImport = min(bestImport, Double(t1 - t0) / 1e9)
            bestCalibrate = min(bestCalibrate, Double(t2 - t1) / 1e9)
        }
        print(String(format: "calibration: import+clean %.3f s, calibrate %.3f s, total %.3f s (best of 3; target < 2 s)", bestImport, bestCalibrate, bestImport + bestCalibrate))
        if let result {
            print(String(format: "calibration: entries/yr %.0f (truth %.0f), trend %.1f%% (truth %.1f%%), %d in care on %@", result.entries.perYear.value,
                         spec.entriesPerYear.reduce(0, +), 100 * result.entries.trendPerYear.value, 100 * spec.trendPerYear, result.census.total, result.to.description))
        }
    }
}
