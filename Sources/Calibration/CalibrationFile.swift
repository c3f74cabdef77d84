import Interchange
import Simulation
import Foundation
import CareModel

/// Reading a whole SSDA903 return directory, and writing calibration results as JSON.
public enum SSDA903Import {
    /// Everything `hearth calibrate` needs from a directory: the cleaned histories, the cleaning
    /// report, the postcode centroids (when a table is found or named) and the files read.
    public struct Imported: Sendable {
        public var histories: [CareHistory]
        public var report: CleaningReport
        public var centroids: [String: Location]?
        public var files: SSDA903Reader.Files
        /// The collection years the return observes in full (nil: not one whole year).
        public var observed: ObservedYears?
        /// The councils of a multi-council extract (LA column) and the one(s) calibrated.
        public var councils: [(name: String, children: Int)] = []
        public var selection: CouncilSelection?
    }

    /// Locates, reads and cleans the return in `directory`; `postcodes` overrides the centroid
    /// table; `council` chooses among the councils of a multi-council extract.
    public static func load(directory: String, postcodes: String? = nil, council: CouncilSelection? = nil) throws(InvalidInput) -> Imported {
        var files = try SSDA903Reader.locate(directory: directory)
        if let postcodes { files.postcodes = postcodes }
        let all = try SSDA903Reader.read(files)
        let data = try all.selecting(council, source: directory)
        let centroids = try files.postcodes.map { path throws(InvalidInput) in try SSDA903Reader.readCentroids(path: path) }
        let observed = ObservedYears.of(data)
        let (histories, report) = SSDA903Cleaning.histories(from: data, observedFrom: observed?.window.from)
        var imported = Imported(histories: histories, report: report, centroids: centroids, files: files, observed: observed)
        imported.councils = all.councils
        imported.selection = council
        return imported
    }

    /// The cleaning report as CSV: file, line, column, action, reason.
    public static func renderReport(_ report: CleaningReport) -> String {
        CSV.render(header: ["file", "line", "column", "action", "reason"], rows: report.sortedIssues.map {
            [$0.file, String($0.line), $0.column ?? "", $0.action.rawValue, $0.reason]
        })
    }

    /// A calibration result as pretty, key-sorted JSON (byte-stable for the same input).
    public static func encode(_ result: CalibrationResult) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return try encoder.encode(result)
    }
}

/// Writing a calibrated scenario as a scenario file `hearth simulate` runs as is.
public enum CalibrationScenarioFile {
    /// The scenario JSON with a `comment` in each calibrated section saying where its numbers
    /// came from (the scenario reader accepts and ignores `comment` keys).
    public static func render(_ scenario: Scenario, comments: [String: String]) throws -> Data {
        let encoded = try JSONEncoder().encode(scenario)
        guard var object = try JSONSerialization.jsonObject(with: encoded) as? [String: Any] else { return encoded }
        for (section, comment) in comments {
            guard var inner = object[section] as? [String: Any] else { continue }
            inner["comment"] = comment
            object[section] = inner
        }
        var data = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])
        data.append(0x0A)
        return data
    }
}
