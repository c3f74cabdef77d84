import CareModel
import Foundation
import Interchange
import Testing

/// Inputs built to exhaust memory or trip a reader: wide headers, pipes, settings tables.
@Suite struct HostileInputTests {
    /// A 20,000-column header used to make every later record reserve 20,000 fields (about
    /// 25 GB for a real return); now each record holds only its own fields.
    @Test func aWideHeaderDoesNotWidenEveryRecord() {
        let header = (0..<20_000).map { "c\($0)" }.joined(separator: ",")
        let rows = (0..<2_000).map { "a\($0),b" }.joined(separator: "\n")
        let (records, _) = CSV.parse(Array((header + "\n" + rows + "\n").utf8), file: "wide.csv")
        #expect(records.count == 2_001)
        #expect(records[0].fields.count == 20_000)
        let widest = records.dropFirst().map(\.fields.capacity).max() ?? 0
        #expect(widest < 100, "a two-field record reserves \(widest) fields")
    }

    /// Reading from a pipe (`/dev/stdin`, `<(...)`) gives every byte written to it.
    @Test func inputFilesCanBePipes() throws {
        let pipe = Pipe()
        let text = String(repeating: "child_id,age\nC1,3\n", count: 20_000)
        let writer = Thread { pipe.fileHandleForWriting.write(Data(text.utf8)); try? pipe.fileHandleForWriting.close() }
        writer.start()
        let bytes = try InputFile.bytes(at: "/proc/self/fd/\(pipe.fileHandleForReading.fileDescriptor)")
        #expect(bytes.count == text.utf8.count)
    }

    /// A pipe or device that goes on past the limit is refused once the limit is passed
    /// (`/dev/zero` was read until memory ran out); a pipe of exactly the limit is read whole.
    @Test(arguments: [4_096, 4_097, 100_000])
    func streamsPastTheLimitAreRefused(written: Int) throws {
        let limit = 4_096
        let pipe = Pipe()
        let writer = Thread { pipe.fileHandleForWriting.write(Data(repeating: 0x41, count: written)); try? pipe.fileHandleForWriting.close() }
        writer.start()
        let path = "/proc/self/fd/\(pipe.fileHandleForReading.fileDescriptor)"
        do {
            let bytes = try InputFile.bytes(at: path, limit: limit)
            #expect(written <= limit && bytes.count == written)
        } catch {
            #expect(written > limit)
            #expect(error.problems.map(\.message) == ["is larger than 4 KiB (or never ends): expected an input file of at most 4 KiB; is it the right file?"])
            _ = try? pipe.fileHandleForReading.readToEnd()   // lets the writer finish
        }
    }

    /// A regular file over the limit is refused from its size, before it is read.
    @Test func filesPastTheLimitAreRefusedFromTheirSize() throws {
        let path = NSTemporaryDirectory() + "hostile-large-\(getpid()).csv"
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data(repeating: 0x41, count: 3 << 20).write(to: URL(fileURLWithPath: path))
        #expect(throws: InvalidInput.self) { try InputFile.bytes(at: path, limit: (3 << 20) - 1) }
        #expect(try InputFile.bytes(at: path, limit: 3 << 20).count == 3 << 20)
        do {
            _ = try InputFile.bytes(at: path, limit: 1_572_864)
        } catch {
            #expect(error.problems.first?.message.hasPrefix("is larger than 1.5 MiB (or never ends)") == true)
        }
        #expect(InputFile.largestBytes >= 1 << 31, "a million children's files must stay readable")
    }

    @Test func writingTheSameFileTwiceIsRefused() throws {
        let dir = NSTemporaryDirectory() + "hostile-atomic-\(getpid())"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/x.json"
        try AtomicFile.write("old", to: path)
        #expect(throws: FileWriteError.self) { try AtomicFile.writeAll([(path, Data("a".utf8)), (dir + "/./x.json", Data("b".utf8))]) }
        #expect(String(decoding: FileManager.default.contents(atPath: path) ?? Data(), as: UTF8.self) == "old")
    }

    /// Relative output paths stay relative in messages.
    @Test func writeErrorsShowThePathAsTyped() throws {
        let dir = "hostile-relative-\(getpid())"
        try "x".write(toFile: dir, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        do {
            try AtomicFile.write("y", to: dir + "/inner/file.csv")
            Issue.record("wrote under a file")
        } catch let error as FileWriteError {
            #expect(!error.description.contains(FileManager.default.currentDirectoryPath), "\(error)")
            #expect(error.description.contains(dir))
        }
    }

    static let table = SettingsTable([
        Setting("share", .probability, ""),
        Setting("count", .wholeNumber(0...100), ""),
        Setting("seed", .seed, ""),
        Setting("day", .date, ""),
        Setting("list", .numbers(0...10, count: 2...3), ""),
        Setting("inner", .section(SettingsTable([Setting("x", .number(-1...1), "")])), ""),
    ])

    @Test func settingsTablesNameTheFieldTheValueAndTheRange() throws {
        let doc = try LocatedJSON.parse(Array("""
            {
              "share": 1.5,
              "count": 1e300,
              "seed": 18446744073709551616,
              "day": "2024-02-30",
              "list": [1, 11],
              "inner": {"x": 2, "y": 0},
              "extra": true,
              "comment": "ignored"
            }
            """.utf8), file: "s.json")
        let problems = Self.table.problems(in: doc).map(\.description)
        #expect(problems == [
            "s.json:2: share 1.5: expected a probability 0-1",
            "s.json:3: count 1e300: expected a whole number 0-100",
            "s.json:4: seed 18446744073709551616: expected a whole number 0-18446744073709551615",
            "s.json:5: day \"2024-02-30\": expected a real date YYYY-MM-DD in 1900-2200",
            "s.json:6: list[1] 11: expected a number 0-10",
            "s.json:7: inner.x 2: expected a number -1 to 1",
            "s.json:7: inner.y: unknown field \"y\": expected one of comment, x",
            "s.json:8: extra: unknown field \"extra\": expected one of comment, share, count, seed, day, list, inner",
        ])
        let valid = try LocatedJSON.parse(Array(#"{"share": 0.5, "count": 100, "seed": 18446744073709551615, "day": "2024-02-29", "list": [0, 10], "inner": {"x": -1}}"#.utf8), file: "v")
        #expect(Self.table.problems(in: valid).isEmpty)
    }

    /// Real dates only: every day of 1900-2200 that exists passes, and no other does (checked
    /// against Foundation's Gregorian calendar on a sample).
    @Test func calendarTextAcceptsRealDaysOnly() {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        var rng = Xoshiro256StarStar(seed: 9)
        for _ in 0..<3_000 {
            let y = Draw.integer(in: 1890...2210, using: &rng)
            let m = Draw.integer(in: 0...13, using: &rng)
            let d = Draw.integer(in: 0...32, using: &rng)
            let text = String(format: "%04d-%02d-%02d", y, m, d)
            let components = DateComponents(year: y, month: m, day: d)
            let real = (1...12).contains(m) && d >= 1 && calendar.date(from: components).map {
                calendar.component(.day, from: $0) == d && calendar.component(.month, from: $0) == m
            } == true && (1900...2200).contains(y)
            #expect(CalendarText.isDay(text) == real, "\(text)")
        }
        #expect(!CalendarText.isDay("99999999999999999999-01-01"))
    }
}
