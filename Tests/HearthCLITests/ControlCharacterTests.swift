import CareModel
import Foundation
import HearthCLI
import Interchange
import Testing

/// Input files cannot write to the terminal: identifiers holding control or bidirectional
/// characters are refused, and messages quoting any value show such characters as escapes.
@Suite struct ControlCharacterTests {
    /// C0 controls but tab and line feed, C1 controls and the bidirectional embeddings,
    /// overrides and isolates, listed here from the Unicode tables rather than from the
    /// product's rule. A carriage return acts unless a line feed follows it.
    static let acting: [Unicode.Scalar] = (0 ..< 0x20).filter { $0 != 0x09 && $0 != 0x0A }.map { Unicode.Scalar(UInt8($0)) }
        + (0x7F ... 0x9F).map { Unicode.Scalar(UInt8($0)) }
        + [0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069].map { Unicode.Scalar($0)! }

    /// Whether `text` holds an acting character, by the list above.
    static func holdsActing(_ text: String) -> Bool {
        let scalars = Array(text.unicodeScalars)
        return scalars.indices.contains { i in
            Self.acting.contains(scalars[i]) && !(scalars[i] == "\r" && i + 1 < scalars.count && scalars[i + 1] == "\n")
        }
    }

    func file(_ name: String, _ text: String) throws -> String {
        let path = NSTemporaryDirectory() + "hearth-control-\(UUID().uuidString)-\(name)"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func everyActingCharacterIsFoundAndNoOtherIs() {
        for scalar in Self.acting { #expect(ControlCharacters.first(in: "R0\(scalar)1") == scalar, "\(scalar.value)") }
        for text in ["R0001", "Gloucester", "Zoë", "ردیف", "עברית", "日本語", "👩‍👧", "Stroud\tValley", "Stroud,\nUpper", "Stroud\r\nValley"] { #expect(ControlCharacters.first(in: text) == nil, "\(text)") }
    }

    /// Over random texts, what `visible` gives holds no acting character, and text holding
    /// none is given back unchanged.
    @Test func visibleTextHoldsNoActingCharacter() {
        var random = SplitMix64(seed: 42)
        let pool: [Unicode.Scalar] = Self.acting + ["\t", "\n", "a", "Z", "1", "\"", "\\", "{", "é", "€", "😀"]
        for _ in 0 ..< 5_000 {
            var scalars = String.UnicodeScalarView()
            for _ in 0 ..< Int(random.next() % 12) { scalars.append(pool[Int(random.next() % UInt64(pool.count))]) }
            let text = String(scalars)
            let shown = ControlCharacters.visible(text)
            #expect(!Self.holdsActing(shown), "\(shown.debugDescription)")
            #expect((ControlCharacters.first(in: text) != nil) == Self.holdsActing(text), "\(text.debugDescription)")
            if !Self.holdsActing(text) { #expect(shown == text) }
        }
    }

    /// An identifier recolouring the terminal was printed as it stood in `hearth match`'s
    /// table; now each identifier column refuses it with its line, and the message shows it.
    @Test(arguments: ["child_id", "group_id", "district", "language"])
    func identifiersWithControlsAreRefused(column: String) throws {
        let values = ["child_id": "C2", "group_id": "", "district": "Stroud", "language": "English"]
            .merging([column: "R\u{1B}[31mRED\u{1B}[0m"]) { $1 }
        let row = { (v: [String: String]) in [v["child_id"]!, v["group_id"]!, "8", "F", "51.75", "-2.20", v["district"]!, "short_term", v["language"]!].joined(separator: ",") }
        let header = "child_id,group_id,age,sex,home_lat,home_lon,district,placement,language\n"
        let path = try file("children.csv", header + row(["child_id": "C1", "group_id": "", "district": "Stroud", "language": "English"]) + "\n" + row(values) + "\n")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let (console, output) = Console.capturing()
        #expect(Hearth.run(["validate", path], console: console) == 2)
        #expect(output.stderr.contains(":3: \(column) \"R\\u{1B}[31mRED\\u{1B}[0m\" holds the control character U+001B: expected text without control characters"), "\(output.stderr)")
        #expect(!output.stderr.unicodeScalars.contains("\u{1B}"))
    }

    /// A value that is not an identifier is refused for what it is; the message quoting it
    /// shows its controls as escapes, on stderr, and nothing of it reaches stdout.
    @Test func messagesQuotingValuesShowControlsAsEscapes() throws {
        let header = "household_id,provider,lat,lon,places,occupied,min_age,max_age,approvals,status\n"
        let path = try file("households.csv", header + "H1,in_house,51.7,-2.2,2\u{1B}]0;owned\u{07},0,0,17,short_term,available\n")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let (console, output) = Console.capturing()
        #expect(Hearth.run(["validate", path], console: console) == 2)
        #expect(output.stderr.contains("places \"2\\u{1B}]0;owned\\u{7}\": expected a whole number 1-20"), "\(output.stderr)")
        #expect(!Self.holdsActing(output.stderr))
        #expect(output.stdout.isEmpty)
    }

    @Test func scenarioNamesWithControlsAreRefused() throws {
        let path = try file("s.json", #"{"name": "baseline\u202Eevil"}"#)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let (console, output) = Console.capturing()
        #expect(Hearth.run(["simulate", path, "--runs", "1", "--years", "1"], console: console) == 2)
        #expect(output.stderr.contains("name \"baseline\\u{202E}evil\": expected text without control characters"), "\(output.stderr)")
    }
}
