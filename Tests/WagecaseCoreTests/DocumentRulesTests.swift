import Foundation
import Testing
import WagecaseCore
import WagecaseTestSupport

@Suite("Amounts in Chinese capitals")
struct ChineseCapitalsTests {
    @Test(arguments: [
        (3_800_000, "人民币叁万捌仟元整"),
        (1_235_050, "人民币壹万贰仟叁佰伍拾元伍角整"),
        (1_000_500, "人民币壹万零伍元整"),
        (1_050_000, "人民币壹万零伍佰元整"),
        (1_130_000, "人民币壹万壹仟叁佰元整"),
        (900_000, "人民币玖仟元整"),
        (10_005, "人民币壹佰元零伍分"),
        (10_050, "人民币壹佰元伍角整"),
        (50, "人民币伍角整"),
        (7, "人民币柒分"),
        (0, "人民币零元整"),
        (102_030_400, "人民币壹佰零贰万零叁佰零肆元整"),
        (10_000_000_500, "人民币壹亿零伍元整"),
        (12_345_678_900, "人民币壹亿贰仟叁佰肆拾伍万陆仟柒佰捌拾玖元整"),
        (10_000_000_000_000, "人民币壹仟亿元整"),
        (100_000_000_000_000, "人民币壹万亿元整"),
        (123_450_000_000_000, "人民币壹万贰仟叁佰肆拾伍亿元整"),
        (10_000_200_000_000, "人民币壹仟亿零贰佰万元整"),
        (1_000_000_000_000_000_000, "人民币壹亿亿元整"),
    ] as [(Int64, String)])
    func capitals(fen: Int64, expected: String) {
        #expect(ChineseCapitals.amount(Fen(fen)) == expected)
    }

    /// Every amount reads back to itself: the words name each non-zero digit with its place once, in order.
    @Test func everyAmountHasOneReading() {
        var generator = SystemRandomNumberGenerator()
        let values = "零壹贰叁肆伍陆柒捌玖"
        for _ in 0..<2000 {
            let fen = Int64.random(in: 0...(generator.next() % 2 == 0 ? 999_999_999_999 : 999_999_999_999_999_999), using: &generator)
            let words = ChineseCapitals.words(Fen(fen))
            #expect(readBack(words, digits: values) == fen, "\(fen) → \(words)")
        }
    }

    /// A reader of capitals: what a bank clerk does with the words.
    private func readBack(_ words: String, digits: String) -> Int64 {
        let digitValue = Dictionary(uniqueKeysWithValues: digits.enumerated().map { ($0.element, Int64($0.offset)) })
        var total: Int64 = 0, section: Int64 = 0, digit: Int64 = 0
        var yuan: Int64 = 0, fen: Int64 = 0
        for character in words {
            if let value = digitValue[character] { digit = value; continue }
            switch character {
            case "拾": section += digit * 10; digit = 0
            case "佰": section += digit * 100; digit = 0
            case "仟": section += digit * 1000; digit = 0
            case "万": total += (section + digit) * 10_000; section = 0; digit = 0
            case "亿": total = (total + section + digit) * 100_000_000; section = 0; digit = 0
            case "元": yuan = total + section + digit; total = 0; section = 0; digit = 0
            case "角": fen += digit * 10; digit = 0
            case "分": fen += digit; digit = 0
            default: break
            }
        }
        return yuan * 100 + fen
    }
}

@Suite("Document numbers")
struct DocumentNumberTests {
    @Test func aPatternGivesTheYearAndSequence() throws {
        let pattern = try DocumentNumber.validatePattern("平检民支〔{year}〕{n}号", field: "p")
        #expect(DocumentNumber.format(pattern, year: 2026, sequence: 3) == "平检民支〔2026〕3号")
    }

    @Test(arguments: ["平检民支〔{year}〕号", "{n}{n}", "平检〔{yr}〕{n}号", "", "平检\n{n}", "平检民支{n}号", "{year}{year}{n}"])
    func aPatternWithoutOneSequenceIsRefused(pattern: String) {
        expectRefused(.field("document_number_support_letter")) {
            try Setting.numberSupportLetter.validate(pattern)
        }
    }

    @Test func theOfficeNameIsASetting() throws {
        #expect(try Setting.officeName.validate(" 平川区人民检察院 ") == "平川区人民检察院")
        expectRefused(.field("office_name")) { try Setting.officeName.validate("") }
    }
}

@Suite("Which record a document is made from")
struct DocumentContentTests {
    static let caseDetail: CaseDetail = {
        let wageCase = WageCase(id: 7, caseNumber: "平检民支〔2026〕7号", clueID: 3, workerID: 11, workerName: "张三",
                                workerIDNumber: "110101199003070014", employerID: 2, employerName: "某建筑公司",
                                seriesID: nil, seriesName: nil, claimed: Fen(3_800_000), recovered: .zero,
                                stage: .investigating, stageDate: LocalDate(year: 2026, month: 3, day: 9)!,
                                opened: LocalDate(year: 2026, month: 3, day: 5)!, createdAt: "2026-03-05T10:00:00+08:00")
        return CaseDetail(wageCase: wageCase, events: [
            CaseEvent(id: 1, caseID: 7, stage: .accepted, date: wageCase.opened, actor: "a", note: nil),
            CaseEvent(id: 2, caseID: 7, stage: .investigating, date: wageCase.stageDate, actor: "a", note: nil),
        ], recoveries: [])
    }()

