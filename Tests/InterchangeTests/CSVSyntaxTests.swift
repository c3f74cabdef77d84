import Interchange
import Testing

/// The CSV reader's handling of line ends, quoting mistakes and encodings, byte by byte.
@Suite struct CSVSyntaxTests {
    func parse(_ bytes: [UInt8]) -> (records: [CSV.Record], problems: [InputProblem]) {
        CSV.parse(bytes, file: "t.csv")
    }
    func parse(_ text: String) -> (records: [CSV.Record], problems: [InputProblem]) { parse(Array(text.utf8)) }

    @Test func readingGoesOnAfterAQuotingProblem() {
        let (records, problems) = parse("a,b\n1,x\"y\n2,\"ok\" \n3,\"fine\"\n")
        #expect(problems.map(\.line) == [2, 3])
        #expect(problems[0].message.hasPrefix("field 2: a quote inside an unquoted field"))
        #expect(problems[1].message.hasPrefix("field 2: text after the closing quote"))
        #expect(records.map(\.fields) == [["a", "b"], ["3", "fine"]])
        #expect(records.map(\.line) == [1, 4])
    }

    @Test func unclosedQuoteIsReportedWhereItOpens() {
        let (records, problems) = parse("a,b\n1,2\n3,\"open\nmore\nlines\n")
        #expect(problems.count == 1)
        #expect(problems[0].line == 3 && problems[0].message.contains("never closed"))
        #expect(records.map(\.fields) == [["a", "b"], ["1", "2"]])
    }

    @Test func lineEndsAndEmptyFields() {
        let (records, problems) = parse("a,b,c\r\n,,\r\n\"\",x,\r\n1,2,3")
        #expect(problems.isEmpty)
        #expect(records.map(\.fields) == [["a", "b", "c"], ["", "", ""], ["", "x", ""], ["1", "2", "3"]])
        #expect(records.map(\.line) == [1, 2, 3, 4])
    }

    @Test func oldMacLineEndsAreLineEnds() {
        let (records, problems) = parse("a,b\r1,\"x\ry\"\r\r2,3\r")
        #expect(problems.isEmpty)
        #expect(records.map(\.fields) == [["a", "b"], ["1", "x\ry"], [""], ["2", "3"]])
        #expect(records.map(\.line) == [1, 2, 4, 5])
        let (_, bad) = parse("a,b\r1,x\"y\r2,3\r")
        #expect(bad.map(\.line) == [2])
    }

    @Test func quotedLineBreaksKeepLaterLineNumbersRight() {
        let (records, _) = parse("h\n\"1\n2\r\n3\"\nnext\n")
        #expect(records.map(\.line) == [1, 2, 5])
        #expect(records[1].fields == ["1\n2\r\n3"])
    }

    @Test(arguments: [
        ([0xC0, 0x80] as [UInt8], "0xC0"),  // overlong NUL
        ([0xED, 0xA0, 0x80], "0xED"),  // UTF-16 surrogate
        ([0xF8, 0x88, 0x80, 0x80, 0x80], "0xF8"),  // five-byte form
        ([0xE2, 0x82], "0xE2"),  // cut short at the end
        ([0x80], "0x80"),  // lone continuation byte
        ([0xF4, 0x90, 0x80, 0x80], "0xF4"),  // above U+10FFFF
    ])
    func invalidUTF8IsReportedWithItsByte(bad: [UInt8], byte: String) {
        let bytes = Array("a,b\nok,x".utf8) + bad + Array("y\n".utf8)
        let (records, problems) = parse(bytes)
        #expect(records.isEmpty)
        #expect(problems.count == 1)
        #expect(problems.first?.line == 2)
        #expect(problems.first?.message == "field 2: byte \(byte) is not valid UTF-8: expected UTF-8 text (save the file as \"CSV UTF-8\")")
    }

    @Test func validMultiByteTextIsKept() {
        let text = "id,name\n1,\"Zoë, 👩‍👧 ∑ 日本\"\n"
        let (records, problems) = parse(text)
        #expect(problems.isEmpty)
        #expect(records[1].fields == ["1", "Zoë, 👩‍👧 ∑ 日本"])
    }

    @Test func escapeDoublesQuotesEvenBeforeCombiningMarks() {
        // "\"\u{301}" is a single Character in Swift; the quote inside must still be doubled.
        let value = "a\"\u{301}b,c"
        let escaped = CSV.escape(value)
        #expect(escaped == "\"a\"\"\u{301}b,c\"")
        let (records, problems) = parse("x\n" + escaped + "\n")
        #expect(problems.isEmpty)
        #expect(records[1].fields == [value])
        #expect(CSV.escape("plain text") == "plain text")
    }
}
