import CareModel
import Interchange
import Matching

/// `hearth explain`: test one match: every rule and criterion for a child and household.
enum ExplainCommand: HearthCommand {
    static let spec = CommandSpec(
        name: "explain", summary: "test one match: every rule and criterion for a child and household",
        positionals: "CHILDREN.csv HOUSEHOLDS.csv",
        description: """
            "Test this match": prints every hard rule, passed or failed, with the values behind it
            (e.g. "age 14 outside approved 0-10"), then every soft criterion with its weight, the
            points it gave and why, adding up to the score. The child is tested together with
            their brothers and sisters (same group_id), as they would be placed.
            """,
        options: [
            .valued("--child", value: "ID", required: true, "the child_id to test (required)"),
            .valued("--household", value: "ID", required: true, "the household_id to test (required)"),
            .valued("--policy", value: "POLICY.json", "limits and weights (default: built-in policy)"),
        ],
        notes: "Exit code 0 whether or not the match is feasible; 2 for bad input or an unknown id.",
        examples: ["hearth explain children.csv households.csv --child C104 --household H17"])

    static func run(_ arguments: [String], console: Console) throws {
        let args = try spec.parse(arguments)
        guard args.positionals.count == 2 else {
            throw UsageError("expected CHILDREN.csv and HOUSEHOLDS.csv, got \(args.positionals.count) file\(args.positionals.count == 1 ? "" : "s")")
        }
        guard let childID = args.value("--child") else { throw UsageError("--child ID is required") }
        guard let householdID = args.value("--household") else { throw UsageError("--household ID is required") }
        let (children, households, policy) = try MatchInputs.load(
            childrenPath: args.positionals[0], householdsPath: args.positionals[1], policyPath: args.value("--policy"), console: console)
        guard let group = SiblingGroup.groups(of: children).first(where: { $0.childIDs.contains(ChildID(childID)) }) else {
            throw UsageError("--child \"\(childID)\": no child with that child_id in \(args.positionals[0])")
        }
        guard let household = households.first(where: { $0.id.rawValue == householdID }) else {
            throw UsageError("--household \"\(householdID)\": no household with that household_id in \(args.positionals[1])")
        }
        console.print(render(group: group, household: household, evaluation: Matcher.evaluate(group, household, policy: policy)))
    }

    static func render(group: SiblingGroup, household: Household, evaluation e: MatchEvaluation) -> String {
        var o = "MATCH TEST: " + MatchTable.unitTitle(group).replacingOccurrences(of: MatchTable.glue, with: " ") + "\n"
        o += "  with household \(household.id.rawValue) (\(household.provider == .inHouse ? "in-house" : "IFA"), "
            + "\(household.freePlaces) of \(household.places) places free, ages \(household.ageRange.lowerBound)-\(household.ageRange.upperBound), "
            + "\(household.status.rawValue))\n"
        o += "\nHARD RULES\n"
        for c in e.checks {
            o += "  " + (c.passed ? "pass" : "FAIL") + "  " + c.rule.rawValue.padding(20) + c.detail + "\n"
        }
        o += e.feasible
            ? "  => feasible: every rule passed\n"
            : "  => NOT FEASIBLE: fails \(e.failedRules.map(\.rawValue).joined(separator: ", "))\n"
        o += "\nSOFT CRITERIA" + (e.feasible ? "" : " (for information: the pair is not feasible)") + "\n"
        o += "  " + "criterion".padding(20) + MatchTable.leftPad("weight", 7) + MatchTable.leftPad("points", 8) + "  why\n"
        for c in e.breakdown {
            o += "  " + c.criterion.padding(20) + MatchTable.leftPad(c.weight > 0 ? MatchTable.f2(c.weight) : "", 7)
                + MatchTable.leftPad(MatchTable.f2(c.points), 8) + "  " + c.reason + "\n"
        }
        o += "  " + "score".padding(20) + MatchTable.leftPad("100.00", 7) + MatchTable.leftPad(MatchTable.f2(e.score), 8) + "\n"
        return o
    }
}
