import CareModel
import Foundation
import HearthCLI
import Testing

/// Command lines built to lose data, trap or run for ever: every one ends with exit code 0, 1
/// or 2, a message, and its input files unchanged.
@Suite struct HostileCommandTests {
    func directory(_ name: String) -> String {
        let path = NSTemporaryDirectory() + "hearth-hostile-\(name)-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// The bytes of every file under `path` (a checksum stand-in that is exact).
    func snapshot(_ path: String) -> [String: Data] {
        var out: [String: Data] = [:]
        for name in (FileManager.default.enumerator(atPath: path)?.allObjects as? [String]) ?? [] {
            if let data = FileManager.default.contents(atPath: path + "/" + name) { out[name] = data }
        }
        return out
    }

    func syntheticReturn() -> String {
        let dir = directory("return")
        let (console, _) = Console.capturing()
        _ = Hearth.run(["calibrate", "--make-synthetic", dir, "--from", "2021-04-01", "--to", "2024-03-31"], console: console)
        return dir
    }

    /// `calibrate DIR -o DIR/episodes.csv` replaced the council's own episodes (exit 0); two
    /// outputs with one name replaced each other; --make-synthetic replaced a real return.
    @Test func inputsAreNeverOverwritten() throws {
        let dir = syntheticReturn()
        let before = snapshot(dir)
        #expect(before.count == 4)
        let (console, output) = Console.capturing()
        #expect(Hearth.run(["calibrate", dir, "-o", dir + "/episodes.csv"], console: console) == 2)
        #expect(output.stderr.contains("-o \(dir)/episodes.csv is an input of this command"))
        #expect(Hearth.run(["calibrate", dir, "-o", dir + "/sub/../header.csv"], console: console) == 2)
        #expect(Hearth.run(["calibrate", dir, "-o", dir + "/x.json", "--cleaning-report", dir + "/x.json"], console: console) == 2)
        #expect(Hearth.run(["calibrate", dir, "-o", dir + "/x.json", "--postcodes", dir + "/postcode_districts.csv", "--calibration", dir + "/postcode_districts.csv"], console: console) == 2)
        #expect(Hearth.run(["calibrate", "--make-synthetic", dir, "--seed", "9"], console: console) == 2)
        #expect(output.stderr.contains("already holds SSDA903 tables"))
        #expect(snapshot(dir) == before)
        #expect(Hearth.run(["calibrate", "--make-synthetic", dir, "--seed", "9", "--force"], console: console) == 0)
        #expect(snapshot(dir) != before)
        let scenario = dir + "/s.json"
        try "{\"name\": \"mine\"}".write(toFile: scenario, atomically: true, encoding: .utf8)
        let kept = snapshot(dir)
        #expect(Hearth.run(["simulate", scenario, "--runs", "1", "--years", "1", "--out", dir, "--max-work", "1e9"], console: console) == 0)
        try "{\"name\": \"mine\"}".write(toFile: dir + "/summary.json", atomically: true, encoding: .utf8)
        #expect(Hearth.run(["simulate", dir + "/summary.json", "--runs", "1", "--years", "1", "--out", dir], console: console) == 2)
        #expect(snapshot(dir)["s.json"] == kept["s.json"])
    }

    /// `simulate > /dev/full` trapped on a failed write; now it is exit code 1 with a message.
    @Test func aFailedWriteToStandardOutputIsExitCodeOne() throws {
        let full = open("/dev/full", O_WRONLY)
        let errPath = directory("err") + "/err.txt"
        let err = open(errPath, O_WRONLY | O_CREAT, 0o644)
        defer { close(full); close(err) }
        let console = Console.descriptors(out: full, err: err)
        #expect(Hearth.run(["simulate", "--print-scenario"], console: console) == 1)
        let message = String(decoding: FileManager.default.contents(atPath: errPath) ?? Data(), as: UTF8.self)
        #expect(message.contains("hearth simulate: cannot write to standard output: No space left on device"))
    }

    /// Relative paths are printed as typed, not made absolute.
    @Test func messagesShowPathsAsTyped() throws {
        let relative = "hearth-hostile-relative-\(getpid())"
        try FileManager.default.createDirectory(atPath: relative, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: relative) }
        try "CHILD,SEX,DOB\nA,1,01/01/2010\n".write(toFile: relative + "/header.csv", atomically: true, encoding: .utf8)
        try "CHILD,DECOM,RNE,LS,PLACE,DEC,REC\nA,31/02/2020,S,C2,U4,,\n".write(toFile: relative + "/episodes.csv", atomically: true, encoding: .utf8)
        let (console, output) = Console.capturing()
        #expect(Hearth.run(["calibrate", relative, "-o", relative + "/out.json"], console: console) == 2)
        #expect(output.stderr.contains("\n\(relative)/episodes.csv:2: DECOM") || output.stderr.hasPrefix("\(relative)/episodes.csv:2: DECOM"))
        #expect(!output.stderr.contains(FileManager.default.currentDirectoryPath))
    }

