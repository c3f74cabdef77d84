// hearth-bench: measures Hearth's hot paths against peers (numpy/scipy scripts under
// Benchmarks/peers) on exactly the same instances, written to Benchmarks/instances/.
//
// usage: hearth-bench SUITE [CASE...] [--quick] [--runs N]
//        hearth-bench all
// Each suite is one entry in `suites` below; add a new suite by adding a file with an
// `enum XBenchmarks { static func run(_ options: BenchOptions) }` and one line here.
import Foundation

let suites: [(name: String, summary: String, run: (BenchOptions) -> Void)] = [
    ("matching", "scoring kernel, dense and sparse assignment, county and national matching", MatchingBenchmarks.run),
    ("simulation", "county baseline 1 vs 2 threads, event throughput vs SimPy, national-size scenario", SimulationBenchmarks.run),
    ("calibration", "SSDA903 import + calibration of a large council; `coverage`: 3-year backtest band coverage", CalibrationBenchmarks.run),
]

let arguments = Array(CommandLine.arguments.dropFirst())
guard let suiteName = arguments.first, suiteName != "--help", suiteName != "-h" else {
    print("usage: hearth-bench SUITE [CASE...] [--quick] [--runs N] [--no-peers]\n       hearth-bench all\n\nsuites:")
    for s in suites { print("  \(s.name.padding(toLength: 12, withPad: " ", startingAt: 0))\(s.summary)") }
    exit(arguments.isEmpty ? 2 : 0)
}
let options = BenchOptions(Array(arguments.dropFirst()))
if suiteName == "all" {
    for s in suites { s.run(options) }
} else if let suite = suites.first(where: { $0.name == suiteName }) {
    suite.run(options)
} else {
    FileHandle.standardError.write(Data("hearth-bench: unknown suite \"\(suiteName)\"\n".utf8))
    exit(2)
}
