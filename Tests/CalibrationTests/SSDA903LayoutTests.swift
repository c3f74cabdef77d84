@testable import Calibration
import CareModel
import Foundation
import Interchange
import Simulation
import Testing

/// Counts straight from the episodes as read, by brute force, without the cleaning pipeline:
/// the independent truth the calibration's entries, census and placement mix are checked against.
struct IndependentCount {
    /// Episodes a count may use: the child is in the Header table, DEC is not before DECOM,
    /// the child is under 18 on DECOM, not a short break; one row per CHILD and DECOM (a closed
    /// version beats an open one, else the later-read row).
    let episodes: [String: [SSDA903Episode]]
    let dob: [String: CalendarDay]

    init(_ data: SSDA903Return) {
        var dob: [String: CalendarDay] = [:]
        for h in data.headers where dob[h.child] == nil { dob[h.child] = h.dob }
        var byKey: [String: SSDA903Episode] = [:]
        for e in data.episodes {
            guard let birth = dob[e.child], e.end.map({ $0 >= e.start }) ?? true, e.start >= birth,
                  e.start.age(bornOn: birth) < 18, e.legalStatus != "V3", e.legalStatus != "V4" else { continue }
            let key = "\(e.child)|\(e.start.dayNumber)"
            if let old = byKey[key], old.end != nil, e.end == nil { continue }
            byKey[key] = e
        }
        var episodes: [String: [SSDA903Episode]] = [:]
        for e in byKey.values { episodes[e.child, default: []].append(e) }
        self.episodes = episodes
        self.dob = dob
    }

    /// Whether `e` starts a new period of care: no earlier episode of the child carries on
    /// into it (one open, or ending after DECOM, or ending on DECOM with REC X1); an RNE S
    /// episode overlapping one that ended with a real reason is a new period (the recording error
    /// is the overlap).
    func startsPeriod(_ e: SSDA903Episode) -> Bool {
        for f in episodes[e.child]! where f.start < e.start {
            guard let end = f.end else { return false }
            if end > e.start && !(e.reasonNew == .started && f.reasonEnded != nil && f.reasonEnded != "X1") { return false }
            if end == e.start && f.reasonEnded == "X1" { return false }
        }
        return true
    }

    /// New periods of care starting in (after, through].
    func entries(after: CalendarDay, through: CalendarDay) -> [SSDA903Episode] {
        episodes.values.flatMap { $0 }.filter { $0.start > after && $0.start <= through && startsPeriod($0) }
    }

    /// Children in care on `day` by placement type: the child's latest episode starting on or
    /// before `day` is open on it.
    func census(on day: CalendarDay) -> [String: Int] {
        var byType: [String: Int] = [:]
        for list in episodes.values {
            guard let latest = list.filter({ $0.start <= day }).max(by: { $0.start < $1.start }) else { continue }
            if latest.end.map({ $0 > day }) ?? true { byType[latest.placementType.rawValue, default: 0] += 1 }
        }
        return byType
    }
}

@Suite struct SSDA903LayoutTests {
    static func fixture(_ name: String) -> String {
        Bundle.module.url(forResource: "Fixtures/ssda903/\(name)", withExtension: nil)!.path
    }

    /// The layouts, the council to take and the collection years (by their end) each return holds.
    static let layouts: [(name: String, council: CouncilSelection?, years: ClosedRange<Int>)] = [
        ("layouts/validator-2018", nil, 2018...2018),
        ("layouts/demand-model-5y", nil, 2019...2023),
        ("layouts/regional-3la", .only("Luton"), 2020...2023),
        ("layouts/regional-3la", .only("peterborough"), 2020...2023),
        ("layouts/regional-3la", .region, 2020...2023),
        ("layouts/pipeline-3y", nil, 2022...2024),
        ("layouts/synthesiser-xml", nil, 2018...2018),
    ]

    /// The data as read and selected, independently of `SSDA903Import`.
    static func raw(_ name: String, _ council: CouncilSelection?) throws -> SSDA903Return {
        try SSDA903Reader.read(SSDA903Reader.locate(directory: fixture(name))).selecting(council, source: name)
    }

