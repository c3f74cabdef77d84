import CareModel
import Matching
import Reports

/// The outputs of `hearth match` written while the shortlists are made, a block of units at a
/// time, so that memory holds one block of shortlists, not all of them.
///
/// Each output gets the part before the shortlists (JSON and CSV: the plan), then each block of
/// shortlists, then the part after (JSON: the totals; the table: the plan), making the same
/// bytes as rendering the whole result at once.
struct MatchStream {
    let plan: MatchPlan
    let rounds: MatchPlan
    let baseline: MatchPlan
    let households: [Household]
    let policy: MatchPolicy
    let top: Int

    /// The files `--out DIR` holds, in this order: the meeting page, JSON, CSV.
    static let fileNames = ["match.html", "match.json", "match.csv"]

    enum Format { case table, json, csv }

    /// One destination of one format.
    struct Output {
        var format: Format
        /// Appends text; throws `StandardOutputClosed` when standard output failed, and the run
        /// then goes on with the other outputs.
        var write: (String) throws -> Void
        var closed = false
    }

    /// Standard output failed (a closed pipe, a full disk); the console holds the reason.
    struct StandardOutputClosed: Error {}

    /// Writes every output: head, the shortlists of `groups` a block at a time (each block also
    /// handed to `eachBlock`), tail. Stops early when only a failed standard output is left.
    func write(groups: [SiblingGroup], to outputs: inout [Output], eachBlock: ([Shortlist]) -> Void) throws {
        let byID = MatchTable.householdsByID(households)
        var ranks = MatchTable.ShortlistRanks(plan: plan)
        var anyShortlists = false
        func each(_ body: (Format, (String) throws -> Void) throws -> Void) throws {
            for k in outputs.indices where !outputs[k].closed {
                do { try body(outputs[k].format, outputs[k].write) } catch is StandardOutputClosed {
                    outputs[k].closed = true
                }
            }
            if outputs.allSatisfy(\.closed) { throw StandardOutputClosed() }
        }
        do {
            try each { format, write in
                switch format {
                case .json: try MatchResultWriters.jsonHead(plan: plan, emit: write)
                case .csv: try MatchResultWriters.csvHead(plan: plan, emit: write)
                case .table: try write(MatchTable.head(top: top))
                }
            }
            try Matcher.forEachShortlistBlock(groups: groups, households: households, policy: policy, top: top) { block in
                try each { format, write in
                    switch format {
                    case .json: try write(MatchResultWriters.jsonShortlists(block, first: !anyShortlists))
                    case .csv: try write(MatchResultWriters.csvShortlists(block))
                    case .table: try write(MatchTable.shortlists(block, byID: byID, policy: policy))
                    }
                }
                ranks.note(block)
                anyShortlists = anyShortlists || !block.isEmpty
                eachBlock(block)
            }
            try each { format, write in
                switch format {
                case .json: try write(MatchResultWriters.jsonTail(plan: plan, baseline: baseline, rounds: rounds, anyShortlists: anyShortlists))
                case .csv: break
                case .table: try MatchTable.plan(plan, baseline: baseline, ranks: ranks, byID: byID, policy: policy, emit: write)
                }
            }
        } catch is StandardOutputClosed {
            // Nothing is left to write to; the console reports the failure.
        }
    }
}
