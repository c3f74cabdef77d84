import CareModel
import Foundation
import Interchange
import Matching
import Reports

/// `hearth match`: rank households for each child or sibling group and plan jointly.
enum MatchCommand: HearthCommand {
    static let spec = CommandSpec(
        name: "match", summary: "rank households for each child or sibling group and plan jointly",
        positionals: "CHILDREN.csv HOUSEHOLDS.csv",
        description: """
            For each child or sibling group (children sharing a group_id stay together), lists the
            K best households that pass every hard rule, with score out of 100, miles from home and
            the key reasons; for a child with none, the nearest misses and the rules they fail.
            Then the best joint plan for all of them together (as many children placed as possible,
            then the fewest sibling groups split, then the highest total score counted per child),
            with the proof: the most children any plan could place and the best possible score;
            and what it gains over a greedy "most urgent picks first" plan.
            """,
        options: [
            .valued("--policy", value: "POLICY.json", "limits and weights (default: built-in policy; see docs/matching.md)"),
            .valued("--top", value: "K", "households per shortlist, 1-50 (default 3)"),
            .valued("--time-limit", value: "SECONDS", "stop the joint plan's search after this long and report the\ngap to the best possible score (default: search to the end)"),
            .valued("--format", value: "table|json|csv", "table (default), json or csv"),
            .valued("--out", value: "DIR", "also write DIR/match.html (the family-finding meeting's page: one\nself-contained file, prints as an A4 meeting pack; the plan only above\n1,000 children and sibling groups), DIR/match.json and DIR/match.csv,\nall or none"),
        ],
        examples: [
            "hearth match county/children.csv county/households.csv --top 5",
            "hearth match children.csv households.csv --format json > plan.json",
            "hearth match children.csv households.csv --out meeting",
        ])

    static func run(_ arguments: [String], console: Console) throws {
        let args = try spec.parse(arguments)
        guard args.positionals.count == 2 else {
            throw UsageError("expected CHILDREN.csv and HOUSEHOLDS.csv, got \(args.positionals.count) file\(args.positionals.count == 1 ? "" : "s")")
        }
        let top = try args.integer("--top", default: 3, in: 1...50)
        let timeLimit = try args.value("--time-limit").map { text -> Double in
            guard let seconds = Double(text), seconds > 0, seconds.isFinite else {
                throw UsageError("--time-limit \"\(text)\": expected a number of seconds above 0")
            }
            return seconds
        }
        let format = args.value("--format") ?? "table"
        guard ["table", "json", "csv"].contains(format) else {
            throw UsageError("--format \"\(format)\": expected table, json or csv")
        }
        // The children are held once, in their groups (a long waiting list twice would not fit).
        let (groups, households, policy) = try { () throws(InvalidInput) -> ([SiblingGroup], [Household], MatchPolicy) in
            let (children, households, policy) = try MatchInputs.load(
                childrenPath: args.positionals[0], householdsPath: args.positionals[1], policyPath: args.value("--policy"), console: console)
            return (SiblingGroup.groups(of: children), households, policy)
        }()
        // The baselines are read only for their figures (the gain table): no words needed.
        let (plan, rounds, baseline) = Matcher.plans(groups: groups, households: households, policy: policy, timeLimit: timeLimit,
                                                     baselinesExplained: false)
        let stream = MatchStream(plan: plan, rounds: rounds, baseline: baseline, households: households, policy: policy, top: top)

        // The shortlists go past a block at a time, each written to every output and dropped.
        var files: AtomicFileSet?
        let directory = args.value("--out")
        if let directory {
            files = try AtomicFileSet(paths: MatchStream.fileNames.map { (directory as NSString).appendingPathComponent($0) })
        }
        do {
            var outputs: [MatchStream.Output] = []
            if let files {
                outputs.append(MatchStream.Output(format: .json) { try files.write($0, to: 1) })
                outputs.append(MatchStream.Output(format: .csv) { try files.write($0, to: 2) })
            }
            let standard: MatchStream.Format = format == "json" ? .json : format == "csv" ? .csv : .table
            outputs.append(MatchStream.Output(format: standard) { text in
                console.print(text)
                if console.outputFailure != nil { throw MatchStream.StandardOutputClosed() }
            })
            // The meeting page needs every shortlist at once: kept only for a meeting-sized match.
            let pageFits = MeetingPage.fits(units: groups.count)
            var pageShortlists: [Shortlist] = []
            try stream.write(groups: groups, to: &outputs) { block in
                if files != nil && pageFits { pageShortlists += block }
            }
            if let files, let directory {
                let inputs = MeetingInputs(groups: groups, households: households, policy: policy, shortlists: pageShortlists, plan: plan, greedy: baseline)
                try files.write(pageFits ? MeetingPage.render(inputs) : MeetingPage.renderPlanOnly(inputs), to: 0)
                try files.commit()
                console.message("hearth match: wrote match.html, match.json and match.csv to \(directory)"
                    + (pageFits ? "" : "; " + MeetingPage.planOnlyNote(units: groups.count)))
            }
        } catch {
            files?.abandon()
            throw error
        }
    }
}

