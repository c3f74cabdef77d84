import Foundation
import HearthCLI
import Testing

@Test func unknownCommandIsUsageError() {
    let (console, output) = Console.capturing()
    #expect(Hearth.run(["frobnicate"], console: console) == 2)
    #expect(output.stderr.contains("unknown command"))
}

@Test func validateReportsMissingFileWithExitTwo() {
    let (console, output) = Console.capturing()
    #expect(Hearth.run(["validate", "/nonexistent/children.csv"], console: console) == 2)
    #expect(output.stderr.contains("/nonexistent/children.csv: no such file"))
}

@Test func truncatedProblemListSaysMoreThan() throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("hearth-many-\(UUID().uuidString)-children.csv").path
    defer { try? FileManager.default.removeItem(atPath: path) }
    var text = "child_id,age,sex,home_lat,home_lon,placement\n"
    for i in 0..<700 { text += "C\(i),17y,M,51.8,-2.2,short_term\n" }
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    let (console, output) = Console.capturing()
    #expect(Hearth.run(["validate", path], console: console) == 2)
    #expect(output.stderr.contains("more than 500 problems found"))
}

@Test func singleChildIdCollidingWithAGroupIdIsReported() throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("hearth-clash-\(UUID().uuidString)-children.csv").path
    defer { try? FileManager.default.removeItem(atPath: path) }
    let text = "child_id,group_id,age,sex,home_lat,home_lon,placement\nA,B,5,M,51.8,-2.2,short_term\nC,B,7,F,51.8,-2.2,short_term\nB,,9,F,51.8,-2.2,short_term\n"
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    let (console, output) = Console.capturing()
    #expect(Hearth.run(["validate", path], console: console) == 2)
    #expect(output.stderr.contains(":4: child_id \"B\" is also a group_id"))
}

/// A home with its latitude and longitude swapped is valid CSV, so the file passes (exit 0),
/// but `validate`, `match` and `explain` warn of it by the child's identifier; the generated
/// county draws no warning.
@Test func swappedCoordinatesAreWarnedOf() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("hearth-swapped-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let (console, output) = Console.capturing()
    #expect(Hearth.run(["generate", "--out", dir], console: console) == 0)
    #expect(Hearth.run(["validate", dir + "/children.csv", dir + "/households.csv"], console: console) == 0)
    #expect(!output.stderr.contains("warning"), "\(output.stderr)")
    var lines = try String(contentsOfFile: dir + "/children.csv", encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    var fields = lines[1].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    (fields[4], fields[5]) = (fields[5], fields[4])
    lines[1] = fields.joined(separator: ",")
    try lines.joined(separator: "\n").write(toFile: dir + "/children.csv", atomically: true, encoding: .utf8)
    let expected = "warning: \(dir)/children.csv: child \(fields[0]): home_lat \(fields[4].replacingOccurrences(of: "0+$", with: "", options: .regularExpression)), home_lon"
    for command in [["validate", dir + "/children.csv"], ["match", dir + "/children.csv", dir + "/households.csv"],
                    ["explain", dir + "/children.csv", dir + "/households.csv", "--child", fields[0], "--household", "IH0001"]] {
        let (console, output) = Console.capturing()
        #expect(Hearth.run(command, console: console) == 0, "\(command[0]): \(output.stderr)")
        #expect(output.stderr.contains(expected) && output.stderr.contains("columns swapped?"), "\(command[0]): \(output.stderr)")
    }
}
