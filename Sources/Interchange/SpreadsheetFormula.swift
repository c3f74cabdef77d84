/// Text that a spreadsheet would run as a formula when it opens a CSV file holding it.
///
/// ## Design: refuse formula text where it comes in
/// Identifiers and names read from input files (a child's or household's identifier, a
/// district, a scenario's name) are written back into Hearth's CSV outputs, which analysts open
/// in spreadsheets. Excel and LibreOffice read a cell beginning with `=`, `+`, `-` or `@` as a
/// formula, and a formula can fetch from the network or start programs ("CSV injection", OWASP;
/// CWE-1236). Tabs and line breaks before such a character are passed over by some of them,
/// so those count too. No council identifier or place name begins that way, so such text is
/// refused as bad input, with its file and line, rather than altered on the way out (which
/// would change the identifiers other programs read back). A signed number (`-12`) or a sign on
/// its own is refused too: a spreadsheet reads either alone as text or a number, but Hearth
/// joins identifiers into one cell (`-12;C7`, brothers and sisters), which it would read as a
/// formula.
package enum SpreadsheetFormula {
    /// The characters that make a spreadsheet read a cell as a formula.
    package static let triggers: [UInt8] = Array("=+-@".utf8)

    /// What `trigger(in:)` asks of a text, for messages: "text not beginning with ...".
    package static let expectation = "text not beginning with =, +, - or @ (a spreadsheet opening Hearth's CSV output would run it as a formula)"

    /// The character that would make a spreadsheet read `text`, or a cell beginning with it, as
    /// a formula (the first after any tabs and line breaks); nil when it begins otherwise.
    /// - Complexity: O(leading tabs and line breaks).
    package static func trigger(in text: String) -> Character? {
        guard let first = text.utf8.first(where: { $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }), triggers.contains(first) else { return nil }
        return Character(Unicode.Scalar(first))
    }
}
