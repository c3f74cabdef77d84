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
