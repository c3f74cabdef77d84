import Foundation
import Interchange

/// Which councils of a multi-council extract to calibrate.
public enum CouncilSelection: Sendable, Equatable {
    /// The one council whose LA column equals this (case and surrounding spaces ignored).
    case only(String)
    /// Every council together, as one region (children kept apart by council).
    case region
}

extension SSDA903Return {
    /// The councils named in the LA column with their number of children in the Header table,
    /// sorted by name; empty for a council's own return (no LA column).
    public var councils: [(name: String, children: Int)] {
        var count: [String: Set<String>] = [:]
        for h in headers { if let la = h.council { count[la, default: []].insert(h.child) } }
        for e in episodes where count[e.council ?? ""] == nil { if let la = e.council { count[la] = [] } }
        return count.map { ($0.key, $0.value.count) }.sorted { $0.name < $1.name }
    }

    /// The return restricted to `selection`, or the whole return when it holds one council.
    ///
    /// Several councils and no selection is refused, listing them: merging them silently would
    /// calibrate a council that does not exist (and mix up two councils' children who share a
    /// CHILD identifier). `.region` keeps every council, each CHILD made unique as `LA/CHILD`.
    /// - Throws: `InvalidInput` (exit code 2) naming the councils found.
    public func selecting(_ selection: CouncilSelection?, source: String) throws(InvalidInput) -> SSDA903Return {
        let found = councils
        let list = found.map { "\($0.name) (\($0.children) children)" }.joined(separator: ", ")
        switch selection {
        case nil:
            guard found.count > 1 else { return self }
            throw InvalidInput([InputProblem(file: source, line: nil, field: "la",
                message: "an extract of \(found.count) councils (LA column): \(list); expected one council: choose one with --la NAME, or calibrate them together with --region")])
        case .only(let wanted):
            let key = Self.councilKey(wanted)
            guard !found.isEmpty else {
                throw InvalidInput([InputProblem(file: source, line: nil, field: "la", message: "--la \(wanted): the return has no LA column (it is one council's own return): leave --la out")])
            }
            guard found.contains(where: { Self.councilKey($0.name) == key }) else {
                throw InvalidInput([InputProblem(file: source, line: nil, field: "la", message: "--la \(wanted): no such council in the LA column: expected one of \(list)")])
            }
            var copy = self
            copy.headers.removeAll { Self.councilKey($0.council ?? "") != key }
            copy.episodes.removeAll { Self.councilKey($0.council ?? "") != key }
            copy.uasc.removeAll { $0.council != nil && Self.councilKey($0.council!) != key }
            copy.rowsRead = (copy.headers.count, copy.episodes.count, copy.uasc.count)
            return copy
        case .region:
            guard found.count > 1 else { return self }
            var copy = self
            for i in copy.headers.indices { copy.headers[i].child = "\(copy.headers[i].council ?? "")/\(copy.headers[i].child)" }
            for i in copy.episodes.indices { copy.episodes[i].child = "\(copy.episodes[i].council ?? "")/\(copy.episodes[i].child)" }
            for i in copy.uasc.indices { copy.uasc[i].child = "\(copy.uasc[i].council ?? "")/\(copy.uasc[i].child)" }
            return copy
        }
    }

    static func councilKey(_ name: String) -> String { name.trimmingCharacters(in: .whitespaces).lowercased() }
}
