/// Characters that change how a terminal or a page shows the text around them instead of
/// showing themselves.
///
/// ## Design
/// C0 and C1 controls (U+0000-001F, U+007F-009F): ESC begins the sequences that recolour a
/// terminal, move its cursor, clear it or set its title, and BEL, backspace and a carriage
/// return on its own hide what came before. Unicode's bidirectional embeddings, overrides and
/// isolates (U+202A-202E, U+2066-2069) reorder what follows, so an identifier can show as
/// another ("Trojan Source", CVE-2021-42574). Tabs and line breaks (LF, or CR then LF, as a
/// spreadsheet writes a cell of several lines) only move to the next column or line and are
/// left alone. Identifiers and names holding any of the others are refused where they come in
/// (`TableRow.label`), and messages that quote a value as found show each as an escape
/// (`visible`), so no input file can write to the terminal.
package enum ControlCharacters {
    /// Whether `scalar` is one of these characters wherever it stands (a carriage return is
    /// one unless a line feed follows it: see `first(in:)`).
    @inline(__always)
    package static func acts(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        return (v < 0x20 && v != 0x09 && v != 0x0A) || (0x7F ... 0x9F).contains(v) || (0x202A ... 0x202E).contains(v)
            || (0x2066 ... 0x2069).contains(v)
    }

    /// Calls `body` with each scalar of `text` and whether it acts on the terminal (a carriage
    /// return followed by a line feed does not).
    static func scan(_ text: String, _ body: (Unicode.Scalar, Bool) -> Bool) {
        var scalars = text.unicodeScalars.makeIterator()
        var current = scalars.next()
        while let scalar = current {
            let next = scalars.next()
            let acting = acts(scalar) && !(scalar == "\r" && next == "\n")
            if !body(scalar, acting) { return }
            current = next
        }
    }

    /// The first such character in `text`, nil when it holds none.
    /// - Complexity: O(length of `text`).
    package static func first(in text: String) -> Unicode.Scalar? {
        // Every one of them is encoded in UTF-8 with a byte below 0x20, 0x7F, or a lead byte
        // 0xC2 (U+0080-00BF) or 0xE2 (U+2000-2FFF): text holding none of those holds none.
        func mayHold(_ byte: UInt8) -> Bool { byte < 0x20 || byte == 0x7F || byte == 0xC2 || byte == 0xE2 }
        guard text.utf8.withContiguousStorageIfAvailable({ $0.contains(where: mayHold) }) ?? text.utf8.contains(where: mayHold) else { return nil }
        var found: Unicode.Scalar?
        scan(text) { scalar, acting in
            if acting { found = scalar }
            return !acting
        }
        return found
    }

    /// `U+001B`: how messages name one.
    package static func name(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    /// `text` with each such character written as `\u{1B}`.
    /// - Complexity: O(length of `text`); `text` itself when it holds none.
    package static func visible(_ text: String) -> String {
        guard first(in: text) != nil else { return text }
        var out = String.UnicodeScalarView()
        scan(text) { scalar, acting in
            if acting {
                out.append(contentsOf: "\\u{\(String(scalar.value, radix: 16, uppercase: true))}".unicodeScalars)
            } else {
                out.append(scalar)
            }
            return true
        }
        return String(out)
    }
}