    static func facts(_ detail: CaseDetail = caseDetail) -> DocumentFacts {
        var facts = DocumentFacts(office: "平川区人民检察院", date: LocalDate(year: 2026, month: 11, day: 27)!, number: "X〔2026〕1号")
        facts.caseDetail = detail
        return facts
    }

    @Test func anAcceptanceNoticeCarriesTheFactsInFiguresAndCapitals() throws {
        let fields = try DocumentContent.fields(.acceptanceNotice, Self.facts())
        #expect(fields.text("worker_name") == "张三")
        #expect(fields.text("worker_id_number") == "110101199003070014")
        #expect(fields.text("claimed") == "38,000.00元")
        #expect(fields.text("claimed_capitals") == "人民币叁万捌仟元整")
        #expect(fields.text("accepted_on") == "2026年3月5日")
        #expect(fields.text("date") == "2026年11月27日")
        #expect(fields.text("number") == "X〔2026〕1号")
        #expect(fields["court"] == nil, "a field not recorded is left out, so a template can test it")
    }

    @Test func aSupportLetterNeedsTheDecisionToSupport() throws {
        expectRefused(.state(action: "make a support letter")) {
            try DocumentContent.fields(.supportLetter, Self.facts())
        }
        var detail = Self.caseDetail
        detail.events.append(CaseEvent(id: 3, caseID: 7, stage: .supportDecided,
                                       date: LocalDate(year: 2026, month: 3, day: 20)!, actor: "a", note: nil))
        detail.wageCase.stage = .supportDecided
        #expect(try DocumentContent.fields(.supportLetter, Self.facts(detail)).text("decided_on") == "2026年3月20日")
    }

    @Test func aDecisionNotToSupportNeedsTheCaseDeclined() {
        expectRefused(.state(action: "make a decision not to support")) {
            try DocumentContent.fields(.declineNotice, Self.facts())
        }
    }

    @Test func noDocumentWithoutTheOfficeName() {
        var facts = Self.facts()
        facts.office = ""
        expectRefused(.field("office_name")) { try DocumentContent.fields(.acceptanceNotice, facts) }
    }

    @Test func aDocumentIsMadeFromItsOwnKindOfRecord() {
        expectRefused(.field("clue")) { try DocumentSubject.clue(1).check(for: .supportLetter) }
        expectRefused(.field("case")) { try DocumentSubject.wageCase(CaseReference("1")).check(for: .referralLetter) }
    }

    @Test func everyFieldTheBuiltInValuesCarryIsInTheSchema() throws {
        var detail = Self.caseDetail
        detail.wageCase.stage = .declined
        detail.events.append(CaseEvent(id: 3, caseID: 7, stage: .declined, date: LocalDate(year: 2026, month: 3, day: 20)!,
                                       actor: "a", note: "证据不足"))
        let fields = try DocumentContent.fields(.declineNotice, Self.facts(detail))
        let schema = DocumentFieldSchema.of(.declineNotice)
        for name in fields.values.keys { #expect(schema.field(name) != nil, "\(name) is filled but not listed") }
    }
}

@Suite("Evidence file types told by their bytes")
struct FileSniffingTests {
    static let jpeg: [UInt8] = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10] + Array("JFIF".utf8) + [UInt8](repeating: 0x11, count: 200) + [0xFF, 0xD9]
    static let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + [UInt8](repeating: 0, count: 50)
        + [0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82]
    static let pdf = Array("%PDF-1.7\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n".utf8)
    static let heic: [UInt8] = [0, 0, 0, 24] + Array("ftypheic".utf8) + [0, 0, 0, 0] + Array("mif1heic".utf8) + [UInt8](repeating: 7, count: 100)

    /// The smallest ZIP holding entries of these names (stored, empty).
    static func zip(_ names: [String]) -> [UInt8] {
        var local: [UInt8] = [], central: [UInt8] = []
        func le16(_ v: Int) -> [UInt8] { [UInt8(v & 0xFF), UInt8((v >> 8) & 0xFF)] }
        func le32(_ v: Int) -> [UInt8] { le16(v & 0xFFFF) + le16(v >> 16) }
        for name in names {
            let offset = local.count
            let bytes = Array(name.utf8)
            local += [0x50, 0x4B, 0x03, 0x04] + le16(20) + le16(0) + le16(0) + le16(0) + le16(0) + le32(0) + le32(0)
                + le32(0) + le16(bytes.count) + le16(0) + bytes
            central += [0x50, 0x4B, 0x01, 0x02] + le16(20) + le16(20) + le16(0) + le16(0) + le16(0) + le16(0) + le32(0)
                + le32(0) + le32(0) + le16(bytes.count) + le16(0) + le16(0) + le16(0) + le16(0) + le32(0) + le32(offset) + bytes
        }
        let end: [UInt8] = [0x50, 0x4B, 0x05, 0x06] + le16(0) + le16(0) + le16(names.count) + le16(names.count)
            + le32(central.count) + le32(local.count) + le16(0)
        return local + central + end
    }

