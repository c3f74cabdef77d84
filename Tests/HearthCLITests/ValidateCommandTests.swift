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
