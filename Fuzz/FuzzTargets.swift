import Foundation
import WagecaseCore
import WagecaseImport
import WagecaseReports

/// The parsers that take bytes from outside, each as a fuzz target: they may refuse anything, never trap, hang or
/// grow without bound. `scripts/fuzz.sh` builds this with libFuzzer and AddressSanitizer; without them it replays
/// the committed corpus (the unit tests run that).
enum FuzzTarget: String, CaseIterable {
    case amount, date, idNumber = "id-number", creditCode = "credit-code", csv, xlsx, mapping, evidence, template, model

    func run(_ data: Data) {
        switch self {
        case .amount:
            let text = String(decoding: data, as: UTF8.self)
            _ = try? Fen.parse(text, field: "amount")
            _ = try? Fen.parse(ImportText.normalize(text), field: "amount")
        case .date:
            let text = String(decoding: data, as: UTF8.self)
            _ = try? LocalDate.parse(text, field: "date")
            _ = try? ImportText.date(text, field: "date")
            _ = ImportText.headingKey(text)
            _ = try? DigestPeriod.month(text)
            _ = try? WorkingDayCalendar.parseCount(text, field: "days")
        case .idNumber:
            let text = String(decoding: data, as: UTF8.self)
            _ = try? ResidentID.parse(text)
            _ = try? ResidentID.parse(text, overrideReason: "fuzz")
            _ = ResidentID.mask(text)
            _ = try? BankCard.parse(text)
            _ = PhoneNumber.mask(text)
        case .creditCode:
            let text = String(decoding: data, as: UTF8.self)
            _ = try? CreditCode.parse(text)
            _ = try? CreditCode.parse(text, overrideReason: "fuzz")
        case .csv:
            withFile(data, suffix: ".csv") { path in
                for encoding in [TextEncoding.auto, .utf8, .gb18030] {
                    guard let reader = try? CSVReader(path: path, encoding: encoding) else { continue }
                    var rows = 0
                    while rows < 100_000, (try? reader.nextRow()) ?? nil != nil { rows += 1 }
                }
            }
        case .xlsx:
            withFile(data, suffix: ".xlsx") { path in
                guard let reader = try? XLSXReader(path: path) else { return }
                while (try? reader.nextRow()) ?? nil != nil {}
            }
        case .mapping:
            withFile(data, suffix: ".yaml") { path in _ = try? ImportFile.mapping(path: path) }
        case .evidence:
            let bytes = [UInt8](data)
            _ = try? FileSniffing.detect(bytes, fileName: "upload.jpg")
            _ = try? FileSniffing.detect(bytes, fileName: nil)
        case .template:
            // An office's DOCX, or the text of one of its parts.
            _ = try? DocxDocument.checkTemplate(data, kind: .supportLetter)
            let text = String(decoding: data, as: UTF8.self)
            _ = try? TemplateCheck.check(text, kind: .supportLetter)
            _ = DocxDocument.prepared(text)
        case .model:
            // An office's model file, and a partner's row of each dataset kind under the built-in headings.
            let text = String(decoding: data, as: UTF8.self)
            _ = try? ModelFileReader.read(text: text)
            let cells = text.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            for kind in DatasetKind.allCases {
                let headings = kind.fields.filter { $0 != .unpaid }.compactMap { kind.headings($0).first }
                guard let columns = try? DatasetRowParser.columns([headings], kind: kind) else { continue }
                _ = DatasetRowParser(kind: kind, mapping: columns).parse(cells, row: 2)
            }
        }
    }

    /// The readers take paths: the input goes to a file in memory (/dev/shm when there is one).
    private func withFile(_ data: Data, suffix: String, _ body: (String) -> Void) {
        let directory = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
        let path = "\(directory)/wagecase-fuzz-\(getpid())\(suffix)"
        guard FileManager.default.createFile(atPath: path, contents: data) else { return }
        defer { unlink(path) }
        body(path)
    }

    /// The target named by WAGECASE_FUZZ_TARGET.
    static var selected: FuzzTarget? {
        ProcessInfo.processInfo.environment["WAGECASE_FUZZ_TARGET"].flatMap(FuzzTarget.init(rawValue:))
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let target = FuzzTarget.selected else {
        FileHandle.standardError.write(Data("set WAGECASE_FUZZ_TARGET to one of: \(FuzzTarget.allCases.map(\.rawValue))\n".utf8))
        exit(2)
    }
    target.run(bytes.map { Data(bytes: $0, count: count) } ?? Data())
    return 0
}