    @Test func workBeyondTheLimitIsRefusedWithTheEstimate() {
        let (console, output) = Console.capturing()
        #expect(Hearth.run(["simulate", "--runs", "1000000", "--years", "100"], console: console) == 2)
        #expect(output.stderr.contains("would simulate about 1,789,836,000,000 population-years, more than the limit of 1,000,000,000"))
        #expect(Hearth.run(["simulate", "--runs", "1", "--years", "1", "--max-work", "10"], console: console) == 2)
        #expect(Hearth.run(["compare", "county-baseline", "england-size", "--runs", "20", "--max-work", "1e6"], console: console) == 2)
        #expect(Hearth.run(["simulate", "--max-work", "0"], console: console) == 2)
        #expect(Hearth.run(["simulate", "--max-work", "nan"], console: console) == 2)
    }

    /// A scenario's name goes into comparison.csv and onto the terminal: `calibrate --name`
    /// refuses one a spreadsheet would run as a formula or holding a control character (a
    /// scenario file holding it would be refused when read).
    @Test func scenarioNamesThatAreFormulasAreRefused() throws {
        let dir = syntheticReturn()
        let out = directory("formula-name") + "/s.json"
        let (console, output) = Console.capturing()
        #expect(Hearth.run(["calibrate", dir, "-o", out, "--name", "=HYPERLINK(\"x\")"], console: console) == 2)
        #expect(output.stderr.contains("--name \"=HYPERLINK(\"x\")\": expected text not beginning with =, +, - or @"), "\(output.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out))
        #expect(Hearth.run(["calibrate", dir, "-o", out, "--name", "Glos\u{1B}[2J"], console: console) == 2)
        #expect(output.stderr.contains("--name \"Glos\\u{1B}[2J\": expected text without control characters"), "\(output.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out))
        #expect(Hearth.run(["calibrate", dir, "-o", out, "--name", "Gloucestershire 2024"], console: console) == 0)
        #expect(Hearth.run(["simulate", out, "--runs", "2", "--years", "1", "--out", directory("formula-run")], console: console) == 0, "\(output.stderr)")
        // The default name comes from the return's folder: a folder named with a terminal
        // escape still gives a scenario that reads back.
        let odd = directory("odd\u{1B}[2J\u{202E}name")
        try FileManager.default.removeItem(atPath: odd)
        try FileManager.default.copyItem(atPath: dir, toPath: odd)
        #expect(Hearth.run(["calibrate", odd, "-o", out], console: console) == 0, "\(output.stderr)")
        #expect(Hearth.run(["simulate", out, "--runs", "2", "--years", "1", "--out", directory("odd-run")], console: console) == 0, "\(output.stderr)")
    }

