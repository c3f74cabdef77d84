import Foundation
import HearthCLI
import Simulation
import Testing

/// `hearth compare --out`: the contents of every file, checked against separate simulate runs
/// of each scenario with the same seed (run k of every scenario uses the same streams).
@Test func compareOutputsHoldEachScenarioAndThePairedDifferences() throws {
    let out = temporaryDirectory("compare-contents"), a = temporaryDirectory("compare-a"), b = temporaryDirectory("compare-b")
    let common = ["--runs", "4", "--years", "2", "--seed", "5", "--threads", "2"]
    let (console, output) = Console.capturing()
    #expect(Hearth.run(["compare", "county-baseline", "recruit-40-a-year"] + common + ["--out", out], console: console) == 0, "\(output.stderr)")
    #expect(Hearth.run(["simulate", "county-baseline"] + common + ["--out", a], console: console) == 0)
    #expect(Hearth.run(["simulate", "recruit-40-a-year"] + common + ["--out", b], console: console) == 0)
    // Each scenario's folder holds what simulate writes for it alone.
    for (folder, alone) in [("county-baseline", a), ("recruit-40-a-year", b)] {
        for file in ["summary.json", "monthly.csv"] {
            #expect(contents(out + "/\(folder)/" + file) == contents(alone + "/" + file), "\(folder)/\(file)")
        }
    }
    // comparison.csv: every scenario, year and KPI; values as in each monthly.csv (stocks at the year end).
    let csv = String(decoding: try #require(contents(out + "/comparison.csv")), as: UTF8.self).split(separator: "\n").map {
        $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    }
    #expect(csv.first == ["scenario", "year", "kpi", "p10", "p50", "p90", "diff_p10", "diff_p50", "diff_p90"])
    let kpiCount = KPI.allCases.count
    #expect(csv.count == 1 + 2 * 2 * kpiCount)
    func monthly(_ folder: String, month: Int, kpi: String) throws -> [String] {
        let lines = String(decoding: try #require(contents(folder + "/monthly.csv")), as: UTF8.self).split(separator: "\n")
        let row = try #require(lines.first { $0.hasPrefix("\(month),") && $0.split(separator: ",")[2] == kpi })
        return Array(row.split(separator: ",").map(String.init)[3...5])
    }
    for row in csv.dropFirst() {
        let first = row[0] == "county-baseline"
        #expect(first || row[0] == "recruit-40-a-year")
        #expect(first ? row[6...8].allSatisfy(\.isEmpty) : row[6...8].allSatisfy { Double($0) != nil }, "\(row)")
        if let p10 = Double(row[3]), let p50 = Double(row[4]), let p90 = Double(row[5]) { #expect(p10 <= p50 && p50 <= p90, "\(row)") }
        if ["children_in_care", "households", "in_house_foster"].contains(row[2]) {
            let written = try monthly(first ? a : b, month: 12 * Int(row[1])!, kpi: row[2])
            #expect(Array(row[3...5]) == written, "\(row)")
        }
        // Entries and exits do not depend on recruitment: the paired difference is exactly 0.
        if !first, row[2] == "entries" { #expect(Array(row[6...8]) == ["0", "0", "0"], "\(row)") }
        if !first, row[2] == "households", row[1] == "2" { #expect(Double(row[7])! > 0, "recruiting adds households: \(row)") }
    }
    // comparison.json: the same numbers.
    let jsonData = try #require(contents(out + "/comparison.json"))
    let json = try #require(try JSONSerialization.jsonObject(with: jsonData) as? [String: Any])
    #expect(json["runs"] as? Int == 4 && json["years"] as? Int == 2 && json["seed"] as? Int == 5)
    #expect(json["scenarios"] as? [String] == ["county-baseline", "recruit-40-a-year"])
    let kpis = try #require(json["kpis"] as? [String: [[String: Any]]])
    #expect(kpis.count == kpiCount)
    for row in csv.dropFirst() {
        let entry = try #require(kpis[row[2]]?.first { $0["scenario"] as? String == row[0] && $0["year"] as? Int == Int(row[1]) }, "\(row)")
        func text(_ x: Any?) -> String { (x as? NSNumber).map { SimulationNumber.text($0.doubleValue) } ?? "?" }
        #expect([text(entry["p10"]), text(entry["p50"]), text(entry["p90"])] == Array(row[3...5]), "\(row)")
        let difference = entry["difference"] as? [String: Any]
        #expect((difference == nil) == (row[0] == "county-baseline"))
        if let difference { #expect([text(difference["p10"]), text(difference["p50"]), text(difference["p90"])] == Array(row[6...8]), "\(row)") }
    }
    let report = try #require(contents(out + "/report.html"))
    #expect(String(decoding: report, as: UTF8.self).contains("recruit-40-a-year"))
}

/// Numbers as the result files write them: at most two decimals, no trailing zeros.
enum SimulationNumber {
    static func text(_ x: Double) -> String {
        let rounded = (x * 100).rounded() / 100
        if rounded == rounded.rounded() { return String(Int(rounded)) }
        var s = String(format: "%.2f", rounded)
        while s.hasSuffix("0") { s.removeLast() }
        return s
    }
}