    @Test(arguments: 0..<layouts.count)
    func everyLayoutCalibratesItsWholeYearsWithEntriesCensusAndMixAsCountedFromTheEpisodes(_ index: Int) throws {
        let (name, council, years) = Self.layouts[index]
        let imported = try SSDA903Import.load(directory: Self.fixture(name), council: council)
        let observed = try #require(imported.observed)
        // The window is the whole collection years the returns hold, never more.
        #expect(observed == ObservedYears(first: years.lowerBound, last: years.upperBound), "\(name)")
        let window = observed.window
        let result = Calibration.calibrate(imported.histories, window: window)
        let truth = IndependentCount(try Self.raw(name, council))
        #expect(result.entries.yearly.count == years.count)
        var total = 0
        for year in result.entries.yearly {
            let independent = truth.entries(after: year.yearEnding.adding(years: -1), through: year.yearEnding).count
            total += independent
            #expect(abs(year.total - independent) <= independent / 100, "\(name) year to \(year.yearEnding): \(year.total) vs \(independent)")
        }
        #expect(total > 0)
        // Children in care at the census date, by placement type: exact.
        let census = truth.census(on: window.to)
        #expect(result.census.byType == census, "\(name)")
        #expect(result.census.total == census.values.reduce(0, +))
        // Placement mix at entry: exact shares by age band at entry.
        let entries = truth.entries(after: window.from.adding(days: -1), through: window.to)
        for band in AgeBand.allCases {
            let inBand = entries.filter { AgeBand(age: $0.start.age(bornOn: truth.dob[$0.child]!)) == band }
            for type in PlacementType.allCases {
                let share = inBand.isEmpty ? 0 : Double(inBand.filter { $0.placementType == type }.count) / Double(inBand.count)
                let estimated = result.placementMixAtEntry[band.key]?[type.rawValue]?.value ?? 0
                #expect(abs(estimated - share) < 1e-12, "\(name) \(band) \(type): \(estimated) vs \(share)")
            }
        }
    }

