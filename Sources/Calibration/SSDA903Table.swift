import Foundation
import Interchange

/// The tables of the DfE SSDA903 return, told apart by their columns.
///
/// Councils, validators and pipelines name the files differently (`header.csv`,
/// `SSDA903_2024_Header.csv`, `SWEpisodes.csv`, `placed_for_adoption.csv`, a pipeline's
/// `SSDA903_episodes_merged.csv`), so a table is recognised by the columns its header row holds,
/// which the DfE fixes; the file name is only a tie-breaker (a prior-year copy) or a fallback
/// for a file whose header row is broken. Hearth models with Header, Episodes and UASC; the
/// other tables are read, listed as "read, not used" and otherwise left alone.
enum SSDA903Table: String, CaseIterable, Sendable {
    case header = "Header"
    case episodes = "Episodes"
    case uasc = "UASC"
    case reviews = "Reviews"
    case missing = "Missing"
    case oc2 = "OC2"
    case oc3 = "OC3"
    case ad1 = "AD1"
    case placedForAdoption = "Placed for adoption"
    case previousPermanence = "Previous permanence"
    case socialWorkerEpisodes = "Social worker episodes"
    case deprivationOfLiberty = "DoLO"
    /// A postcode-district centroid table (`postcode_district,lat,lon`): Hearth's own, for distances.
    case postcodeCentroids = "postcode centroids"

    /// Whether Hearth models with this table.
    var isUsed: Bool { self == .header || self == .episodes || self == .uasc || self == .postcodeCentroids }

    /// The table a header row's column names (normalised as `Table.columnName` does) belong to.
    ///
    /// Rules, first match wins: SW_ID or SW_DECOM: social worker episodes; DECOM with RNE or
    /// PLACE (or PL): Episodes; DOLO_START: DoLO; REVIEW: Reviews; MIS_START or MISSING:
    /// Missing; SDQ_SCORE, CONVICTED or HEALTH_CHECK: OC2; IN_TOUCH, ACTIV or ACCOM: OC3;
    /// DATE_INT, DATE_MATCH or NB_ADOPTR: AD1; DATE_PLACED: placed for adoption; PREV_PERM:
    /// previous permanence; postcode_district with lat: centroids; CHILD with DUC: UASC;
    /// CHILD with SEX and DOB: Header. Nil when nothing matches.
    static func recognise(columns: Set<String>) -> SSDA903Table? {
        func any(_ names: String...) -> Bool { names.contains { columns.contains($0) } }
        if any("sw_id", "sw_decom", "sw_reason") { return .socialWorkerEpisodes }
        if columns.contains("decom") && any("rne", "place", "pl") { return .episodes }
        if any("dolo_start", "dolo_end") { return .deprivationOfLiberty }
        if any("review", "review_code") { return .reviews }
        if any("mis_start", "mis_end", "missing") { return .missing }
        if any("sdq_score", "sdq_reason", "convicted", "health_check", "immunisations", "teeth_check") { return .oc2 }
        if any("in_touch", "activ", "accom") { return .oc3 }
        if any("date_int", "date_match", "nb_adoptr", "sex_adoptr", "ls_adoptr") { return .ad1 }
        if any("date_placed", "date_placed_ceased", "reason_placed_ceased") { return .placedForAdoption }
        if any("prev_perm", "la_perm", "date_perm") { return .previousPermanence }
        if columns.contains("postcode_district") && columns.contains("lat") { return .postcodeCentroids }
        if columns.contains("child") && columns.contains("duc") { return .uasc }
        if columns.contains("child") && columns.contains("sex") && columns.contains("dob") { return .header }
        return nil
    }

    /// The table a file name suggests, for a file whose header row matches no table (so that
    /// `episodes.csv` with a column missing is reported as a broken Episodes table).
    static func suggested(byName name: String) -> SSDA903Table? {
        let lower = name.lowercased()
        if lower.contains("postcode") { return .postcodeCentroids }
        if lower.contains("sw") && lower.contains("episode") { return .socialWorkerEpisodes }
        if lower.contains("episode") { return .episodes }
        if lower.contains("header") { return .header }
        if lower.contains("uasc") { return .uasc }
        return nil
    }

    /// Whether a file name marks the previous year's copy of a table, as validators load it
    /// for cross-year checks (`header_last.csv`, `Episodes_last.csv`, `prior_header.csv`).
    static func isPriorYearCopy(name: String) -> Bool {
        let stem = ((name as NSString).deletingPathExtension).lowercased()
        return stem.hasSuffix("_last") || stem.hasSuffix("-last") || stem.hasSuffix(" last") || stem.hasPrefix("prior")
            || stem.contains("prior_year") || stem.contains("last_year") || stem.contains("previous_year")
    }

    /// The normalised column names of a CSV file's first non-blank line (the first 64 KiB are
    /// read); nil when the file cannot be read.
    static func headerColumns(path: String) -> Set<String>? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        guard let data = try? handle.read(upToCount: 65_536) else { return nil }
        var bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        var lineStart = 0
        while lineStart < bytes.count {
            var end = lineStart
            while end < bytes.count && bytes[end] != 0x0A && bytes[end] != 0x0D { end += 1 }
            let line = String(decoding: bytes[lineStart..<end], as: UTF8.self)
            if !line.trimmingCharacters(in: .whitespaces).isEmpty {
                let cells = line.split(separator: ",", omittingEmptySubsequences: false).map {
                    Table.columnName(String($0).trimmingCharacters(in: CharacterSet(charactersIn: "\" ")))
                }
                return Set(cells.filter { !$0.isEmpty })
            }
            lineStart = end + 1
        }
        return []
    }
}
