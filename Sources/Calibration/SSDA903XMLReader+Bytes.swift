import Interchange

/// Checks and repairs made on an XML return's bytes before Foundation's `XMLParser` reads
/// them, where the parser on Linux crashes or stops without a word (found by random mutation
/// and by libFuzzer on the parser with these checks in front of it).
extension SSDA903XMLReader {
    /// The offset of the first byte that is not UTF-8, unless the file has a UTF-16 byte-order
    /// mark or declares a single-byte encoding the parser converts from (`convertedEncodings`).
    /// Foundation's `XMLParser` on Linux crashes on an element name that is not UTF-8, and the
    /// parser reads a file that declares no encoding, UTF-8, ASCII or an encoding it does not
    /// know as UTF-8; such a file is refused, at the line of the byte.
    /// - Complexity: O(bytes).
    static func invalidUTF8(_ bytes: [UInt8]) -> Int? {
        if bytes.count >= 2, (bytes[0] == 0xFE && bytes[1] == 0xFF) || (bytes[0] == 0xFF && bytes[1] == 0xFE) { return nil }
        let head = String(decoding: bytes.prefix(200), as: UTF8.self).lowercased()
        if let encoding = declaredEncoding(head), convertedEncodings.contains(encoding) { return nil }
        return CSV.firstInvalidUTF8(bytes, from: 0)
    }

    /// The single-byte encodings the parser converts to UTF-8 itself (lower case): ISO-8859-1 to
    /// -16, Latin-1 to -10 and Windows-1250 to -1258, under their usual names. A name it does
    /// not know leaves it reading UTF-8.
    static let convertedEncodings: Set<String> = {
        var names: Set<String> = []
        for n in 1 ... 16 { for prefix in ["iso-8859-", "iso8859-", "iso_8859-"] { names.insert(prefix + String(n)) } }
        for n in 1 ... 10 { names.insert("latin\(n)"); names.insert("latin-\(n)") }
        for n in 1250 ... 1258 { names.insert("windows-\(n)"); names.insert("cp\(n)") }
        return names
    }()

    /// The encoding a well-formed XML declaration at the start of `head` names (`encoding="…"`
    /// after white space, the name letters, digits, `.`, `_` and `-`), nil when there is none
    /// or it is malformed (the parser then reads UTF-8).
    static func declaredEncoding(_ head: String) -> String? {
        let text = head.hasPrefix("\u{FEFF}") ? head.dropFirst() : Substring(head)
        guard text.hasPrefix("<?xml "), let end = text.range(of: "?>") else { return nil }
        let declaration = text[..<end.lowerBound]
        guard let key = declaration.range(of: " encoding") else { return nil }
        var rest = declaration[key.upperBound...].drop { $0 == " " }
        guard rest.first == "=" else { return nil }
        rest = rest.dropFirst().drop { $0 == " " }
        guard let quote = rest.first, quote == "\"" || quote == "'" else { return nil }
        let name = rest.dropFirst().prefix { $0 != quote }
        guard name.count < rest.count - 1, name.first?.isLetter == true,
              name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) }) else { return nil }
        return String(name)
    }

    /// `bytes` with a space written into every processing instruction that has no data
    /// (`<?end?>` becomes `<?end ?>`); `bytes` itself when there is none. Foundation's
    /// `XMLParser` on Linux crashes (a null pointer read) on a processing instruction without
    /// data; one with data, even empty, is read and passed over. Every `<?`, wherever it
    /// stands (in a comment, in another instruction), is looked at, since the parser, on
    /// meeting a malformed one, may go on from any of them (libFuzzer found `<?<?i?>` and
    /// `<?i<!--?><?i?>`). Lines do not move.
    /// - Complexity: O(bytes).
    static func withDataInProcessingInstructions(_ bytes: [UInt8]) -> [UInt8] {
        let lt = UInt8(ascii: "<"), question = UInt8(ascii: "?"), gt = UInt8(ascii: ">")
        var inserts: [Int] = []
        var i = 0
        while i + 1 < bytes.count {
            guard bytes[i] == lt, bytes[i + 1] == question else { i += 1; continue }
            var j = i + 2
            while j < bytes.count, ![0x20, 0x09, 0x0A, 0x0D, question].contains(bytes[j]) { j += 1 }
            if j + 1 < bytes.count, bytes[j] == question, bytes[j + 1] == gt, j > i + 2 { inserts.append(j) }
            i += 2
        }
        guard !inserts.isEmpty else { return bytes }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + inserts.count)
        var from = 0
        for at in inserts {
            out.append(contentsOf: bytes[from ..< at])
            out.append(0x20)
            from = at
        }
        out.append(contentsOf: bytes[from...])
        return out
    }

    /// The line of anything but white space, comments and processing instructions after the
    /// root element's end tag (`</EXPSSDA903>`), such as a second return pasted on; nil when
    /// there is none. The parser stops at the root's end and says nothing of what follows, so
    /// the bytes are read here.
    /// - Complexity: O(bytes).
    static func contentAfterRoot(_ bytes: [UInt8]) -> Int? {
        func find(_ pattern: String, from start: Int) -> Int? {
            let p = Array(pattern.utf8)
            guard p.count <= bytes.count else { return nil }
            var i = start
            while i + p.count <= bytes.count {
                if bytes[i] == p[0], bytes[i ..< i + p.count].elementsEqual(p) { return i }
                i += 1
            }
            return nil
        }
        guard let close = find("</EXPSSDA903", from: 0), var i = find(">", from: close) else { return nil }
        i += 1
        while i < bytes.count {
            switch bytes[i] {
            case 0x20, 0x09, 0x0A, 0x0D:
                i += 1
            case UInt8(ascii: "<") where i + 3 < bytes.count && bytes[i + 1] == UInt8(ascii: "!") && bytes[i + 2] == UInt8(ascii: "-") && bytes[i + 3] == UInt8(ascii: "-"):
                guard let end = find("-->", from: i + 4) else { return nil }
                i = end + 3
            case UInt8(ascii: "<") where i + 1 < bytes.count && bytes[i + 1] == UInt8(ascii: "?"):
                guard let end = find("?>", from: i + 2) else { return nil }
                i = end + 2
            default:
                return bytes[..<i].reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) }
            }
        }
        return nil
    }
}
