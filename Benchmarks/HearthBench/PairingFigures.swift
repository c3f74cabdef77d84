import Foundation
import Simulation

/// Not a benchmark: how much common random numbers narrow each bundled variant's comparison with
/// the county baseline (`hearth-bench simulation pairing [--runs N]`, default 100 runs of the
/// scenarios' years). For each variant and main KPI, the P10-P90 width of the paired
/// differences over that of unpaired ones (`PairedBands`), at year 1 and at the horizon, and
/// the share of runs in which the variant moves a KPI against its design.
enum PairingFigures {
    static let variants = ["entries-growing-5pc", "faster-permanence", "halve-resignations", "recruit-40-a-year", "own-childrens-homes"]
    static let kpis: [KPI] = [.childrenInCare, .ifaFoster, .inHouseFoster, .residential, .households, .weeklyCost]

    static func run(_ options: BenchOptions) {
        let runs = options.runs == BenchOptions([]).runs ? 100 : options.runs
        let baseline = SimulationBenchmarks.scenario("county-baseline")
        let start = baseline.startingPopulation()
        let years = baseline.years
        let base = MonteCarlo.run(scenario: baseline, start: start, runs: runs, years: years, seed: baseline.seed)
        print("paired / independent P10-P90 width of (variant - baseline), \(runs) runs, seed \(baseline.seed), year 1 and year \(years)")
        print("variant".padding(toLength: 22, withPad: " ", startingAt: 0) + kpis.map { $0.key.padding(toLength: 18, withPad: " ", startingAt: 0) }.joined())
        for name in variants {
            let variant = MonteCarlo.run(scenario: SimulationBenchmarks.scenario(name), start: start, runs: runs, years: years, seed: baseline.seed)
            var line = name.padding(toLength: 22, withPad: " ", startingAt: 0)
            for kpi in kpis {
                let early = PairedBands.ratio(base, variant, kpi, year: 1)
                let late = PairedBands.ratio(base, variant, kpi, year: years)
                line += String(format: "%.2f / %.2f", early, late).padding(toLength: 18, withPad: " ", startingAt: 0)
            }
            print(line)
        }
        let faster = MonteCarlo.run(scenario: SimulationBenchmarks.scenario("faster-permanence"), start: start, runs: runs, years: years, seed: baseline.seed)
        let more = PairedBands.values(faster, .childrenInCare, year: years)
        let less = PairedBands.values(base, .childrenInCare, year: years)
        let against = zip(more, less).filter { $0 > $1 }.count
        print(String(format: "faster-permanence ends with more children in care than the baseline in %.0f%% of runs", 100 * Double(against) / Double(runs)))
        let growing = MonteCarlo.run(scenario: SimulationBenchmarks.scenario("entries-growing-5pc"), start: start, runs: runs, years: years, seed: baseline.seed)
        let diff = zip(PairedBands.values(growing, .childrenInCare, year: 1), PairedBands.values(base, .childrenInCare, year: 1)).map { $0 - $1 }
        print(String(format: "entries-growing-5pc - baseline, children in care at year 1: P10 %.1f", Percentiles(of: diff).p10))
        let perYear = (1...years).map { year in PairedBands.values(base, .approvals, year: year).reduce(0, +) / Double(runs) }
        print("baseline approvals a year (mean over runs), year 1...\(years): " + perYear.map { String(format: "%.1f", $0) }.joined(separator: " "))
    }
}