    @Test func calibrateBacktestAndTheGeneratorCountTheSameEntries() throws {
        // A generated return: the generator knows its entries; calibration, the backtest's
        // truth and the count from the episodes must all agree with it, year by year.
        var spec = SyntheticReturnSpec(from: CalendarDay(year: 2018, month: 4, day: 1)!, to: CalendarDay(year: 2024, month: 3, day: 31)!)
        spec.entriesPerYear = [15, 20, 20, 25, 15]
        let synthetic = SyntheticReturnGenerator.generate(spec, seed: 31)
        let observed = try #require(ObservedYears.of(synthetic.data))
        #expect(observed == ObservedYears(first: 2019, last: 2024))
        let (histories, _) = SSDA903Cleaning.histories(from: synthetic.data, observedFrom: observed.window.from)
        let result = Calibration.calibrate(histories, window: observed.window)
        let asOf = CalendarDay(year: 2019, month: 3, day: 31)!
        let truth = Backtest.truth(histories, asOf: asOf, years: 5)
        let independent = IndependentCount(synthetic.data)
        #expect(result.entries.yearly.count == 6)
        for (k, year) in result.entries.yearly.enumerated() {
            let yearStart = year.yearEnding.adding(years: -1)
            let generated = synthetic.entries.filter { $0 > yearStart && $0 <= year.yearEnding }.count
            #expect(year.total == generated, "year to \(year.yearEnding)")
            #expect(independent.entries(after: yearStart, through: year.yearEnding).count == generated)
            if k >= 1 { #expect(truth[k - 1][ProjectionMeasure.entries.index] == generated) }
        }
        // On a return whose first episodes often do not say RNE S (as validators' test data),
        // the backtest's truth still counts exactly what calibration counts.
        let imported = try SSDA903Import.load(directory: Self.fixture("layouts/demand-model-5y"))
        let w = imported.observed!.window
        let calibrated = Calibration.calibrate(imported.histories, window: w)
        let shown = Backtest.truth(imported.histories, asOf: w.from.adding(days: -1), years: 5)
        #expect(shown.map { $0[ProjectionMeasure.entries.index] } == calibrated.entries.yearly.map(\.total))
    }

    @Test func truncatedOverlapsDoNotPullTheWindowIntoAYearTheReturnDoesNotHold() throws {
        // The demand-model and pipeline returns hold overlapping episodes; truncating them makes
        // episode ends a year or more before the first return, which must not move the window.
        for (name, first) in [("layouts/demand-model-5y", "2018-04-01"), ("layouts/pipeline-3y", "2021-04-01")] {
            let imported = try SSDA903Import.load(directory: Self.fixture(name))
            #expect(imported.report.count(.truncated) > 0)
            let earliestEnd = imported.histories.flatMap { $0.periods.flatMap { $0.placements.compactMap(\.end) } }.min()!
            #expect(earliestEnd < CalendarDay(parsing: first)!, "\(name): the fixture no longer has an early truncated end")
            #expect(imported.observed?.window.from.description == first)
        }
    }

    @Test func everyDfETableIsRecognisedByItsColumnsAndTheUnusedOnesAreListed() throws {
        let files = try SSDA903Reader.locate(directory: Self.fixture("layouts/validator-2018"))
        #expect(files.header.map { ($0 as NSString).lastPathComponent } == ["header.csv"])
        #expect(files.episodes.map { ($0 as NSString).lastPathComponent } == ["episodes.csv"])
        let unused = Dictionary(uniqueKeysWithValues: files.unused.map { (($0.path as NSString).lastPathComponent, $0.kind) })
        #expect(unused == [
            "sw_episodes.csv": "Social worker episodes", "reviews.csv": "Reviews", "missing.csv": "Missing", "oc2.csv": "OC2",
            "oc3.csv": "OC3", "ad1.csv": "AD1", "placed_for_adoption.csv": "Placed for adoption",
            "previous_permanence.csv": "Previous permanence", "header_last.csv": "prior-year copy of Header",
            "episodes_last.csv": "prior-year copy of Episodes",
        ])
        let pipeline = try SSDA903Reader.locate(directory: Self.fixture("layouts/pipeline-3y"))
        #expect(pipeline.unused.map(\.kind).sorted() == ["Reviews", "Social worker episodes", "prior-year copy of Header"])
        // Files named by nothing but their columns (a demand model's year folders).
        let demand = try SSDA903Reader.locate(directory: Self.fixture("layouts/demand-model-5y"))
        #expect(demand.header.count == 5 && demand.episodes.count == 5 && demand.unused.isEmpty)
    }

    @Test func aFolderHoldingOnlyTheXMLReturnIsRead() throws {
        let imported = try SSDA903Import.load(directory: Self.fixture("layouts/synthesiser-xml"))
        #expect(imported.files.xml.count == 1 && imported.files.header.isEmpty)
        #expect(imported.histories.count > 50)
        // UASC flags in the HEADER become UASC rows; PL is PLACE; CHILDID is CHILD.
        #expect(imported.histories.contains { $0.isUASC })
        var data = SSDA903Return()
        let xml = """
            <?xml version="1.0"?>
            <EXPSSDA903>
              <CHILD>
                <HEADER><CHILDID>77</CHILDID><SEX>M</SEX><DOB>01/02/2012</DOB><UASC>0</UASC>
                  <AMISSING><MISSING>M</MISSING><MIS_START>01/03/2020</MIS_START></AMISSING><MOTHER /></HEADER>
                <EPISODE><DECOM>01/05/2019</DECOM><RNE>S</RNE><LS>C2</LS><PL>U4</PL><PLACE_PROVIDER>PR4</PLACE_PROVIDER><DEC /><REC /></EPISODE>
                <EPISODE><DECOM>31/02/2020</DECOM><RNE>P</RNE><LS>C2</LS><PL>K2</PL><DEC /><REC /></EPISODE>
              </CHILD>
            </EXPSSDA903>
            """
        let parsed = SSDA903XMLReader.parse(Array(xml.utf8), file: "r.xml", into: &data)
        #expect(parsed.problems.map(\.description) == ["r.xml:7: DECOM \"31/02/2020\": expected a date DD/MM/YYYY or YYYY-MM-DD (CHILD 77, EPISODE 2)"])
        var good = SSDA903Return()
        let fixed = xml.replacingOccurrences(of: "31/02/2020", with: "28/02/2020")
        #expect(SSDA903XMLReader.parse(Array(fixed.utf8), file: "r.xml", into: &good).problems.isEmpty)
        #expect(good.headers.map(\.child) == ["77"] && good.episodes.map(\.place) == ["U4", "K2"] && good.episodes[0].provider == "PR4")
        #expect(good.uasc.isEmpty && good.headers[0].sex == .male)
        // A CIN census file, and a broken file, are named for what they are.
        let census = "<Message><Header><CollectionDetails/></Header><Children><Child><ChildIdentifiers><LAchildID>1</LAchildID></ChildIdentifiers></Child></Children></Message>"
        let cin = SSDA903XMLReader.parse(Array(census.utf8), file: "cin.xml", into: &data)
        #expect(cin.problems.first?.message.contains("CIN census") == true)
        let broken = SSDA903XMLReader.parse(Array("<EXPSSDA903><CHILD><HEADER>".utf8), file: "b.xml", into: &data)
        #expect(broken.problems.first?.message.hasPrefix("not well-formed XML") == true)
    }

    /// The malformations a hand edit or a broken export makes are named in words, at the line
    /// where the parser met them (not a parser error number, not the last line).
    @Test(arguments: [
        ("<CHILD><HEADER><CHILDID>1</CHILDID></HEADR></CHILD>", "a closing tag that does not match the open element <HEADER>"),
        ("<CHILD><HEADER><CHILDID>1 & 2</CHILDID></HEADER></CHILD>", "an & not starting an entity: write & as &amp;"),
        ("<CHILD><HEADER><CHILDID>&nbsp;</CHILDID></HEADER></CHILD>", "an entity XML does not know, such as &nbsp;"),
        ("<CHILD><HEADER><CHILDID>1\u{1}</CHILDID></HEADER></CHILD>", "a character XML does not allow"),
        // Malformed processing instructions after which the parser went on to a data-less one
        // and crashed (found by libFuzzer).
        ("<?<?i?><CHILD><HEADER><CHILDID>1</CHILDID></HEADER></CHILD>", "a processing instruction without a name"),
        ("<?i<!--?><?i?><CHILD><HEADER><CHILDID>1</CHILDID></HEADER></CHILD>", "a space missing where XML needs one"),
    ])
    func malformedXMLIsNamedInWordsAtItsLine(body: String, reason: String) {
        var data = SSDA903Return()
        let xml = "<?xml version=\"1.0\"?>\n<EXPSSDA903>\n\(body)\n</EXPSSDA903>\n\n\n"
        let parsed = SSDA903XMLReader.parse(Array(xml.utf8), file: "r.xml", into: &data)
        #expect(parsed.problems.count == 1)
        #expect(parsed.problems.first?.line == 3, "\(parsed.problems)")
        #expect(parsed.problems.first?.message.hasPrefix("not well-formed XML (\(reason)") == true, "\(parsed.problems)")
    }

    /// A file cut short is named by the element it ends inside, at its last line.
    @Test func aTruncatedFileIsNamedByTheElementItEndsInside() {
        var data = SSDA903Return()
        let parsed = SSDA903XMLReader.parse(Array("<?xml version=\"1.0\"?>\n<EXPSSDA903><CHILD>\n<HEADER><CHILDID>1</CHILDID>\n".utf8), file: "r.xml", into: &data)
        #expect(parsed.problems.map(\.description) == ["r.xml:3: not well-formed XML (the file ends inside <HEADER>): expected the DfE SSDA903 XML return, <EXPSSDA903> with one <CHILD> per child"])
    }

    /// Two returns pasted into one file: the parser stops at the first root's end without a
    /// word, so the second return's children were dropped silently. Now the file is refused
    /// at the second return's line; comments and white space after the root are fine.
    @Test func aSecondReturnPastedOnIsRefused() {
        let one = "<EXPSSDA903><CHILD><HEADER><CHILDID>1</CHILDID><SEX>1</SEX><DOB>01/01/2010</DOB></HEADER></CHILD></EXPSSDA903>"
        var data = SSDA903Return()
        let pasted = SSDA903XMLReader.parse(Array("<?xml version=\"1.0\"?>\n\(one)\n\n\(one)\n".utf8), file: "r.xml", into: &data)
        #expect(pasted.problems.map(\.description) == ["r.xml:4: an element after the end of <EXPSSDA903> (two returns pasted into one file?): expected one <EXPSSDA903> per file, each return in its own file"])
        var fine = SSDA903Return()
        let commented = SSDA903XMLReader.parse(Array("<?xml version=\"1.0\"?>\n\(one)\n<!-- exported <EXPSSDA903> -->\n<?end?>\n".utf8), file: "r.xml", into: &fine)
        #expect(commented.problems.isEmpty && commented.rows == 1, "\(commented.problems)")
    }

    /// A processing instruction without data (`<?end?>`) crashed the process: Foundation's
    /// parser on Linux reads a null pointer for its data. It is now read like any other, in
    /// the document, after it or in a comment; CDATA is read as text.
    @Test(arguments: [
        "<EXPSSDA903><?end?><CHILD><HEADER><CHILDID>1</CHILDID><SEX>1</SEX><DOB>01/01/2010</DOB></HEADER></CHILD></EXPSSDA903>\n<?end?>",
        "<EXPSSDA903><!-- <?end?> --><CHILD><HEADER><CHILDID><![CDATA[1]]></CHILDID><SEX>1</SEX><DOB>01/01/2010</DOB></HEADER></CHILD></EXPSSDA903>",
    ])
    func processingInstructionsWithoutDataAreRead(body: String) {
        var data = SSDA903Return()
        let parsed = SSDA903XMLReader.parse(Array("<?xml version=\"1.0\"?>\n\(body)\n".utf8), file: "r.xml", into: &data)
        #expect(parsed.problems.isEmpty && parsed.rows == 1, "\(parsed.problems)")
        #expect(data.headers.map(\.child) == ["1"])
    }

    /// An element name that is not UTF-8 crashed the process (Foundation's parser on Linux);
    /// a file read as UTF-8 is now checked first and refused at the byte's line, and a file
    /// declaring ISO-8859-1 is still read, converted by the parser.
    @Test func bytesThatAreNotUTF8AreRefusedUnlessAnotherEncodingIsDeclared() {
        let body: [UInt8] = Array("\n<EXPSSDA903><CHILD><HEADER><CHILDID>1</CHILDID><SEX>1</SEX><DOB>01/01/2010</DOB>\n<HEA".utf8) + [0xFA]
            + Array("ER>x</HEA".utf8) + [0xFA] + Array("ER></HEADER></CHILD></EXPSSDA903>\n".utf8)
        // Found by libFuzzer: an encoding the parser does not know, or a malformed declaration,
        // leaves it reading UTF-8 too.
        for declaration in ["<?xml version=\"1.0\"?>", "<?xml version='1.0' encoding='UTF-8'?>", "", "<?xml version='1.0' encoding='cp125cii'?>",
                            "<?xml version='1.0' encodingISO-8859-1='us-ascii'?>"] {
            var data = SSDA903Return()
            let parsed = SSDA903XMLReader.parse(Array(declaration.utf8) + body, file: "r.xml", into: &data)
            #expect(parsed.problems.map(\.description) == ["r.xml:3: byte 0xFA is not valid UTF-8: expected UTF-8 text, or a declared ISO-8859, Latin or Windows-125x encoding (save the export as UTF-8)"], "\(declaration)")
        }
        var latin = SSDA903Return()
        let parsed = SSDA903XMLReader.parse(Array("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>".utf8) + body, file: "r.xml", into: &latin)
        #expect(parsed.problems.isEmpty && latin.headers.map(\.child) == ["1"], "\(parsed.problems)")
    }

    /// An empty XML file, or one with nothing after its declaration, says so.
    @Test(arguments: [("", "the file is empty"), ("\n  \n", "the file is empty"), ("<?xml version=\"1.0\"?>\n", "the file ends before its root element")])
    func anEmptyXMLFileSaysSo(text: String, reason: String) {
        var data = SSDA903Return()
        let parsed = SSDA903XMLReader.parse(Array(text.utf8), file: "r.xml", into: &data)
        #expect(parsed.problems.map(\.message).first?.hasPrefix("not well-formed XML (\(reason))") == true, "\(parsed.problems)")
    }

    /// Entities that expand into each other a billion times over ("billion laughs") are refused
    /// at once, at their line, without the memory they would take.
    @Test func entityExpansionBombsAreRefused() {
        var entities = ["<!ENTITY a0 \"lol\">"]
        for i in 1 ... 9 { entities.append("<!ENTITY a\(i) \"\(String(repeating: "&a\(i - 1);", count: 10))\">") }
        let xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE EXPSSDA903 [\n\(entities.joined(separator: "\n"))\n]>\n<EXPSSDA903><CHILD><HEADER><CHILDID>&a9;</CHILDID></HEADER></CHILD></EXPSSDA903>\n"
        var data = SSDA903Return()
        let parsed = SSDA903XMLReader.parse(Array(xml.utf8), file: "r.xml", into: &data)
        #expect(parsed.problems.map(\.message).first?.hasPrefix("not well-formed XML (entities that expand into each other") == true, "\(parsed.problems)")
        #expect(parsed.problems.first?.line == 14)
        #expect(data.headers.isEmpty)
    }

    @Test func unknownCodesAreOneWarningPerCodeWithItsCount() {
        var csv = "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC\n"
        var header = "CHILD,SEX,DOB\n"
        for i in 0..<40 {
            header += "C\(i),1,01/01/2010\n"
            let place = i < 30 ? "Q9" : i < 35 ? "Q8" : "P3"
            csv += "C\(i),01/05/2020,S,C2,N1,\(place),PR1,,\n"
        }
        var data = SSDA903Return()
        #expect(SSDA903Reader.parseHeader(Array(header.utf8), file: "h.csv", into: &data).problems.isEmpty)
        #expect(SSDA903Reader.parseEpisodes(Array(csv.utf8), file: "e.csv", into: &data).problems.isEmpty)
        let (_, report) = SSDA903Cleaning.histories(from: data)
        let place = report.groups.filter { $0.column == "PLACE" }
        #expect(place.map(\.lines.count) == [30, 5])
        #expect(place[0].description.hasPrefix("e.csv: 30 rows: PLACE: noted: PLACE \"Q9\" is not a DfE placement code: read as other (first at lines 2, 3, 4, ...)"))
        #expect(place[1].description.contains("\"Q8\""))
        // P3 (residential employment) and every other DfE code is known.
        for code in ["P3", "K3", "Z11", "T0", "H5", "R3"] { #expect(SSDA903Codes.placeCodes.contains(code)) }
        for code in ["E4", "E43", "E48", "E15", "X1"] { #expect(SSDA903Codes.reasonsEnded.contains(code)) }
        #expect(SSDA903Codes.categoriesOfNeed.count == 8 && SSDA903Codes.legalStatuses.count == 13 && SSDA903Codes.providers.count == 6)
    }

    @Test func theSameMalformationOnManyRowsIsListedOnceWithItsCount() {
        var csv = "CHILD,DECOM,RNE,LS,PLACE,DEC,REC\n"
        for i in 0..<600 { csv += "C\(i),01/05/2020,S,C2,U4,\(i % 2 == 0 ? "5th May" : "2020-02-30"),E8\n" }
        csv += "X,01/05/2020,Q,C2,U4,,\n"
        var data = SSDA903Return()
        let problems = SSDA903Reader.grouped(SSDA903Reader.parseEpisodes(Array(csv.utf8), file: "e.csv", into: &data).problems)
        #expect(problems.map(\.description) == [
            "e.csv:2: DEC \"5th May\": expected a date DD/MM/YYYY or YYYY-MM-DD (and 599 more rows like it: lines 3, 4, 5, ...)",
            "e.csv:602: RNE \"Q\": expected one of S, L, P, T, B, U",
        ])
    }

    @Test func severalCouncilsAreNotMergedSilently() throws {
        let directory = Self.fixture("layouts/regional-3la")
        do {
            _ = try SSDA903Import.load(directory: directory)
            Issue.record("a three-council extract was calibrated as one council")
        } catch {
            #expect(error.problems.count == 1)
            #expect(error.problems[0].message.contains("Bedford") && error.problems[0].message.contains("Luton") && error.problems[0].message.contains("Peterborough"))
        }
        #expect(throws: InvalidInput.self) { try SSDA903Import.load(directory: directory, council: .only("Nowhere")) }
        let luton = try SSDA903Import.load(directory: directory, council: .only("Luton"))
        let region = try SSDA903Import.load(directory: directory, council: .region)
        let bedford = try SSDA903Import.load(directory: directory, council: .only("Bedford"))
        let peterborough = try SSDA903Import.load(directory: directory, council: .only("Peterborough"))
        // CHILD identifiers repeat across councils: the region keeps them apart.
        #expect(region.histories.count == luton.histories.count + bedford.histories.count + peterborough.histories.count)
        #expect(Set(luton.histories.map(\.child)).intersection(bedford.histories.map(\.child)).count > 0)
    }
}

