import CareModel
import Foundation
import Interchange
import Testing

/// The located JSON reader: locations, limits, numbers as text, and hostile input.
@Suite struct LocatedJSONTests {
    func parse(_ text: String) throws(LocatedJSON.SyntaxError) -> LocatedJSON {
        try LocatedJSON.parse(Array(text.utf8), file: "t.json")
    }

    @Test func everyValueHasItsLineAndColumn() throws {
        let doc = try parse("{\n  \"a\": 1,\n  \"bé\": [true, \"x\"],\n    \"c\": {\"d\": null}\n}")
        #expect(doc.location == JSONLocation(file: "t.json", line: 1, column: 1))
        #expect(doc["a"]?.location.line == 2 && doc["a"]?.location.column == 8)
        let list = try #require(doc["bé"])
        // Columns count characters: "bé" is 2 characters, 3 bytes.
        #expect(list.location.column == 9)
        guard case .array(let items) = list.value else { Issue.record("not a list"); return }
        #expect(items[1].location.column == 16)
        #expect(doc.value(atPath: "c.d")?.location.line == 4)
        #expect(doc.members?.map(\.keyLocation.line) == [2, 3, 4])
    }

    /// A problem's line: the value at a dotted path, a key that itself holds dots, or the
    /// deepest enclosing value written when the path goes on past what is written.
    @Test func nearestLocationsFollowKeysHoldingDots() throws {
        let doc = try parse("{\"x\": {\n  \"St. Albans\": {\n    \"y\": 1},\n  \"z\": 2,\n  \"a\": {\"b\": 3},\n  \"a.b\": 4}}")
        #expect(doc.nearestLocation(ofPath: "x.St. Albans.y").line == 3)
        #expect(doc.nearestLocation(ofPath: "x.St. Albans").line == 2)
        #expect(doc.nearestLocation(ofPath: "x.z").line == 4)
        #expect(doc.nearestLocation(ofPath: "x.Nowhere.y").line == 1)
        #expect(doc.nearestLocation(ofPath: "x.St. Bees").line == 1)
        // A key named by one component comes first: "a" then "b", not "a.b".
        #expect(doc.nearestLocation(ofPath: "x.a.b").column == 14)
        #expect(doc.nearestLocation(ofPath: "x.a.b").line == 5)
    }

    @Test func syntaxErrorsGiveLineAndColumn() {
        #expect(throws: LocatedJSON.SyntaxError.self) { try parse("{\n  \"a\": 1,,\n}") }
        do {
            _ = try parse("{\n  \"a\": 1,\n  \"b\": tru\n}")
            Issue.record("accepted")
        } catch {
            #expect(error.location.line == 3 && error.location.column == 8)
            #expect(error.problem.description.hasPrefix("t.json:3: not valid JSON at line 3, column 8"))
        }
    }

