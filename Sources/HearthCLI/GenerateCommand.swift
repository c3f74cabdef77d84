import Calibration
import Foundation
import Interchange
import Simulation

/// `hearth generate`: writes a synthetic county's files from a scenario's population.
enum GenerateCommand: HearthCommand {
    static let spec = CommandSpec(
        name: "generate", summary: "write a synthetic children.csv and households.csv",
        positionals: "[SCENARIO.json]",
        description: """
            Builds the synthetic county a scenario starts from (its `start` section: `preset` or a
            `county` profile; default: the bundled county, March 2024 figures) and writes, all or
            nothing:
              DIR/children.csv           a family-finding meeting's referrals (children needing a home)
              DIR/households.csv         in-house and IFA fostering households with their vacancies
              DIR/children_in_care.csv   the children already in care, with placement type and household
            """,
        options: [
            .valued("--out", value: "DIR", required: true, "the folder to write the three files to (required)"),
            .valued("--seed", value: "S", "the county's seed (default: the scenario's start.county_seed, or 1);\nthe same seed gives the same files"),
            .valued("--profile", value: "county|england", "england starts instead from an England-sized model (85,000\nchildren in care, 45,000 households, 85,000 referrals) for scale tests"),
        ],
        examples: [
            "hearth generate --out county --seed 7",
            "hearth validate county/children.csv county/households.csv",
        ])

    static func run(_ arguments: [String], console: Console) throws {
        let args = try spec.parse(arguments)
        guard let out = args.value("--out") else { throw UsageError("--out DIR is required") }
        guard args.positionals.count <= 1 else { throw UsageError("expected at most one scenario file") }
        if args.positionals.first != nil && args.value("--profile") != nil {
            throw UsageError("give either a scenario file or --profile, not both")
        }
        let profile: CountyProfile
        var defaultSeed: UInt64 = 1
        // Ages and months in care inside the published bands: the steady state of the scenario's
        // own rates, as `hearth simulate` starts from (the baseline's without a scenario).
        var shape = SnapshotShape.baseline
        if let path = args.positionals.first {
            let scenario = try ScenarioFile.read(path: path)
            profile = scenario.start.profile
            defaultSeed = scenario.start.countySeed
            shape = scenario.steadyStateShape()
        } else {
            switch args.value("--profile") ?? "county" {
            case "county": profile = .default
            case "england": profile = .england
            case let other: throw UsageError("--profile \"\(other)\": expected county or england")
            }
        }
        try OutputSafety.check(outputs: ["children.csv", "households.csv", "children_in_care.csv"].map { ("--out", (out as NSString).appendingPathComponent($0)) },
                               inputs: args.positionals)
        let seed = try args.seed(default: defaultSeed)
        let county = CountyGenerator.generate(profile: profile, seed: seed, shape: shape)
        func path(_ name: String) -> String { (out as NSString).appendingPathComponent(name) }
        let files = [
            (path: path("children.csv"), data: Data(ChildrenFile.render(county.referrals).utf8)),
            (path: path("households.csv"), data: Data(HouseholdsFile.render(county.households).utf8)),
            (path: path("children_in_care.csv"), data: Data(ChildrenInCareFile.render(county.childrenInCare).utf8)),
        ]
        try AtomicFile.writeAll(files)
        let inHouse = county.households.filter { $0.provider == .inHouse }
        let vacancies = county.households.filter(\.hasVacancy).reduce(0) { $0 + $1.freePlaces }
        console.message(
            "wrote \(out)/children.csv (\(county.referrals.count) referrals), \(out)/households.csv (\(inHouse.count) in-house and \(county.households.count - inHouse.count) IFA households, \(vacancies) vacancies), \(out)/children_in_care.csv (\(county.childrenInCare.count) children)"
        )
    }
}