    /// A centroid table with its lat and lon headers the wrong way round reads every district
    /// in the Horn of Africa, and every distance from home wrongly: `calibrate` warns, naming the
    /// first five districts and counting the rest, and a correct table draws no warning.
    @Test func swappedCentroidColumnsAreWarnedOf() throws {
        let dir = syntheticReturn()
        let (console, output) = Console.capturing()
        #expect(Hearth.run(["calibrate", dir, "-o", directory("centroids") + "/right.json"], console: console) == 0, "\(output.stderr)")
        let path = dir + "/postcode_districts.csv"
        #expect(!output.stderr.contains("warning: \(path)"), "\(output.stderr)")
        let table = try String(contentsOfFile: path, encoding: .utf8)
        let rows = table.split(separator: "\n").count - 1
        try table.replacingOccurrences(of: "postcode_district,lat,lon", with: "postcode_district,lon,lat").write(toFile: path, atomically: true, encoding: .utf8)
        let (swappedConsole, swapped) = Console.capturing()
        #expect(Hearth.run(["calibrate", dir, "-o", directory("centroids") + "/swapped.json"], console: swappedConsole) == 0, "\(swapped.stderr)")
        let warnings = swapped.stderr.split(separator: "\n").filter { $0.hasPrefix("warning: \(path): ") }
        #expect(warnings.count == 6, "\(swapped.stderr)")
        #expect(warnings.first?.contains(": postcode district ") == true && warnings.first?.hasSuffix("are the latitude and longitude columns swapped?") == true)
        #expect(warnings.last == "warning: \(path): and \(rows - 5) more postcode districts outside Great Britain and Ireland")
    }

    @Test func emptyOptionValuesAreUsageErrors() {
        let (console, output) = Console.capturing()
        #expect(Hearth.run(["generate", "--out", ""], console: console) == 2)
        #expect(output.stderr.contains("--out \"\": expected a value, not empty text"))
        #expect(Hearth.run(["simulate", "--out="], console: console) == 2)
    }

    /// Hostile values for every option of every command: exit codes 0, 1 or 2 only, and the
    /// input files unchanged. Each case is stopped before any long run (a work limit of 1, or
    /// an input that does not exist), so the whole set takes seconds.
    @Test func fuzzedOptionValuesNeverTrap() throws {
        let dir = syntheticReturn()
        let before = snapshot(dir)
        let values = ["", "-1", "0", "1", "1e300", "9223372036854775808", "18446744073709551616", "99999999999999999999-01-01",
                      "1234567890123456789012/01/2020", "2024-02-30", "31/02/2024", "nan", "x", "--", "-", "/dev/null", dir, dir + "/episodes.csv"]
        let commands: [(prefix: [String], options: [String])] = [
            (["simulate", "--max-work", "1"], ["--runs", "--years", "--seed", "--threads", "--out"]),
            (["compare", "county-baseline", "stress-case", "--max-work", "1"], ["--runs", "--years", "--seed", "--threads"]),
            (["backtest", dir + "/missing"], ["--as-of", "--years", "--from", "--runs", "--seed", "--engine", "--threads", "--csv"]),
            (["calibrate", dir + "/missing"], ["--from", "--to", "--name", "-o", "--postcodes", "--cleaning-report", "--calibration"]),
            (["generate", "/nonexistent.json"], ["--out", "--seed", "--profile"]),
            (["match", dir + "/missing.csv", dir + "/missing2.csv"], ["--format", "--policy"]),
            (["validate"], ["--nothing"]),
        ]
        var rng = Xoshiro256StarStar(seed: 31)
        var codes: [Int32: Int] = [:]
        let cases = 600
        for _ in 0..<cases {
            let command = commands[Draw.integer(in: 0...commands.count - 1, using: &rng)]
            var arguments = command.prefix
            for _ in 0..<Draw.integer(in: 1...3, using: &rng) {
                let option = command.options[Draw.integer(in: 0...command.options.count - 1, using: &rng)]
                let value = values[Draw.integer(in: 0...values.count - 1, using: &rng)]
                arguments += Draw.integer(in: 0...1, using: &rng) == 0 ? [option, value] : ["\(option)=\(value)"]
            }
            let (console, _) = Console.capturing()
            let code = Hearth.run(arguments, console: console)
            codes[code, default: 0] += 1
            #expect([0, 1, 2].contains(code), "\(arguments)")
        }
        #expect(codes.values.reduce(0, +) == cases)
        #expect(snapshot(dir) == before)
    }
}
