import Foundation
import Testing

/// `wagecase document` and `wagecase case attach` as an office uses them: the HTML of each kind byte for byte as
/// reviewed, DOCX files that python-docx (and LibreOffice, where installed) open, templates, evidence.
@Suite("Documents and evidence on the command line", .serialized)
struct DocumentCLITests {
    private func sampleCLI() throws -> CLI { try CLI.sample() }

    /// Each kind from the sample, dated, as HTML: what a clerk prints. WAGECASE_UPDATE_GOLDEN=1 rewrites the
    /// files (read the diff before committing); such a run compares nothing, so it fails.
    @Test(arguments: [
        ("document-acceptance-notice.html", ["acceptance-notice", "--case", "平检民支〔2024〕7号"]),
        ("document-support-letter.html", ["support-letter", "--case", "平检民支〔2024〕16号"]),
        ("document-support-letter-series.html", ["support-letter", "--case", "1"]),
        ("document-decline-notice.html", ["decline-notice", "--case", "12"]),
        ("document-suggestion.html", ["suggestion", "--suggestion", "平检行建〔2024〕1号"]),
        ("document-referral-letter.html", ["referral-letter", "--clue", "3"]),
    ])
    func eachKindMatchesItsGoldenFile(_ name: String, _ arguments: [String]) throws {
        let cli = try sampleCLI()
        defer { cli.cleanUp() }
        let result = try cli.run(["document", "make"] + arguments + ["--format", "html", "--date", "2026-11-27", "--out", "-"])
        #expect(result.status == 0 && result.stderr.isEmpty, "\(result.stderr)")
        try Golden.expect(result.stdout, matches: name)
    }

    /// The DOCX opens in python-docx (CI installs it) with the parties, the amounts and the number in its text;
    /// where LibreOffice is installed, it converts to PDF as well.
    @Test func theDocxOpensInOtherPrograms() throws {
        let cli = try sampleCLI()
        defer { cli.cleanUp() }
        let path = cli.directory.appendingPathComponent("letter.docx").path
        let made = try cli.run(["document", "make", "support-letter", "--case", "1", "--out", path, "--json"])
        #expect(made.status == 0, "\(made.stderr)")
        #expect(made.stdout.contains("\"number\" : \"平检民支〔2026〕1号\""))
        let python = try CLI.execute(URL(fileURLWithPath: "/usr/bin/env"), ["python3", "-c", """
            import sys, docx
            d = docx.Document(sys.argv[1])
            text = "\\n".join(p.text for p in d.paragraphs)
            cells = "\\n".join(c.text for t in d.tables for r in t.rows for c in r.cells)
            print(text); print(cells)
            """, path])
        if python.status != 0 && python.stderr.contains("No module named 'docx'") {
            #expect(ProcessInfo.processInfo.environment["WAGECASE_CI"] == nil, "CI (.ci/run) installs python-docx")
        } else {
            #expect(python.status == 0, "\(python.stderr)")
            for expected in ["平川区人民检察院", "支持起诉书", "平检民支〔2026〕1号", "张建国", "620403198203136761",
                             "白银恒达劳务有限公司", "6,000.00元", "人民币陆仟元整", "人民币伍万肆仟元整", "赵永红"] {
                #expect(python.stdout.contains(expected), "python-docx does not read \(expected)")
            }
        }
        if FileManager.default.isExecutableFile(atPath: "/usr/bin/soffice") {
            let out = cli.directory.appendingPathComponent("pdf").path
            let converted = try CLI.execute(URL(fileURLWithPath: "/usr/bin/soffice"),
                                            ["--headless", "-env:UserInstallation=file://\(cli.directory.path)/lo",
                                             "--convert-to", "pdf", "--outdir", out, path])
            #expect(converted.status == 0, "\(converted.stderr)")
            #expect(FileManager.default.fileExists(atPath: out + "/letter.pdf"), "\(converted.stdout) \(converted.stderr)")
        }
    }

