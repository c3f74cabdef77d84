import Foundation
import HearthCLI
import Testing

/// A match larger than a meeting page lists (`MeetingPage.largestMeeting`, 1,000 children and
/// sibling groups): all three files are written, the page shows the plan only and says why,
/// and every child's shortlist is in the CSV and JSON.
@Test func aMatchTooLargeForTheMeetingPageWritesThePlanOnlyPage() throws {
    let count = 1_001
    var children = MatchFixture.childrenHeader
    for k in 1...count {
        // Spread around Gloucester, ages 0-17, every fifth an emergency.
        let lat = 51.80 + Double(k % 13) * 0.01, lon = -2.30 + Double(k % 17) * 0.01
        children += "K\(k),,\(k % 18),U,\(String(format: "%.2f", lat)),\(String(format: "%.2f", lon)),,,Gloucester,"
            + (k % 5 == 0 ? "emergency" : "short_term") + ",,,,\(k % 90),\n"
    }
    let households = MatchFixture.householdsHeader + """
        H1,in_house,51.87,-2.23,Gloucester,1,0,0,17,short_term;emergency,,available,,,,
        H2,ifa,51.85,-2.20,Gloucester,1,0,0,17,short_term;emergency,,available,,,,900
        H3,in_house,51.90,-2.10,Cheltenham,1,0,0,17,short_term,,available,,,,
        H4,in_house,51.88,-2.25,Gloucester,2,1,0,17,short_term,,available,9,,,
        H5,ifa,51.82,-2.28,Stroud,1,0,0,17,emergency,,available,,,,950
        H6,in_house,51.91,-2.15,Cheltenham,1,0,5,17,short_term;emergency,,available,,,,

        """
    let f = try MatchFixture(children: children, households: households)
    defer { try? FileManager.default.removeItem(atPath: f.directory) }
    let out = f.directory + "/meeting"
    let (console, output) = Console.capturing()
    #expect(Hearth.run(["match", f.childrenPath, f.householdsPath, "--out", out, "--format", "csv"], console: console) == 0, "\(output.stderr)")
    #expect(output.stderr.contains("match.html shows the plan only: 1001 children and sibling groups"), "\(output.stderr)")

    let page = try String(contentsOfFile: out + "/match.html", encoding: .utf8)
    #expect(page.contains("shows the plan only"))
    #expect(page.contains("The plan as a whole"))
    #expect(page.utf8.count < 100_000, "the plan-only page stays small: \(page.utf8.count) bytes")
    // Every placement of the plan is on the page: 6 homes with one free place, so 6 children placed.
    let csv = try String(contentsOfFile: out + "/match.csv", encoding: .utf8)
    let placements = csv.split(separator: "\n").filter { $0.hasPrefix("placement,") }
    #expect(placements.count == 6)
    for row in placements {
        let fields = row.split(separator: ",", omittingEmptySubsequences: false)
        #expect(page.contains(">\(fields[1]) ("), "placed child \(fields[1]) is on the page")
    }
    // The CSV on stdout is the file's bytes; every child has a shortlist (candidates or near misses).
    #expect(output.stdout == csv)
    let listed = Set(csv.split(separator: "\n").filter { $0.hasPrefix("candidate,") || $0.hasPrefix("near_miss,") }
        .map { $0.split(separator: ",")[1] })
    #expect(listed.count == count)
    let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/match.json"))) as? [String: Any]
    #expect((json?["shortlists"] as? [Any])?.count == count)
    #expect(Set(try FileManager.default.contentsOfDirectory(atPath: out)) == ["match.html", "match.json", "match.csv"])
}