/// Reading the three inputs of `match` and `explain`, collecting every problem before failing;
/// locations outside the British Isles are warned of on `console` (`LocationDoubts`).
enum MatchInputs {
    static func load(childrenPath: String, householdsPath: String, policyPath: String?, console: Console) throws(InvalidInput)
        -> ([Child], [Household], MatchPolicy)
    {
        var problems: [InputProblem] = []
        var children: [Child] = []
        var households: [Household] = []
        var policy = MatchPolicy.default
        do { children = try ChildrenFile.read(path: childrenPath) } catch { problems += error.problems }
        do { households = try HouseholdsFile.read(path: householdsPath) } catch { problems += error.problems }
        if let policyPath {
            do { policy = try PolicyFile.read(path: policyPath) } catch { problems += error.problems }
        }
        if !problems.isEmpty { throw InvalidInput(problems) }
        for warning in LocationDoubts.warnings(children: children, file: childrenPath) + LocationDoubts.warnings(households: households, file: householdsPath) {
            console.message(warning)
        }
        return (children, households, policy)
    }
}

/// The table a family-finding meeting reads: shortlists, the joint plan, the gain over greedy.
///
/// Words, not codes (requests, needs and failed rules as `MeetingWords` says them), and no
/// line longer than `lineWidth` characters: longer sentences wrap, indented under their start.
enum MatchTable {
    /// The longest line the table prints (a sentence longer than this wraps at a space).
    static let lineWidth = 100

    /// The whole table: `head`, `shortlists` of every block, then `plan`.
    static func render(plan: MatchPlan, rounds: MatchPlan, shortlists: [Shortlist], baseline: MatchPlan, households: [Household], policy: MatchPolicy, top: Int) -> String {
        let byID = householdsByID(households)
        var ranks = ShortlistRanks(plan: plan)
        var o = head(top: top) + self.shortlists(shortlists, byID: byID, policy: policy)
        ranks.note(shortlists)
        self.plan(plan, baseline: baseline, ranks: ranks, byID: byID, policy: policy) { o += $0 }
        return o
    }