    @Test func numbersTemplatesAndTheRegister() throws {
        let cli = try sampleCLI()
        defer { cli.cleanUp() }
        let folder = cli.directory.path
        #expect(try cli.run(["document", "make", "acceptance-notice", "--case", "1", "--out", folder + "/a.docx"]).status == 0)
        #expect(try cli.run(["document", "void", "1", "--reason", "姓名有误"]).status == 0)
        #expect(try cli.run(["document", "make", "acceptance-notice", "--case", "1", "--out", folder + "/b.docx"]).status == 0)
        let register = try cli.run(["document", "list"])
        #expect(register.stdout.contains("平检民受〔2026〕1号") && register.stdout.contains("平检民受〔2026〕2号"))
        #expect(register.stdout.contains("姓名有误"))
        // The office exports the built-in template, edits it, installs it; a misspelt field is refused by name.
        let template = folder + "/t.docx"
        #expect(try cli.run(["document", "template", "acceptance-notice", "--export", template]).status == 0)
        let bad = folder + "/bad.docx"
        try python(["-c", """
            import sys, zipfile
            src, dst = sys.argv[1], sys.argv[2]
            with zipfile.ZipFile(src) as z, zipfile.ZipFile(dst, 'w') as out:
                for item in z.infolist():
                    data = z.read(item.filename)
                    if item.filename == 'word/document.xml':
                        data = data.replace('{{worker_name}}：'.encode(), '{{worker_nmae}}：'.encode())
                    out.writestr(item, data)
            """, template, bad])
        let refused = try cli.run(["document", "template", "acceptance-notice", bad])
        #expect(refused.status == 2 && refused.stderr.contains("{{worker_nmae}}"), "\(refused.stderr)")
        #expect(try cli.run(["document", "template", "acceptance-notice", template]).status == 0)
        let templates = try cli.run(["document", "templates"])
        #expect(templates.stdout.contains("t.docx") && templates.stdout.contains("内置模板"))
        // A support letter for a case nobody decided to support is refused, in Chinese, naming why.
        let early = try cli.run(["document", "make", "support-letter", "--case", "平检民支〔2024〕7号"])
        #expect(early.status == 2 && early.stderr.contains("本院已决定支持起诉的案件"), "\(early.stderr)")
    }

    @Test func evidenceIsKeptWithTheCaseAndWrittenOutAgain() throws {
        let cli = try sampleCLI()
        defer { cli.cleanUp() }
        let folder = cli.directory.path
        let photo = Data([0xFF, 0xD8, 0xFF, 0xE0] + [UInt8](repeating: 0x33, count: 500) + [0xFF, 0xD9])
        try photo.write(to: URL(fileURLWithPath: folder + "/欠条.jpg"))
        let attached = try cli.run(["case", "attach", "1", folder + "/欠条.jpg", "--kind", "iou", "--note", "包工头签字"])
        #expect(attached.status == 0 && attached.stdout.contains("欠条"), "\(attached.stderr)")
        try Data("MZ this is a program".utf8).write(to: URL(fileURLWithPath: folder + "/照片.jpg"))
        let program = try cli.run(["case", "attach", "1", folder + "/照片.jpg", "--kind", "photo"])
        #expect(program.status == 2 && program.stderr.contains("不是证据材料允许的文件类型"), "\(program.stderr)")
        #expect(try cli.run(["case", "attachment", "get", "1", "--out", folder + "/back.jpg"]).status == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: folder + "/back.jpg")) == photo)
        #expect(try cli.run(["case", "attachment", "remove", "1", "--reason", "重复上传"]).status == 0)
        let listed = try cli.run(["case", "attachments", "1"])
        #expect(listed.stdout.contains("重复上传"))
    }

    private func python(_ arguments: [String]) throws {
        let result = try CLI.execute(URL(fileURLWithPath: "/usr/bin/env"), ["python3"] + arguments)
        guard result.status == 0 else { throw CLIFailure(result: result) }
    }
}
