import Foundation
import HearthCLI
import Testing

@Suite struct CalibrateCommandTests {
    func temporaryDirectory() -> String {
        let path = NSTemporaryDirectory() + "hearth-calibrate-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test func malformedReturnExitsTwoNamingFileLineAndFieldAndWritesNothing() throws {
        let dir = temporaryDirectory()
        try "CHILD,SEX,DOB\nA,1,01/01/2010\n".write(toFile: dir + "/header.csv", atomically: true, encoding: .utf8)
        try "CHILD,DECOM,RNE,LS,PLACE,DEC,REC\nA,01/01/2020,S,C2,U6,,\nA,31/02/2020,P,C2,U4,,\n"
            .write(toFile: dir + "/episodes.csv", atomically: true, encoding: .utf8)
        let (console, output) = Console.capturing()
        let out = dir + "/out.json"
        #expect(Hearth.run(["calibrate", dir, "-o", out, "--cleaning-report", dir + "/report.csv"], console: console) == 2)
        #expect(output.stderr.contains("\(dir)/episodes.csv:3: DECOM \"31/02/2020\": expected a date"))
        #expect(!FileManager.default.fileExists(atPath: out))
        #expect(!FileManager.default.fileExists(atPath: dir + "/report.csv"))
        #expect(Hearth.run(["calibrate", dir + "/nope", "-o", out], console: console) == 2)
        #expect(Hearth.run(["calibrate", dir], console: console) == 2)  // no -o
    }

    @Test func syntheticReturnCalibratesToJSONWithSources() throws {
        let dir = temporaryDirectory()
        let (console, output) = Console.capturing()
        #expect(Hearth.run(["calibrate", "--make-synthetic", dir, "--seed", "4", "--from", "2019-04-01", "--to", "2024-03-31"], console: console) == 0)
        for name in ["header.csv", "episodes.csv", "uasc.csv", "postcode_districts.csv"] {
            #expect(FileManager.default.fileExists(atPath: dir + "/" + name))
        }
        let out = dir + "/calibration.json"
        let scenarioPath = dir + "/scenario.json"
        #expect(Hearth.run(["calibrate", dir, "-o", scenarioPath, "--calibration", out, "--cleaning-report", dir + "/cleaning.csv"], console: console) == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out))) as? [String: Any])
        #expect(json["from"] as? String == "2019-04-01" && json["to"] as? String == "2024-03-31")
        let entries = try #require(json["entries"] as? [String: Any])
        let perYear = try #require(entries["per_year"] as? [String: Any])
        #expect((perYear["source"] as? String)?.contains("entries in 5 years") == true)
        #expect(output.stdout.contains("mean years in care, entered 5-9"))
        #expect(output.stdout.contains("placed over 20 miles"))
        let report = try String(contentsOfFile: dir + "/cleaning.csv", encoding: .utf8)
        #expect(report.hasPrefix("file,line,column,action,reason\n"))
        #expect(report.contains(",LS,dropped,short break"))
        // Deterministic: the same input gives byte-identical JSON.
        let again = dir + "/again.json"
        #expect(Hearth.run(["calibrate", dir, "-o", dir + "/scenario2.json", "--calibration", again], console: console) == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: out)) == Data(contentsOf: URL(fileURLWithPath: again)))
        #expect(try Data(contentsOf: URL(fileURLWithPath: scenarioPath)) == Data(contentsOf: URL(fileURLWithPath: dir + "/scenario2.json")))
        // The scenario runs in hearth simulate as is, and says where its numbers came from.
        let scenario = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: scenarioPath))) as? [String: Any])
        #expect(scenario["start_date"] as? String == "2024-04-01")
        #expect(((scenario["exits"] as? [String: Any])?["comment"] as? String)?.contains("censored") == true)
        let (simConsole, simOutput) = Console.capturing()
        #expect(Hearth.run(["simulate", scenarioPath, "--runs", "2", "--years", "1", "--out", dir + "/sim"], console: simConsole) == 0, "\(simOutput.stderr)")
        #expect(FileManager.default.fileExists(atPath: dir + "/sim/summary.json"))
    }
}

