import Testing
import WagecaseTestSupport
@testable import WagecaseCore

@Suite("Correcting a worker, an employer, a clue")
struct RecordCorrectionsTests {
    private let worker = Worker(id: 1, name: "张建国", idNumber: "11010519491231002X", idNumberOverrideReason: nil,
                                phone: "13912345678", bankCard: "4111111111111111", hometown: "甘肃平凉", createdAt: "t")

    @Test func aWorkerCorrectionChangesWhatItNamesAndChecksNumbersAgain() throws {
        let changes = try WorkerChanges.parse(name: " 张 建 国 ", phone: "139-1234-5670", clear: ["hometown"], reason: "身份证复印件")
        let updated = changes.applied(to: worker)
        #expect(updated.name == "张建国" && updated.phone == "13912345670" && updated.hometown == nil)
        #expect(updated.idNumber == worker.idNumber && updated.bankCard == worker.bankCard)
        // A corrected ID number is checked as on the way in: a wrong check digit needs a reason, which is kept.
        expectRefused(.field("id_number")) { try WorkerChanges.parse(idNumber: "110105194912310021", reason: "笔误") }
        let overridden = try WorkerChanges.parse(idNumber: "110105194912310021", overrideReason: "户口本如此记载", reason: "笔误")
            .applied(to: worker)
        #expect(overridden.idNumber == "110105194912310021" && overridden.idNumberOverrideReason == "户口本如此记载")
        // Back to a number that checks: the override reason goes with the fault.
        var stored = overridden
        stored = try WorkerChanges.parse(idNumber: "11010519491231002x", reason: "核对原件").applied(to: stored)
        #expect(stored.idNumber == "11010519491231002X" && stored.idNumberOverrideReason == nil)
        expectRefused(.field("bank_card")) { try WorkerChanges.parse(bankCard: "4111111111111112", reason: "笔误") }
        expectRefused(.field("phone")) { try WorkerChanges.parse(phone: "12345", reason: "笔误") }
    }

    @Test func aCorrectionSaysWhyAndNamesSomethingToChange() {
        expectRefused(.field("reason")) { try WorkerChanges.parse(name: "李四", reason: nil) }
        expectRefused(.field("reason")) { try EmployerChanges.parse(name: "某公司", reason: "  ") }
        expectRefused(.field("changes")) { try WorkerChanges.parse(reason: "无") }
        expectRefused(.field("changes")) { try EmployerChanges.parse(reason: "无") }
        expectRefused(.field("changes")) { try ClueChanges.parse(reason: "无") }
        expectRefused(.field("phone")) { try WorkerChanges.parse(phone: "13912345678", clear: ["phone"], reason: "x") }
        expectRefused(.field("clear")) { try WorkerChanges.parse(clear: ["name"], reason: "x") }
        expectRefused(.field("clear")) { try ClueChanges.parse(clear: ["employer"], reason: "x") }
    }

    @Test func anEmployerCorrectionChecksTheCreditCodeAgain() throws {
        let employer = Employer(id: 3, name: "甘肃某建筑公司", creditCode: "91350200776049653A",
                                creditCodeOverrideReason: nil, kind: .other, createdAt: "t")
        let updated = try EmployerChanges.parse(name: "甘肃某建筑工程有限公司", creditCode: "91440101MA5CJQ4N59",
                                                kind: "general-contractor", reason: "营业执照").applied(to: employer)
        #expect(updated.name == "甘肃某建筑工程有限公司" && updated.creditCode == "91440101MA5CJQ4N59")
        #expect(updated.kind == .generalContractor && updated.id == 3)
        expectRefused(.field("credit_code")) { try EmployerChanges.parse(creditCode: "91350200776049653B", reason: "x") }
        let overridden = try EmployerChanges.parse(creditCode: "91350200776049653B", overrideReason: "执照如此", reason: "x")
            .applied(to: employer)
        #expect(overridden.creditCodeOverrideReason == "执照如此")
        expectRefused(.field("kind")) { try EmployerChanges.parse(kind: "bank", reason: "x") }
    }

    @Test func aClueIsReceivedNeitherInTheFutureNorAfterItsCases() throws {
        let changes = try ClueChanges.parse(received: "2025-03-01", reason: "来信落款日期")
        try changes.checkDate(today: LocalDate.parseISO("2026-11-26")!, firstCaseOpened: LocalDate.parseISO("2025-03-01"))
        expectRefused(.field("received")) {
            try changes.checkDate(today: LocalDate.parseISO("2026-11-26")!, firstCaseOpened: LocalDate.parseISO("2025-02-28"))
        }
        expectRefused(.field("received")) { try changes.checkDate(today: LocalDate.parseISO("2025-02-28")!, firstCaseOpened: nil) }
        expectRefused(.field("source")) { try ClueChanges.parse(source: "fax", reason: "x") }
        // 法援 is a source as people write it.
        #expect(try ClueChanges.parse(source: "法援", reason: "x").source == .legalAid)
        let project = Project(id: 9, name: "安置小区", employerID: 2, employerName: "乙公司", location: nil, createdAt: "t")
        expectRefused(.field("project")) { try ClueChanges.checkProject(project, employerID: 1) }
        try ClueChanges.checkProject(project, employerID: 2)
    }
}
