import Foundation
import Interchange

extension SSDA903Reader {
    /// Checks one file as an SSDA903 table when it is one (by its columns, or the XML return):
    /// a summary such as `SSDA903 Episodes table, 213 rows`; nil when the file is not an
    /// SSDA903 table (so the caller checks it as another kind of file).
    /// - Throws: `InvalidInput` with every malformation, grouped as `read` groups them.
    public static func validate(path: String) throws(InvalidInput) -> String? {
        let name = (path as NSString).lastPathComponent
        let isXML = name.lowercased().hasSuffix(".xml")
        let table: SSDA903Table?
        if isXML {
            table = nil
        } else {
            guard let columns = SSDA903Table.headerColumns(path: path) else { return nil }
            if let recognised = SSDA903Table.recognise(columns: columns) {
                table = recognised
            } else if columns.contains("child") && (columns.contains("decom") || columns.contains("dob")) {
                // CHILD with DECOM or DOB but not a whole table: a 903 table with columns missing.
                table = columns.contains("decom") ? .episodes : .header
            } else {
                return nil
            }
        }
        let bytes = try InputFile.bytes(at: path)
        var data = SSDA903Return()
        let result: (rows: Int, problems: [InputProblem])
        switch table {
        case nil: result = SSDA903XMLReader.parse(bytes, file: path, into: &data)
        case .header?: result = parseHeader(bytes, file: path, into: &data)
        case .episodes?: result = parseEpisodes(bytes, file: path, into: &data)
        case .uasc?: result = parseUASC(bytes, file: path, into: &data)
        case let other?:
            return "SSDA903 \(other.rawValue) table: Hearth does not use it (hearth calibrate reads the Header, Episodes and UASC tables, or the XML return)"
        }
        if !result.problems.isEmpty { throw InvalidInput(grouped(result.problems)) }
        let what = table.map { "SSDA903 \($0.rawValue) table, \(result.rows) rows" }
            ?? "SSDA903 XML return, \(result.rows) children, \(data.episodes.count) episodes"
        let notes = data.readIssues.count
        return what + (notes > 0 ? ", \(notes) rows cleaning would drop or note" : "") + "; calibrate the return's directory with hearth calibrate DIR"
    }
}
