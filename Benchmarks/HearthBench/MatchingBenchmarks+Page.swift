import CareModel
import Foundation
import Interchange
import Matching
import Reports
import Simulation

extension MatchingBenchmarks {
    /// The family-finding meeting's page (`hearth match --out`): its size, and the time to
    /// render it and write it with the JSON and CSV (atomically, as the command does), for the
    /// synthetic county and for a meeting of 500 children x 2,500 households. The larger one is
    /// the county generator's own shape scaled 7x: 500 referrals (children, in sibling groups
    /// as the county's), 1,505 in-house and 980 IFA households, places and vacancies in
    /// proportion.
    static func page(_ options: BenchOptions, _ table: inout RatioTable) {
        var large = CountyProfile.default
        large.referrals = 500
        large.inHouseHouseholds *= 7
        large.inHousePlaces *= 7
        large.ifaHouseholds *= 7
        large.ifaVacancies *= 7
        large.childrenInCare *= 7
        let cases: [(name: String, profile: CountyProfile)] = [("synthetic county", .default), ("500 children", large)]
        let directory = BenchPaths.instances + "/page"
        for (name, profile) in cases {
            let county = CountyGenerator.generate(profile: profile, seed: 7)
            let groups = SiblingGroup.groups(of: county.referrals)
            let policy = MatchPolicy.default
            let t0 = Clock.now()
            let shortlists = Matcher.shortlists(groups: groups, households: county.households, policy: policy, top: 3)
            let (plan, rounds, greedy) = Matcher.plans(groups: groups, households: county.households, policy: policy)
            let matching = Clock.now() - t0
            let inputs = MeetingInputs(groups: groups, households: county.households, policy: policy, shortlists: shortlists, plan: plan, greedy: greedy)
            var bytes = 0
            let render = Clock.measure(runs: options.runs) { MeetingPage.render(inputs).utf8.count }
            let write = Clock.measure(runs: options.runs) { () -> Int in
                let page = MeetingPage.render(inputs)
                try! AtomicFile.writeAll([
                    (directory + "/match.html", Data(page.utf8)),
                    (directory + "/match.json", Data(MatchResultWriters.json(plan: plan, shortlists: shortlists, baseline: greedy, rounds: rounds).utf8)),
                    (directory + "/match.csv", Data(MatchResultWriters.csv(plan: plan, shortlists: shortlists).utf8)),
                ])
                return page.utf8.count
            }
            bytes = render.result
            let label = "\(county.referrals.count) children (\(groups.count) units) x \(county.households.count) households"
            print(String(format: "page, %@: %@: %.2f MB; render median %.3f s, render + JSON + CSV + atomic write median %.3f s (matching before it %.2f s)",
                name, label, Double(bytes) / 1e6, render.median, write.median, matching))
            table.add("meeting page, \(name) (\(label))", figure: String(format: "%.2f MB, %.3f s", Double(bytes) / 1e6, write.median),
                      target: name == "synthetic county" ? "well under 1 s" : "", note: "render + write of match.html, .json, .csv, median")
        }
    }
}
