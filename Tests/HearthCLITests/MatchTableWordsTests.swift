import Foundation
import HearthCLI
import Testing

/// The terminal table of a generated county: words, not codes, and short not-placed lines.
@Test func matchTableSaysCodesInWordsAndKeepsNotPlacedLinesShort() throws {
    let directory = NSTemporaryDirectory() + "hearth-words-\(ProcessInfo.processInfo.processIdentifier)"
    try? FileManager.default.removeItem(atPath: directory)
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let (console, output) = Console.capturing()
    #expect(Hearth.run(["generate", "--out", directory, "--seed", "7"], console: console) == 0)
    let (console2, output2) = Console.capturing()
    #expect(Hearth.run(["match", directory + "/children.csv", directory + "/households.csv", "--top", "3"], console: console2) == 0, "\(output.stderr)")
    let table = output2.stdout
    let lines = table.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    // Headings of children and groups: requests and needs in words.
    let headings = lines.filter { $0.contains(" · waiting ") }
    #expect(headings.count > 10)
    let codes = ["short_term", "long_term", "parent_and_child", "exploitation_risk", "free_places", "age_range", "required_skills"]
    for heading in headings {
        for code in codes { #expect(!heading.contains(code), "\(heading)") }
        #expect(!heading.contains(";"), "needs are listed with commas: \(heading)")
    }
    #expect(headings.contains { $0.contains(" · disability, trauma · ") })
    #expect(!headings.contains { $0.contains("needs complex needs") })
    // Near misses and not-placed lines: no rule codes, no line over 100 characters.
    let notPlaced = lines.drop { $0 != "  not placed:" }.prefix { !$0.hasPrefix("GAIN OVER GREEDY") }
    #expect(notPlaced.count > 3)
    let misses = lines.filter { $0.hasPrefix("    - ") }
    #expect(!misses.isEmpty)
    for line in Array(notPlaced) + misses {
        #expect(line.count <= 100, "\(line.count): \(line)")
        for code in codes { #expect(!line.contains(code), "\(line)") }
    }
    // A group of four with no home: its nearest miss is the home with the most room, in words.
    let prose = notPlaced.joined(separator: " ").split(separator: " ").joined(separator: " ")
    #expect(prose.contains("R0001, R0002, R0003, R0004: no household passes every rule for 4 children together; nearest miss IH0038 has 2 free places of the 4 needed"))
}