    @Test func numbersStayAsWritten() throws {
        let doc = try parse(#"{"v": 1.5, "s": 18446744073709551616, "m": 18446744073709551615, "big": 1e300, "neg": -0, "e": 2E+3}"#)
        guard case .number(let v) = doc["v"]!.value else { Issue.record("not a number"); return }
        #expect(v == "1.5")
        #expect(doc["v"]?.integer == nil && doc["v"]?.double == 1.5)
        #expect(doc["s"]?.unsigned == nil)
        #expect(doc["m"]?.unsigned == UInt64.max)
        #expect(doc["big"]?.integer == nil && doc["big"]?.double == 1e300)
        #expect(doc["e"]?.integer == 2000)
        #expect(doc.text == #"{"v":1.5,"s":18446744073709551616,"m":18446744073709551615,"big":1e300,"neg":-0,"e":2E+3}"#)
        for bad in ["01", "1.", ".5", "-", "1e", "+1", "0x10", "NaN", "Infinity"] {
            #expect(throws: LocatedJSON.SyntaxError.self, "\(bad)") { try parse("{\"n\": \(bad)}") }
        }
    }

    @Test func duplicateKeysAreFoundWhereTheSecondIs() {
        do {
            _ = try parse("{\n\"a\": 1,\n\"b\": 2,\n\"a\": 3}")
            Issue.record("accepted")
        } catch {
            #expect(error.location.line == 4)
            #expect(error.message.contains("\"a\" appears twice (first at line 2)"))
        }
    }

    /// 200,000 `[` used to overflow the stack; now the depth limit stops it at once.
    @Test func deepNestingIsAnErrorNotACrash() throws {
        for opener in ["[", "{\"a\":"] {
            let text = String(repeating: opener, count: 200_000)
            #expect(throws: LocatedJSON.SyntaxError.self) { try parse(text) }
        }
        let ok = String(repeating: "[", count: LocatedJSON.maximumDepth) + String(repeating: "]", count: LocatedJSON.maximumDepth)
        _ = try parse(ok)
        let deeper = "[" + ok + "]"
        #expect(throws: LocatedJSON.SyntaxError.self) { try parse(deeper) }
    }

    /// 200,000 keys in one object (every one unknown to any table) are read in linear time:
    /// a quadratic duplicate check would take minutes here.
    @Test func manyKeysAreReadInLinearTime() throws {
        let n = 200_000
        let text = "{" + (0..<n).map { "\"k\($0)\":\($0)" }.joined(separator: ",") + "}"
        let began = Date()
        let doc = try parse(text)
        #expect(doc.members?.count == n)
        #expect(Date().timeIntervalSince(began) < 20)
        let duplicated = "{" + (0..<n).map { "\"k\($0)\":1" }.joined(separator: ",") + ",\"k7\":2}"
        #expect(throws: LocatedJSON.SyntaxError.self) { try parse(duplicated) }
    }

    @Test func stringsDecodeEscapesAndRejectBrokenOnes() throws {
        let doc = try parse(#"{"s": "a\"b\\c\/d\n\u00e9\ud83d\ude00"}"#)
        #expect(doc["s"]?.string == "a\"b\\c/d\né😀")
        for bad in [#"{"s": "\x"}"#, #"{"s": "\u12"}"#, #"{"s": "\ud83d"}"#, "{\"s\": \"a\tb\"}", "{\"s\": \"abc"] {
            #expect(throws: LocatedJSON.SyntaxError.self, "\(bad)") { try parse(bad) }
        }
        #expect(throws: LocatedJSON.SyntaxError.self) { try LocatedJSON.parse([0x7B, 0x22, 0xE9, 0x22, 0x3A, 0x31, 0x7D], file: "t") }
    }

    @Test func mergeLaysObjectsOverEachOther() throws {
        let base = try parse(#"{"a": {"x": 1, "y": 2}, "b": [1, 2], "c": 3}"#)
        let top = try parse(#"{"a": {"y": 5, "z": 6}, "b": [9]}"#)
        #expect(LocatedJSON.merge(base, over: top).text == #"{"a":{"x":1,"y":5,"z":6},"b":[9],"c":3}"#)
    }

    /// Random documents written out and read back give the same document; independent truth:
    /// the generator's own tree, compared through Foundation's parser on the same text.
    @Test func randomDocumentsRoundTrip() throws {
        var rng = Xoshiro256StarStar(seed: 12)
        func value(_ depth: Int) -> String {
            switch Draw.integer(in: depth > 4 ? 2...6 : 0...6, using: &rng) {
            case 0: return "[" + (0..<Draw.integer(in: 0...4, using: &rng)).map { _ in value(depth + 1) }.joined(separator: ", ") + "]"
            case 1:
                let keys = Set((0..<Draw.integer(in: 0...4, using: &rng)).map { _ in "k\(Draw.integer(in: 0...20, using: &rng))" })
                return "{" + keys.sorted().map { "\"\($0)\": " + value(depth + 1) }.joined(separator: ",\n") + "}"
            case 2: return String(Draw.integer(in: -1000...1000, using: &rng))
            case 3: return String(rng.nextUnit() * 1000)
            case 4: return JSONText.quote("t\(Draw.integer(in: 0...99, using: &rng))\"é\n")
            case 5: return ["true", "false", "null"][Draw.integer(in: 0...2, using: &rng)]
            default: return "\(Draw.integer(in: 1...9, using: &rng))e\(Draw.integer(in: -5...5, using: &rng))"
            }
        }
        var cases = 0
        for _ in 0..<2_000 {
            let text = "{\"root\": " + value(0) + "}"
            let doc = try parse(text)
            let again = try parse(doc.text)
            #expect(again.text == doc.text)
            let ours = try JSONSerialization.jsonObject(with: Data(doc.text.utf8)) as? NSDictionary
            let theirs = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? NSDictionary
            #expect(ours == theirs)
            cases += 1
        }
        #expect(cases == 2_000)
    }

    /// Random damage to a valid document never crashes the reader, and every error it reports is
    /// located inside the text.
    @Test func fuzzedDocumentsNeverCrash() {
        let seedText = """
            {
              "version": 1, "name": "x", "entries": {"per_year_by_age_band": {"under_1": 50, "1_4": 40.5}},
              "timeline": [{"kind": "retention", "at_month": 12, "factor": 0.5}, "é", null, true, -1e-3]
            }
            """
        let damage = ["[", "]", "{", "}", "\"", ",", ":", "\\", "\n", "1e400", "-", "0", "é", "\u{0}", "tru", "nul"]
        var rng = Xoshiro256StarStar(seed: 3)
        var failed = 0
        var passed = 0
        let cases = 20_000
        for _ in 0..<cases {
            var bytes = Array(seedText.utf8)
            for _ in 0..<Draw.integer(in: 1...3, using: &rng) {
                let at = Draw.integer(in: 0...bytes.count - 1, using: &rng)
                let piece = Array(damage[Draw.integer(in: 0...damage.count - 1, using: &rng)].utf8)
                if Draw.integer(in: 0...1, using: &rng) == 0 { bytes.insert(contentsOf: piece, at: at) } else { bytes.remove(at: at) }
            }
            let lines = 1 + bytes.filter { $0 == 10 }.count
            do {
                _ = try LocatedJSON.parse(bytes, file: "f")
                passed += 1
            } catch {
                failed += 1
                #expect((1...lines).contains(error.location.line))
                #expect(error.location.column >= 1)
            }
        }
        #expect(passed + failed == cases && failed > cases / 2)
    }
}
