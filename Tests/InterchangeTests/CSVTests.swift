import Interchange
import Testing

@Suite struct CSVTests {
    @Test func quotedFieldsCommasQuotesNewlinesCRLFAndBOM() {
        let text = "\u{FEFF}a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\r\n1,2,3\n"
        let (records, problems) = CSV.parse(Array(text.utf8), file: "t.csv")
        #expect(problems.isEmpty)
        #expect(records.map(\.fields) == [["a", "b", "c"], ["x, y", "say \"hi\"", "two\nlines"], ["1", "2", "3"]])
        #expect(records.map(\.line) == [1, 2, 4])
    }

    @Test func renderThenParseRoundTrips() {
        let rows = [["plain", "with,comma", "with \"quote\"", "multi\nline", ""]]
        let text = CSV.render(header: ["a", "b", "c", "d", "e"], rows: rows)
        let (records, problems) = CSV.parse(Array(text.utf8), file: "t.csv")
        #expect(problems.isEmpty)
        #expect(records.dropFirst().map(\.fields) == rows)
    }

    @Test func brokenQuotingIsReportedWithItsLine() {
        let (_, problems) = CSV.parse(Array("a,b\n1,\"open\n2,3\n".utf8), file: "t.csv")
        #expect(problems.count == 1)
        #expect(problems.first?.line == 2)
    }
}
