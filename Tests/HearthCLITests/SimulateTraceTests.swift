import Foundation
import HearthCLI
import Testing

/// `hearth simulate --trace FILE`: one row per placement decision, the same whatever the
/// thread count, and the other outputs unchanged by it.
@Test func traceListsEveryPlacementDecisionAndChangesNothingElse() throws {
    let plain = temporaryDirectory("trace-plain"), one = temporaryDirectory("trace-1"), two = temporaryDirectory("trace-2")
    let (console, output) = Console.capturing()
    let common = ["simulate", "--runs", "3", "--years", "1", "--seed", "11"]
    #expect(Hearth.run(common + ["--threads", "1", "--out", plain], console: console) == 0)
    #expect(Hearth.run(common + ["--threads", "1", "--out", one, "--trace", one + "/trace.csv"], console: console) == 0)
    #expect(Hearth.run(common + ["--threads", "2", "--out", two, "--trace", two + "/trace.csv"], console: console) == 0, "\(output.stderr)")
    for file in ["summary.json", "monthly.csv", "unmet_need.csv", "report.html"] {
        #expect(contents(plain + "/" + file) == contents(one + "/" + file), "\(file) changed by tracing")
    }
    let trace = try #require(contents(one + "/trace.csv"))
    #expect(trace == contents(two + "/trace.csv"), "trace differs between 1 and 2 threads")
    let rows = String(decoding: trace, as: UTF8.self).split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    #expect(rows.first == ["run", "day", "date", "children", "group", "setting", "household", "score", "miles", "reason"])
    let body = rows.dropFirst()
    #expect(body.count > 300, "\(body.count) rows")
    #expect(output.stderr.contains("wrote \(body.count) placement decisions to \(one)/trace.csv"))
    // The placements counted in summary.json are the children listed in the trace.
    let summaryData = try #require(contents(one + "/summary.json"))
    let summary = try #require(try JSONSerialization.jsonObject(with: summaryData) as? [String: Any])
    let totals = try #require(summary["totals"] as? [String: Any])
    let placements = try #require(totals["placements"] as? [String: Any])
    let childrenPerRun = (0..<3).map { run in body.filter { $0[0] == String(run) }.reduce(0) { $0 + $1[3].split(separator: " ").count } }
    #expect(childrenPerRun.sorted()[1] == placements["p50"] as? Int, "\(childrenPerRun) vs \(placements)")
    var lastDay = [Double](repeating: 0, count: 3)
    let settings: Set<String> = ["in_house", "ifa", "kinship", "residential", "supported", "with_parents", "adoption", "other"]
    for row in body {
        #expect(row.count == 10, "\(row)")
        guard row.count == 10, let run = Int(row[0]), (0..<3).contains(run), let day = Double(row[1]) else {
            Issue.record("bad row \(row)")
            continue
        }
        #expect(day >= lastDay[run] && day <= 366, "days go forward within a run: \(row)")
        lastDay[run] = day
        #expect(row[2].hasPrefix(day < 30 ? "2024-04-" : "202"), "\(row)")
        #expect(row[3].split(separator: " ").allSatisfy { $0.hasPrefix("c") && Int($0.dropFirst()) != nil }, "\(row)")
        #expect(settings.contains(row[5]), "\(row)")
        if row[5] == "in_house" {
            let score = try #require(Double(row[7]), "\(row)"), miles = try #require(Double(row[8]), "\(row)")
            #expect(!row[6].isEmpty && score >= 0 && score <= 100 && miles >= 0 && miles <= 50, "\(row)")
            #expect(!row[9].contains("no in-house home") && !row[9].contains("breaks"), "\(row)")
        } else {
            #expect(row[6].isEmpty && row[7].isEmpty && row[8].isEmpty, "\(row)")
        }
    }
    #expect(Set(body.map { $0[5] }).isSuperset(of: ["in_house", "ifa", "residential"]))
    #expect(body.contains { $0[9].hasPrefix("family-finding meeting") } && body.contains { $0[9].hasSuffix("; no in-house home found") })
}

/// Day 0 is the start date; the trace's dates follow the calendar (leap day included).
@Test func traceDatesFollowTheCalendar() throws {
    let out = temporaryDirectory("trace-dates")
    let (console, _) = Console.capturing()
    #expect(Hearth.run(["simulate", "--runs", "1", "--years", "1", "--out", out, "--trace", out + "/t.csv"], console: console) == 0)
    let rows = String(decoding: try #require(contents(out + "/t.csv")), as: UTF8.self).split(separator: "\n").dropFirst()
    // The bundled baseline starts on 2024-04-01: day 0.xx is 2024-04-01, day 334.xx is
    // 2025-03-01 (2025 is not a leap year, so 2025-02 has 28 days).
    func expectedDate(_ day: Int) -> String {
        let months = [("2024-04", 30), ("2024-05", 31), ("2024-06", 30), ("2024-07", 31), ("2024-08", 31), ("2024-09", 30),
                      ("2024-10", 31), ("2024-11", 30), ("2024-12", 31), ("2025-01", 31), ("2025-02", 28), ("2025-03", 31), ("2025-04", 30)]
        var rest = day
        for (month, length) in months {
            if rest < length { return "\(month)-\(rest + 1 < 10 ? "0" : "")\(rest + 1)" }
            rest -= length
        }
        return "?"
    }
    #expect(rows.count > 100)
    for row in rows {
        let f = row.split(separator: ",", omittingEmptySubsequences: false)
        let day = Int(Double(f[1])!.rounded(.down))
        #expect(String(f[2]) == expectedDate(day), "\(row)")
    }
}