@Suite struct CalibrateWindowAndLayoutCommandTests {
    func temporaryDirectory() -> String {
        let path = NSTemporaryDirectory() + "hearth-calibrate-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test func theWindowIsTheWholeObservedYearsAndReachingOutsideThemIsRefused() throws {
        let dir = temporaryDirectory()
        let (console, output) = Console.capturing()
        #expect(Hearth.run(["calibrate", "--make-synthetic", dir, "--seed", "2", "--from", "2020-04-01", "--to", "2023-03-31"], console: console) == 0)
        let out = dir + "/scenario.json"
        #expect(Hearth.run(["calibrate", dir, "-o", out], console: console) == 0)
        #expect(output.stderr.contains("window: 2020-04-01 to 2023-03-31, the collection years 2020/21 to 2022/23 (2020-04-01 to 2023-03-31) the return observes in full"))
        let scenario = try String(contentsOfFile: out, encoding: .utf8)
        #expect(scenario.contains("Calibration window: 2020-04-01 to 2023-03-31"))
        #expect(scenario.contains("An entry is the first day of a new period of care"))
        for bad in [["--from", "2019-04-01"], ["--to", "2023-09-30"]] {
            let (c2, o2) = Console.capturing()
            #expect(Hearth.run(["calibrate", dir, "-o", dir + "/x.json"] + bad, console: c2) == 2)
            #expect(o2.stderr.contains("reaches a year the return only partly observes: it observes the collection years 2020/21 to 2022/23"))
            #expect(!FileManager.default.fileExists(atPath: dir + "/x.json"))
        }
        // A window inside the observed years is fine.
        #expect(Hearth.run(["calibrate", dir, "-o", dir + "/y.json", "--from", "2021-04-01"], console: console) == 0)
    }

    @Test func aRegionalExtractNeedsACouncilOrTheRegion() throws {
        let dir = temporaryDirectory()
        var header = "CHILD,SEX,DOB,LA,YEAR\n"
        var episodes = "CHILD,DECOM,RNE,LS,PLACE,PLACE_PROVIDER,DEC,REC,LA,YEAR\n"
        for la in ["Bedford", "Luton"] {
            for i in 0..<6 {
                header += "\(i),1,01/01/2010,\(la),2024\n"
                episodes += "\(i),0\(i + 1)/05/2023,S,C2,U4,PR1,,,\(la),2024\n"
            }
        }
        try header.write(toFile: dir + "/SSDA903_Header_merged.csv", atomically: true, encoding: .utf8)
        try episodes.write(toFile: dir + "/SSDA903_Episodes_merged.csv", atomically: true, encoding: .utf8)
        let (console, output) = Console.capturing()
        #expect(Hearth.run(["calibrate", dir, "-o", dir + "/s.json"], console: console) == 2)
        #expect(output.stderr.contains("an extract of 2 councils (LA column): Bedford (6 children), Luton (6 children)"))
        #expect(Hearth.run(["calibrate", dir, "-o", dir + "/s.json", "--la", "luton"], console: console) == 0)
        #expect(output.stdout.contains("6 children in care on 2024-03-31"))
        #expect(Hearth.run(["calibrate", dir, "-o", dir + "/s.json", "--region"], console: console) == 0)
        #expect(output.stdout.contains("12 children in care on 2024-03-31"))
        #expect(Hearth.run(["calibrate", dir, "-o", dir + "/s.json", "--la", "Leeds"], console: console) == 2)
    }

    @Test func validateChecksSSDA903TablesAsSuch() throws {
        let dir = temporaryDirectory()
        try "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC\n1,01/05/2017,S,C2,N1,U4,PR1,24/04/18,E8\n"
            .write(toFile: dir + "/episodes.csv", atomically: true, encoding: .utf8)
        try "CHILD,DOB,SW_ID,SW_DECOM,SW_DEC,SW_REASON\n1,05/12/2010,SW9,01/01/2020,,MANAGE\n".write(toFile: dir + "/SWEpisodes.csv", atomically: true, encoding: .utf8)
        try "CHILD,SEX,DOB\n1,X,01/01/2010\n".write(toFile: dir + "/header.csv", atomically: true, encoding: .utf8)
        let (console, output) = Console.capturing()
        #expect(Hearth.run(["validate", dir + "/episodes.csv", dir + "/SWEpisodes.csv"], console: console) == 0)
        #expect(output.stderr.contains("episodes.csv: ok (SSDA903 Episodes table, 1 rows"))
        #expect(output.stderr.contains("SWEpisodes.csv: ok (SSDA903 Social worker episodes table: Hearth does not use it"))
        #expect(!output.stderr.contains("child_id"))
        #expect(Hearth.run(["validate", dir + "/header.csv"], console: console) == 2)
        #expect(output.stderr.contains("header.csv:2: SEX \"X\": expected 1 or 2"))
    }
}