    @Test func theAllowedTypesAreKnownByTheirBytes() throws {
        #expect(try FileSniffing.detect(Self.jpeg, fileName: "IMG_0001.JPG") == .jpeg)
        #expect(try FileSniffing.detect(Self.png, fileName: "考勤表.png") == .png)
        #expect(try FileSniffing.detect(Self.pdf, fileName: "判决书.pdf") == .pdf)
        #expect(try FileSniffing.detect(Self.heic, fileName: "photo.HEIC") == .heic)
        #expect(try FileSniffing.detect(Self.zip(["[Content_Types].xml", "word/document.xml"]), fileName: "合同.docx") == .docx)
        #expect(try FileSniffing.detect(Self.zip(["[Content_Types].xml", "xl/workbook.xml"]), fileName: "工资表.xlsx") == .xlsx)
        #expect(try FileSniffing.detect(Self.zip(["OFD.xml", "Doc_0/Document.xml"]), fileName: "裁决书.ofd") == .ofd)
        #expect(try FileSniffing.detect(Self.jpeg, fileName: nil) == .jpeg)
    }

    @Test func aRenamedExecutableIsRefused() {
        let elf: [UInt8] = [0x7F, 0x45, 0x4C, 0x46, 2, 1, 1, 0] + [UInt8](repeating: 0, count: 120)
        expectRefused(.field("file", mentioning: "is not a file type evidence may be")) {
            try FileSniffing.detect(elf, fileName: "欠条.jpg")
        }
        let windows: [UInt8] = Array("MZ".utf8) + [UInt8](repeating: 0x90, count: 300)
        expectRefused(.field("file")) { try FileSniffing.detect(windows, fileName: "photo.pdf") }
        let script = Array("#!/bin/sh\nrm -rf /\n".utf8)
        expectRefused(.field("file")) { try FileSniffing.detect(script, fileName: "工资表.xlsx") }
        // A plain ZIP, or a Word document without its parts, is not a DOCX.
        expectRefused(.field("file")) { try FileSniffing.detect(Self.zip(["payload.exe"]), fileName: "合同.docx") }
    }

    @Test func aPolyglotIsRefused() {
        // A photo with an archive glued after it opens as either.
        let jpegZip = Self.jpeg + Self.zip(["[Content_Types].xml", "word/document.xml"])
        expectRefused(.field("file", mentioning: "polyglot")) { try FileSniffing.detect(jpegZip, fileName: "photo.jpg") }
        let pdfZip = Self.pdf + Self.zip(["evil.html"])
        expectRefused(.field("file", mentioning: "polyglot")) { try FileSniffing.detect(pdfZip, fileName: "a.pdf") }
        // A PNG that carries a page a browser could run.
        let pngHTML = Array(Self.png.prefix(8)) + Array("<html><script>alert(1)</script>".utf8) + Array(Self.png.dropFirst(8))
        expectRefused(.field("file", mentioning: "polyglot")) { try FileSniffing.detect(pngHTML, fileName: "a.png") }
        // An archive whose comment ends as a JPEG or a PNG ends.
        var zipEndingLikeJPEG = Self.zip(["evil.html"])
        zipEndingLikeJPEG[zipEndingLikeJPEG.count - 2] = 2
        zipEndingLikeJPEG += [0xFF, 0xD9]
        expectRefused(.field("file", mentioning: "polyglot")) {
            try FileSniffing.detect(Array(Self.jpeg.dropLast(2)) + zipEndingLikeJPEG, fileName: "a.jpg")
        }
        var zipEndingLikePNG = Self.zip(["evil.html"])
        zipEndingLikePNG[zipEndingLikePNG.count - 2] = 8
        zipEndingLikePNG += Array(Self.png.suffix(8))
        expectRefused(.field("file", mentioning: "polyglot")) {
            try FileSniffing.detect(Array(Self.png.dropLast(8)) + zipEndingLikePNG, fileName: "a.png")
        }
        // A PNG with something after its end.
        expectRefused(.field("file")) { try FileSniffing.detect(Self.png + Array("PK extra".utf8), fileName: "a.png") }
    }

    @Test func aNameThatDoesNotMatchTheContentIsRefused() {
        expectRefused(.field("file", mentioning: "does not match")) { try FileSniffing.detect(Self.pdf, fileName: "photo.jpg") }
        expectRefused(.field("file", mentioning: "does not match")) { try FileSniffing.detect(Self.jpeg, fileName: "page.html") }
    }
}
