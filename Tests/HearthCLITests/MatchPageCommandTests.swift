import Foundation
import HearthCLI
import Testing

private func run(_ args: [String]) -> (Int32, String, String) {
    let (console, output) = Console.capturing()
    let code = Hearth.run(args, console: console)
    return (code, output.stdout, output.stderr)
}

private func fileText(_ path: String) -> String? { try? String(contentsOfFile: path, encoding: .utf8) }

@Test func matchOutWritesThePageWithTheSameJSONAndCSV() throws {
    let f = try MatchFixture.county()
    let out = f.directory + "/meeting"
    let (code, table, err) = run(["match", f.childrenPath, f.householdsPath, "--out", out])
    #expect(code == 0, "\(err)")
    #expect(table.contains("SHORTLISTS"), "the table still goes to stdout")
    #expect(err.contains("wrote match.html, match.json and match.csv"))
    let json = run(["match", f.childrenPath, f.householdsPath, "--format", "json"]).1
    let csv = run(["match", f.childrenPath, f.householdsPath, "--format", "csv"]).1
    #expect(fileText(out + "/match.json") == json)
    #expect(fileText(out + "/match.csv") == csv)
    let html = try #require(fileText(out + "/match.html"))
    #expect(html.hasPrefix("<!DOCTYPE html>"))
    for child in (1...12).map({ "C\($0)" }) { #expect(html.contains(">\(child) (age") || html.contains(" \(child) (age"), "\(child)") }
    // Units of the fixture: 9 (two sibling groups), each with its section.
    #expect(html.components(separatedBy: "<section class=\"unit\"").count - 1 == 9)
    // Same input, same bytes.
    _ = run(["match", f.childrenPath, f.householdsPath, "--out", f.directory + "/again"])
    #expect(fileText(f.directory + "/again/match.html") == html)
}

@Test func matchOutWritesAllOrNothing() throws {
    let f = try MatchFixture.county()
    // match.csv cannot be written (a directory is in the way): neither of the others appears.
    let out = f.directory + "/blocked"
    try FileManager.default.createDirectory(atPath: out + "/match.csv", withIntermediateDirectories: true)
    let (code, _, err) = run(["match", f.childrenPath, f.householdsPath, "--out", out])
    #expect(code == 1)
    #expect(err.contains("match.csv"))
    #expect(!FileManager.default.fileExists(atPath: out + "/match.html"))
    #expect(!FileManager.default.fileExists(atPath: out + "/match.json"))
    #expect(try FileManager.default.contentsOfDirectory(atPath: out) == ["match.csv"], "no temporary files left")
    // Bad input: exit code 2 and nothing written, not even the directory.
    let bad = try MatchFixture(children: MatchFixture.childrenHeader + "C1,,19,M,51.8,-2.2,,,,short_term,,,,,\n", households: MatchFixture.householdsHeader)
    let (badCode, _, _) = run(["match", bad.childrenPath, bad.householdsPath, "--out", bad.directory + "/out"])
    #expect(badCode == 2)
    #expect(!FileManager.default.fileExists(atPath: bad.directory + "/out"))
}