@Suite struct ObservedYearsTests {
    static func episode(_ child: String, _ start: String, _ end: String?, rec: String? = "E8", year: Int? = nil) -> SSDA903Episode {
        var e = SSDA903Episode(child: child, start: CalendarDay(parsing: start)!, reasonNew: .started, legalStatus: "C2", place: "U4",
                               end: end.map { CalendarDay(parsing: $0)! }, reasonEnded: end == nil ? nil : rec, source: RowSource(file: 0, line: 2))
        e.collectionYear = year
        return e
    }

    @Test func wholeYearsFromTheEarliestEndToTheLastYearEnd() {
        var data = SSDA903Return()
        // Returns for 2020/21 to 2022/23, extracted on 31 March 2023.
        data.episodes = [Self.episode("a", "2015-06-01", "2020-05-01"), Self.episode("b", "2021-01-01", "2022-02-01"),
                         Self.episode("c", "2022-11-01", "2023-03-20"), Self.episode("d", "2022-12-01", nil)]
        #expect(ObservedYears.of(data) == ObservedYears(first: 2021, last: 2023))
        #expect(ObservedYears.of(data)!.description == "2020/21 to 2022/23 (2020-04-01 to 2023-03-31)")
        // Extracted in the autumn: the last year is the one before.
        data.episodes.append(Self.episode("e", "2023-09-30", nil))
        #expect(ObservedYears.of(data) == ObservedYears(first: 2021, last: 2023))
        data.episodes.removeLast()
        data.episodes[2].end = CalendarDay(year: 2023, month: 1, day: 10)
        #expect(ObservedYears.of(data) == ObservedYears(first: 2021, last: 2022))
    }

