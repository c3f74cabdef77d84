import Foundation
import Testing
@testable import Calibration
import Simulation

/// Where the project keeps the county's published series (DfE long layout; sources in
/// docs/sources.md).
enum PublishedHistoryCheck {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let countyFile = root.appendingPathComponent("Scenarios/published/gloucestershire-dfe.csv").path
}

/// The bundled baseline's rates reproduce the county's published history: started from the
/// published 31 March 2022 position with the published entries of 2022/23 and 2023/24
/// (`county-from-2022`), the model's P10-P90 covers the published 31 March 2023 and 2024
/// counts (865, 840) and both years' ceased figures (301, 320). 60 runs on the scenario's seed
/// (a few seconds); the 200-run bands are 843 [816-867] and 819 [786-851] children, 316
/// [298-336] and 315 [295-338] ceased. The baseline's former exit rates (a steady state at 842,
/// snapshot children kept from leaving by adoption or home for 18-21 months) gave 277 ceased in
/// the first year from March 2021 against 315 published.
@Test func publishedHistoryInsideTheBaselineBand() throws {
    let scenario = try ScenarioFile.bundled("county-from-2022")
    let results = MonteCarlo.run(scenario: scenario, start: scenario.startingPopulation(), runs: 60, years: scenario.years, seed: scenario.seed)
    let figures = try PublishedFiguresFile.load([PublishedHistoryCheck.countyFile], council: "916")
    let comparison = PublishedComparison(results: results, figures: figures)
    func row(_ m: PublishedFigures.Measure, _ year: Int) -> PublishedComparison.Row? {
        comparison.rows.first { $0.measure == m && $0.year == year }
    }
    // The start is the published position itself.
    #expect(row(.childrenInCare, 2022)?.model.p50 == 836)
    for year in [2023, 2024] {
        for measure in [PublishedFigures.Measure.childrenInCare, .ceased, .started] {
            let r = try #require(row(measure, year), "\(measure) \(year)")
            if measure == .started {
                // Entries are an input: the model's band is about the published figure.
                #expect(abs(r.model.p50 - r.published.value) < 0.06 * r.published.value, "\(measure) \(year): \(r.model)")
            } else {
                #expect(r.inside, "\(measure.label) \(year): published \(r.published.value), model \(r.model)")
            }
        }
    }
    // Flows of years before the start are not compared.
    #expect(row(.ceased, 2022) == nil)
}
