import Foundation
import Interchange
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Reading the SSDA903 return in the XML form case-management systems export for the DfE.
///
/// The DfE schema (`EXPSSDA903`): one `<CHILD>` per child holding one `<HEADER>` (CHILDID, UPN,
/// SEX, DOB, ETHNIC, UASC flag, DUC, the AD1 and OC3 items, nested AMISSING / AREVIEW /
/// PERMANENCE / OC2 / AD_PLACED groups, MOTHER, MC_DOB) followed by zero or more `<EPISODE>`
/// (DECOM, RNE, LS, CIN, PL, PL_POST, HOME_POST, URN, PLACE_PROVIDER, DEC, REC,
/// REASON_PLACE_CHANGE). Each HEADER becomes a Header row (CHILDID is CHILD), each EPISODE an
/// Episodes row of that child (PL is PLACE), and a HEADER with UASC 1 or a DUC a UASC row;
/// the nested groups are tables Hearth does not use and are skipped. Blank items are empty
/// tags (`<DEC />`). Rows then go through the same checks as the CSV tables, located by the
/// XML line and the child (`return.xml:812: DECOM "31/02/2020": expected a date ...
/// (CHILD 4711, EPISODE 2)`), since exports often put the whole file on one line.
/// A file that is not well-formed XML, or whose root is not `EXPSSDA903` (for example a
/// CIN census file, `<Message>` ... `<Children>`), is malformed and named as such.
enum SSDA903XMLReader {
    /// Parses an XML return into `data`; returns the number of `<CHILD>` elements and the malformations.
    static func parse(_ bytes: [UInt8], file: String, into data: inout SSDA903Return) -> (rows: Int, problems: [InputProblem]) {
        let log = ProblemLog(file: file, limit: SSDA903Reader.problemLimit)
        let index = SSDA903Reader.fileIndex(file, in: &data)
        let collector = Collector()
        if let at = invalidUTF8(bytes) {
            let line = bytes[..<at].reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) }
            log.add(line: line, "byte 0x\(String(bytes[at], radix: 16, uppercase: true)) is not valid UTF-8: expected UTF-8 text, or a declared ISO-8859, Latin or Windows-125x encoding (save the export as UTF-8)")
            return (0, log.problems)
        }
        let parser = XMLParser(data: Data(withDataInProcessingInstructions(bytes)))
        parser.shouldResolveExternalEntities = false
        parser.shouldProcessNamespaces = false
        parser.delegate = collector
        let parsed = parser.parse()
        if let root = collector.root, root != "EXPSSDA903" {
            let what = root == "Message" || collector.sawCINCensus
                ? "this is a CIN census XML file (<Message> with <Children>), not the SSDA903 return"
                : "the root element is <\(root)>"
            log.add(line: 1, "\(what): expected the DfE SSDA903 XML return, <EXPSSDA903> with one <CHILD> per child")
            return (0, log.problems)
        }
        if !parsed || collector.root == nil || collector.openElement != nil {
            let line = collector.errorLine ?? parser.lineNumber
            let blank = bytes.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
            let reason = blank ? "the file is empty"
                : parser.parserError.map { malformation(code: ($0 as NSError).code, openElement: collector.errorElement ?? collector.openElement, rootSeen: collector.root != nil) }
                ?? collector.openElement.map { "the file ends inside <\($0)>" } ?? "no elements"
            log.add(line: max(1, line), "not well-formed XML (\(reason)): expected the DfE SSDA903 XML return, <EXPSSDA903> with one <CHILD> per child")
            return (0, log.problems)
        }
        if let line = contentAfterRoot(bytes) {
            log.add(line: line, "an element after the end of <EXPSSDA903> (two returns pasted into one file?): expected one <EXPSSDA903> per file, each return in its own file")
            return (0, log.problems)
        }
        for element in collector.elements {
            let row = XMLRow(line: element.line, fields: element.fields, log: log, context: element.context)
            switch element.kind {
            case .header:
                SSDA903Reader.readHeader(row, log: log, file: file, index: index, into: &data)
                let flag = row.text("uasc")
                if flag == "1" || (flag == nil && row.text("duc") != nil) {
                    SSDA903Reader.readUASC(row, log: log, file: file, index: index, into: &data)
                }
            case .episode:
                SSDA903Reader.readEpisode(row, log: log, file: file, index: index, into: &data)
            }
        }
        return (collector.children, log.problems)
    }

    /// What a parser error means, in words, for the malformations an export or a hand edit
    /// makes (the codes are libxml2's `xmlParserErrors`, which Foundation's `XMLParser` passes
    /// on); any other is named by its code.
    static func malformation(code: Int, openElement: String?, rootSeen: Bool) -> String {
        let open = openElement.map { " <\($0)>" } ?? ""
        switch code {
        case 4: return "the file holds no XML"
        case 5:
            if !open.isEmpty { return "the file ends inside\(open)" }
            return rootSeen ? "more after the end of the root element" : "the file ends before its root element"
        case 9: return "a character XML does not allow"
        case 26: return "an entity XML does not know, such as &nbsp;: XML knows &amp; &lt; &gt; &quot; &apos;"
        case 46: return "a processing instruction without a name"
        case 65: return "a space missing where XML needs one"
        case 68: return "an & not starting an entity: write & as &amp;"
        case 73: return "a tag not closed with >"
        case 76: return "a closing tag that does not match the open element\(open)"
        case 77: return "the file ends inside\(open.isEmpty ? " an element" : open)"
        case 89: return "entities that expand into each other without end, or too far"
        default: return "XML parser error \(code)"
        }
    }

    /// A HEADER or EPISODE element's items, by lower-case CSV column name.
    struct Element {
        enum Kind { case header, episode }
        var kind: Kind
        var line: Int
        var fields: [String: String]
        var context: String
    }

    /// One element read as a row.
    struct XMLRow: SSDA903Fields {
        var line: Int
        var fields: [String: String]
        var log: ProblemLog
        var context: String

        func text(_ column: String) -> String? {
            guard let value = fields[column]?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else { return nil }
            return value
        }

        func problem(_ column: String, _ message: String) {
            log.add(line: line, field: column, "\(message) (\(context))")
        }
    }

    /// The SAX delegate: collects HEADER and EPISODE items (direct children only).
    final class Collector: NSObject, XMLParserDelegate {
        var root: String?
        var sawCINCensus = false
        var elements: [Element] = []
        var children = 0
        private var stack: [String] = []
        /// The innermost element still open when parsing stopped (a truncated file).
        var openElement: String? { stack.last }
        private var current: Element?
        private var text = ""
        private var child = ""
        private var episodeNumber = 0
        /// The line of the first parse error, and the element then open (the parser moves on
        /// past it).
        var errorLine: Int?
        var errorElement: String?

        func parser(_ parser: XMLParser, parseErrorOccurred parseError: any Error) {
            guard errorLine == nil else { return }
            errorLine = parser.lineNumber
            errorElement = openElement
        }

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
            if root == nil { root = name }
            if name == "Children" || name == "ChildIdentifiers" { sawCINCensus = true }
            let parent = stack.last
            stack.append(name)
            text = ""
            guard root == "EXPSSDA903" else { return }
            switch (name, parent) {
            case ("CHILD", "EXPSSDA903"):
                children += 1
                child = ""
                episodeNumber = 0
            case ("HEADER", "CHILD"):
                current = Element(kind: .header, line: parser.lineNumber, fields: [:], context: "CHILD element \(children)")
            case ("EPISODE", "CHILD"):
                episodeNumber += 1
                current = Element(kind: .episode, line: parser.lineNumber, fields: ["child": child],
                                  context: "CHILD \(child.isEmpty ? "element \(children)" : child), EPISODE \(episodeNumber)")
            default:
                break
            }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }

        /// Text in a CDATA section (`<CHILDID><![CDATA[4711]]></CHILDID>`) is text like any other.
        func parser(_ parser: XMLParser, foundCDATA block: Data) { text += String(decoding: block, as: UTF8.self) }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            stack.removeLast()
            guard root == "EXPSSDA903" else { return }
            let parent = stack.last
            if var element = current, parent == "HEADER" || parent == "EPISODE" {
                // An item of the HEADER or EPISODE itself (not of a nested group).
                let column = name == "CHILDID" ? "child" : name == "PL" ? "place" : name.lowercased()
                element.fields[column] = text
                if name == "CHILDID" {
                    child = text.trimmingCharacters(in: .whitespacesAndNewlines)
                    element.context = "CHILD \(child)"
                }
                current = element
            } else if (name == "HEADER" || name == "EPISODE"), parent == "CHILD", let element = current {
                elements.append(element)
                current = nil
            }
            text = ""
        }
    }
}
