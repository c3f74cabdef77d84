import Foundation
import HearthCLI
import Interchange
import Testing

/// `hearth target` from the command line: what it writes and refuses.
@Suite struct TargetCommandTests {
    static func hearth(_ arguments: [String]) -> (code: Int32, stdout: String, stderr: String) {
        let (console, output) = Console.capturing()
        let code = Hearth.run(arguments, console: console)
        return (code, output.stdout, output.stderr)
    }

    /// A goal no value of the lever reaches: exit 2 with the reason, and no scenario written.
    @Test func aGoalOutOfReachExitsTwoAndWritesNothing() {
        let dir = temporaryDirectory("target-refused")
        let run = Self.hearth([
            "target", "--lever", "approvals", "--kpi", "ifa_foster", "--at-most", "0", "--by", "2024-09-30",
            "--range", "0:10", "--runs", "10", "--threads", "2", "--out", dir + "/answer.json",
        ])
        #expect(run.code == 2)
        #expect(run.stderr.contains("not met"), "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir + "/answer.json"))
    }

    /// An answer is written as a scenario that reads back with the lever at the answer.
    @Test func theAnswerIsWrittenAsAScenario() throws {
        let dir = temporaryDirectory("target-answer")
        let run = Self.hearth([
            "target", "--lever", "ifa-capacity", "--kpi", "ifa_foster", "--at-least", "140", "--by", "2025-03-31",
            "--confidence", "0.7", "--range", "100:300", "--runs", "10", "--threads", "2", "--out", dir + "/answer.json",
        ])
        #expect(run.code == 0, "\(run.stderr)")
        let answerLine = try #require(run.stdout.split(separator: "\n").first { $0.hasPrefix("Answer: ") })
        let answer = try #require(Int(answerLine.dropFirst("Answer: ".count).prefix { $0.isNumber }))
        let data = try #require(FileManager.default.contents(atPath: dir + "/answer.json"))
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let ifa = try #require(object["ifa"] as? [String: Any])
        #expect(ifa["capacity"] as? Int == answer)
        #expect(run.stdout.contains("Check: simulated at \(answer)"))
    }

    @Test func badQuestionsAreUsageErrors() {
        for arguments in [
            ["--lever", "magic", "--kpi", "ifa_foster", "--at-most", "1", "--by", "2026-03-31"],
            ["--lever", "approvals", "--kpi", "nope", "--at-most", "1", "--by", "2026-03-31"],
            ["--lever", "approvals", "--kpi", "ifa_foster", "--by", "2026-03-31"],
            ["--lever", "approvals", "--kpi", "ifa_foster", "--at-most", "1", "--at-least", "2", "--by", "2026-03-31"],
            ["--lever", "approvals", "--kpi", "ifa_foster", "--at-most", "1", "--by", "2020-03-31"],
            ["--lever", "approvals", "--kpi", "ifa_foster", "--at-most", "1", "--by", "2026-03-31", "--range", "5:1"],
            ["--lever", "approvals", "--kpi", "ifa_foster", "--at-most", "1", "--by", "2026-03-31", "--confidence", "2"],
        ] {
            let run = Self.hearth(["target"] + arguments)
            #expect(run.code == 2, "\(arguments)")
            #expect(run.stderr.contains("usage: hearth target"), "\(arguments): \(run.stderr)")
        }
        // A range with fractional bounds is stated as it is, not rounded to whole numbers.
        let share = Self.hearth(["target", "--lever", "approvals", "--kpi", "ifa_foster", "--at-most", "1", "--by", "2026-03-31", "--confidence", "1.5"])
        #expect(share.stderr.contains("--confidence \"1.5\": expected a number 0.5-0.99"), "\(share.stderr)")
    }
}