    static func householdsByID(_ households: [Household]) -> [HouseholdID: Household] {
        Dictionary(households.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// Where each placement of a plan stood on its unit's shortlist, noted as the shortlists go
    /// past (only for the plan's units, so it stays as small as the plan).
    struct ShortlistRanks {
        private var ranks: [[ChildID]: [HouseholdID: Int]] = [:]
        private let wanted: Set<[ChildID]>

        init(plan: MatchPlan) { wanted = Set(plan.entries.map(\.group.childIDs)) }

        mutating func note(_ shortlists: [Shortlist]) {
            for s in shortlists where wanted.contains(s.group.childIDs) {
                ranks[s.group.childIDs] = Dictionary(s.candidates.enumerated().map { ($1.household, $0 + 1) }, uniquingKeysWith: { a, _ in a })
            }
        }

        /// "#2", or "-" beyond the top K.
        func position(_ entry: PlanEntry) -> String {
            ranks[entry.group.childIDs]?[entry.placement.household].map { "#\($0)" } ?? "-"
        }
    }

    /// A near miss in words: the household's id and what fails there.
    static func missWords(_ c: Candidate, _ group: SiblingGroup, byID: [HouseholdID: Household], policy: MatchPolicy) -> String {
        guard let household = byID[c.household] else { return c.household.rawValue + " " + c.evaluation.failureDetails.joined(separator: "; ") }
        return MeetingWords.failures(c.evaluation, group: group, household: household, policy: policy)
    }

    /// The table's first line.
    static func head(top: Int) -> String {
        "SHORTLISTS (best \(top) households passing every rule, per child or sibling group)\n"
    }

    /// The table's lines for one block of shortlists.
    static func shortlists(_ shortlists: [Shortlist], byID: [HouseholdID: Household], policy: MatchPolicy) -> String {
        var o = ""
        for s in shortlists {
            o += "\n" + wrap(unitTitle(s.group), indent: "", continuation: "    ")
            if s.candidates.isEmpty {
                o += "    no household passes every rule; nearest misses:\n"
                for c in s.nearMisses {
                    o += wrap(missWords(c, s.group, byID: byID, policy: policy) + " (\(f1(c.evaluation.distanceMiles)) miles from home)", indent: "    - ", continuation: "      ")
                }
                continue
            }
            o += "    #  " + "household".padding(12) + " score   miles  " + "provider".padding(9) + "key reasons\n"
            for (k, c) in s.candidates.enumerated() {
                let provider = byID[c.household].map { $0.provider == .inHouse ? "in-house" : "IFA" } ?? ""
                let columns = "    \(k + 1)  " + c.household.rawValue.padding(12) + leftPad(f2(c.evaluation.score), 6) + "  "
                    + leftPad(f1(c.evaluation.distanceMiles), 6) + "  " + provider.padding(9)
                // The reasons wrap under their own column.
                o += wrap(c.evaluation.reasons.joined(separator: "; "), indent: columns,
                          continuation: String(repeating: " ", count: columns.count))
            }
        }
        return o
    }

    /// The table after the shortlists: the joint plan, the children not placed (handed to
    /// `emit` a few thousand at a time), the gain over greedy.
    static func plan(_ plan: MatchPlan, baseline: MatchPlan, ranks: ShortlistRanks, byID: [HouseholdID: Household], policy: MatchPolicy,
                     emit: (String) throws -> Void) rethrows {
        let st = plan.statistics
        let total = st.childrenPlaced + st.childrenUnplaced
        var o = "\nJOINT PLAN (best for all of them together): "
            + "\(st.childrenPlaced) of \(total) children placed, total score \(f2(plan.totalScore))\n"
        if let bound = plan.bound {
            let children = st.childrenPlaced >= bound.childrenPossible ? "no plan could place more children"
                : "a plan might place up to \(bound.childrenPossible) children" + (bound.listsCut ? "" : " (the search was stopped)")
            o += wrap(children + "; this plan is within \(f1(100 * bound.gap))% of the best possible score"
                + " (\(f2(bound.childScore)) counted per child, best possible \(f2(bound.childScoreBound)))"
                + (bound.listsCut ? "; each home's list was cut to its best children, so the plan is not proven" : ""),
                indent: "    ", continuation: "    ")
        }
        if !plan.entries.isEmpty {
            o += "    " + "children".padding(24) + "household".padding(12) + " score   miles  round  shortlist\n"
            for e in plan.entries {
                let kids = e.group.childIDs.map(\.rawValue).joined(separator: ", ") + (e.isSplitPart ? " (split)" : "")
                o += "    " + kids.padding(24) + e.placement.household.rawValue.padding(12) + leftPad(f2(e.placement.score), 6)
                    + "  " + leftPad(f1(e.placement.distanceMiles), 6) + "  " + leftPad(String(e.round), 5) + "  " + ranks.position(e) + "\n"
            }
        }
        if !plan.unplaced.isEmpty {
            o += "  not placed:\n"
            for (k, u) in plan.unplaced.enumerated() {
                // The first reason, then only the nearest miss in words and how many more there were.
                var line = u.group.childIDs.map(\.rawValue).joined(separator: ", ") + ": " + (u.reasons.first ?? "")
                if let nearest = u.nearMisses.first {
                    line += "; nearest miss " + missWords(nearest, u.group, byID: byID, policy: policy)
                    if u.nearMisses.count > 1 { line += ", and \(u.nearMisses.count - 1) more near misses" }
                }
                o += wrap(line, indent: "    ", continuation: "        ")
                if k % 4_096 == 4_095 {
                    try emit(o)
                    o = ""
                }
            }
        }
        let b = baseline.statistics
        o += "\nGAIN OVER GREEDY (most urgent child picks first)\n"
        o += "    " + "".padding(28) + leftPad("plan", 9) + leftPad("greedy", 9) + leftPad("difference", 12) + "\n"
        /// One figure of both plans; `higherIsBetter` says which way the difference is a gain.
        func row(_ label: String, _ a: Double, _ b: Double, higherIsBetter: Bool, _ f: (Double) -> String) {
            let d = a - b
            let verdict = d == 0 ? "same" : (d > 0) == higherIsBetter ? "better" : "worse"
            o += "    " + label.padding(28) + leftPad(f(a), 9) + leftPad(f(b), 9) + leftPad((d > 0 ? "+" : "") + f(d), 12) + "  " + verdict + "\n"
        }
        let whole = { (x: Double) in String(Int(x.rounded())) }
        row("children placed", Double(st.childrenPlaced), Double(b.childrenPlaced), higherIsBetter: true, whole)
        row("sibling groups together", Double(st.siblingGroupsTogether), Double(b.siblingGroupsTogether), higherIsBetter: true, whole)
        row("sibling groups split", Double(st.siblingGroupsSplit), Double(b.siblingGroupsSplit), higherIsBetter: false, whole)
        row("mean miles from home", st.meanMiles, b.meanMiles, higherIsBetter: false, f1)
        row("children over 20 miles", Double(st.childrenOver20Miles), Double(b.childrenOver20Miles), higherIsBetter: false, whole)
        row("total score", st.totalScore, b.totalScore, higherIsBetter: true, f2)
        try emit(o)
    }

    /// A child or group's heading: ids with ages, the request and needs in words, the wait.
    static func unitTitle(_ g: SiblingGroup) -> String {
        let kids = g.children.map { "\($0.id.rawValue) (\($0.age))" }.joined(separator: ", ")
        let needs = g.needs.isEmpty ? "" : " · " + MeetingWords.needs(g.needs)
        let label = g.size > 1 ? "Group \(g.id.rawValue): \(kids)" : kids
        let waiting = "waiting \(MeetingWords.days(g.daysWaiting))".replacingOccurrences(of: " ", with: glue)
        return label + " · \(MeetingWords.request(g.placement))\(needs) · \(waiting)" + (g.maySplit ? " · may\(glue)split" : "")
    }

    /// Joins words that `wrap` keeps on one line ("waiting 3 days"); printed as a space.
    static let glue = "\u{00A0}"

    /// `text` as lines of at most `lineWidth` characters, the first after `indent`, the rest after
    /// `continuation`, broken at spaces (a word longer than a line stands alone; words joined by
    /// `glue` count as one); each ends in a newline.
    static func wrap(_ text: String, indent: String, continuation: String) -> String {
        var lines: [String] = []
        var line = indent
        var lineHasWord = false
        for word in text.split(separator: " ", omittingEmptySubsequences: false) {
            if lineHasWord && line.count + 1 + word.count > lineWidth {
                lines.append(line)
                line = continuation + word
            } else {
                line += (lineHasWord ? " " : "") + word
            }
            lineHasWord = true
        }
        lines.append(line)
        return lines.joined(separator: "\n").replacingOccurrences(of: glue, with: " ") + "\n"
    }

    static func f1(_ x: Double) -> String { MatchResultWriters.f1(x) }
    static func f2(_ x: Double) -> String { MatchResultWriters.f2(x) }
    static func leftPad(_ s: String, _ width: Int) -> String {
        s.count >= width ? s : String(repeating: " ", count: width - s.count) + s
    }
}