    /// 30 exits a year ending in 2019/20 to 2023/24 (each child in care from the June before),
    /// extracted on 1 March 2024 (one episode open then).
    static func busyYears() -> SSDA903Return {
        var data = SSDA903Return()
        for year in 2019...2023 {
            for k in 0..<30 { data.episodes.append(episode("c\(year)-\(k)", "\(year - 1)-06-01", "\(year)-0\(1 + k % 3)-15")) }
        }
        data.episodes.append(episode("last", "2024-03-01", nil))
        return data
    }

    @Test func aFullHistoryExtractsSparseLeadingYearsAreNotObserved() {
        var data = Self.busyYears()
        // And a trickle of earlier history (2 ends a year).
        for year in 2012...2018 { for k in 0..<2 { data.episodes.append(Self.episode("h\(year)-\(k)", "2010-06-01", "\(year)-01-15")) } }
        #expect(ObservedYears.of(data) == ObservedYears(first: 2019, last: 2024))
    }

    /// One date typed decades ahead (2099 for 2023) in an episode that cleaning drops, one that
    /// stays open, or an ending, is not the extract day: the window stays on the years the
    /// return holds, not 2018/19 to 2097/98 with every yearly rate spread over those 80 years.
    @Test(arguments: [("2099-01-01", "2023-06-01"), ("2099-01-01", nil), ("2023-01-01", "2099-01-01"), ("2031-05-01", nil)] as [(String, String?)])
    func aDateMistypedYearsAheadDoesNotStretchTheWindow(start: String, end: String?) {
        var data = Self.busyYears()
        let clean = ObservedYears.of(data)
        #expect(clean == ObservedYears(first: 2019, last: 2024))
        data.episodes.append(Self.episode("typo", start, end))
        #expect(ObservedYears.of(data) == clean)
        // A return extracted in its last year's autumn still ends with the year before.
        data.episodes.append(Self.episode("autumn", "2024-10-01", nil))
        #expect(ObservedYears.of(data) == ObservedYears(first: 2019, last: 2024))
    }

    @Test func aYearColumnSaysWhichYearsAreHeld() {
        var data = SSDA903Return()
        data.episodes = [Self.episode("a", "2010-01-01", "2011-01-01", year: 2018), Self.episode("b", "2019-01-01", nil, year: 2020),
                         Self.episode("c", "2019-01-01", nil, year: 2021), Self.episode("d", "2019-01-01", nil, year: 2022)]
        // 2018 stands apart from the run 2020-2022 ending at the latest year.
        #expect(ObservedYears.of(data) == ObservedYears(first: 2020, last: 2022))
        #expect(ObservedYears.of(SSDA903Return()) == nil)
    }
}
