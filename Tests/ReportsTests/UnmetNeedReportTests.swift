import CareModel
import Foundation
import Reports
import Simulation
import Testing

/// The unmet-need profile in summary.json, unmet_need.csv and report.html.
@Suite struct UnmetNeedReportTests {
    /// One run: every band is that run's own count, so counts add up and can be recounted.
    static let oneRun: SimulationResults = {
        let scenario = Scenario()
        return MonteCarlo.run(scenario: scenario, start: scenario.startingPopulation(), runs: 1, years: 2, seed: 5)
    }()

    @Test func csvRowsAddUpToEachYearsRecountedChildren() {
        let profile = UnmetNeedProfile(Self.oneRun)
        let csv = UnmetNeedWriters.csv(profile)
        let lines = csv.split(separator: "\n").map(String.init)
        #expect(lines.first == "year,reason,age_band,group_size,district,need,p10,p50,p90")
        var byYear = [Double](repeating: 0, count: 2)
        var byReason: [String: Double] = [:]
        for line in lines.dropFirst() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            #expect(fields.count == 9)
            let year = Int(fields[0])!, p50 = Double(fields[7])!
            #expect(fields[6] == fields[7] && fields[7] == fields[8])
            byYear[year - 1] += p50
            byReason[fields[1], default: 0] += p50
        }
        // Recounted from the run's decisions, independently of the profile.
        let decisions = Self.oneRun.turnedAway[0]
        for year in 0..<2 {
            let direct = decisions.filter { Int($0.day / 365.25) == year || (year == 1 && $0.day >= 730.5) }
                .reduce(0) { $0 + Double($1.children) }
            #expect(byYear[year] == direct)
            #expect(profile.total[year].p50 == direct)
        }
        for reason in TurnAwayReason.allCases {
            let direct = decisions.filter { $0.reason == reason }.reduce(0) { $0 + Double($1.children) }
            #expect((byReason[reason.key] ?? 0) == direct)
        }
        #expect(byYear.reduce(0, +) > 50)
    }

    @Test func summaryHasTheSectionWithEveryReasonAndTheCarers() throws {
        let profile = UnmetNeedProfile(Self.oneRun)
        let text = SimulationResultWriters.summaryJSON(Self.oneRun, unmetNeed: profile)
        let json = try JSONSerialization.jsonObject(with: Data(text.utf8)) as! [String: Any]
        let section = json["unmet_need"] as! [String: Any]
        let reasons = section["by_reason"] as! [String: Any]
        #expect(Set(reasons.keys) == Set(TurnAwayReason.allCases.map(\.key)))
        let byYear = section["children_by_year"] as! [[String: Any]]
        #expect(byYear.count == 2)
        let carers = section["carers_we_need"] as! [[String: Any]]
        #expect(carers.count == profile.carers.count && !carers.isEmpty && carers.count <= 5)
        let first = carers[0]
        #expect((first["children_all_runs"] as! Int) == profile.carers[0].total)
        #expect((first["district"] as! String) == Self.oneRun.districts[profile.carers[0].profile.district].name)
        // Without a profile the file is as before.
        #expect(!SimulationResultWriters.summaryJSON(Self.oneRun).contains("unmet_need"))
    }

    @Test func reportSectionIsInPlainWords() {
        let profile = UnmetNeedProfile(Self.oneRun)
        let html = HTMLReport.render(Self.oneRun, unmetNeed: profile)
        guard let start = html.range(of: "<h2>Why children did not get a home with the council's own carers</h2>"),
            let end = html[start.upperBound...].range(of: "</section>")
        else {
            Issue.record("no unmet-need section")
            return
        }
        let section = String(html[start.lowerBound..<end.upperBound])
        #expect(section.contains("The carers we need"))
        #expect(section.contains("8 runs in 10"))
        // No codes: no reason or need keys, no snake_case at all.
        #expect(section.range(of: #"[a-z]+_[a-z]+"#, options: .regularExpression) == nil)
        for reason in TurnAwayReason.allCases where profile.horizonByReason[Int(reason.rawValue)].p90 > 0 {
            #expect(section.contains(reason.words.replacingOccurrences(of: "'", with: "&#39;")) || section.contains(reason.words))
        }
        #expect(!HTMLReport.render(Self.oneRun).contains("The carers we need"))
    }
}
