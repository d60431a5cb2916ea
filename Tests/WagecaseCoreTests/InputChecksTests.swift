import Testing
@testable import WagecaseCore

@Suite("Checks on the way in: phones, names, bank cards")
struct InputChecksTests {
    @Test("a phone number is stored in one form", arguments: [
        ("13909431234", "13909431234"), ("139 0943 1234", "13909431234"), ("139-0943-1234", "13909431234"),
        ("+86 139 0943 1234", "13909431234"), ("0086 13909431234", "13909431234"), ("8613909431234", "13909431234"),
        ("１３９０９４３１２３４", "13909431234"), (" 13909431234 ", "13909431234"),
        ("0943-8212345", "0943-8212345"), ("(0943)8212345", "0943-8212345"), ("0943 8212345", "0943-8212345"),
        ("09438212345", "0943-8212345"), ("010-12345678", "010-12345678"), ("01012345678", "010-12345678"),
        ("021 6234 5678", "021-62345678"), ("0571-87654321", "0571-87654321"),
    ])
    func phoneForms(input: String, stored: String) throws {
        #expect(try TextField.phone(input) == stored)
    }

    @Test("what is neither a mobile number nor a landline with its area code is refused", arguments: [
        "12345", "1390943123", "139094312345", "23909431234", "12909431234", "8212345", "0943-123456",
        "0943-012345678", "139O9431234", "tel 13909431234", "+1 415 555 0100",
    ])
    func phonesRefused(input: String) {
        #expect(throws: WagecaseError.self) { try TextField.phone(input) }
        do {
            _ = try TextField.phone(input)
        } catch {
            #expect(error.message(.zh).contains("应为以1开头的11位手机号码"), "\(error.message(.zh))")
        }
    }

    @Test("names lose the spaces an export put between Chinese characters, and only those")
    func names() throws {
        #expect(try TextField.name(" 张 三 ", field: "name") == "张三")
        #expect(try TextField.name("张\u{3000}三", field: "name") == "张三")
        #expect(try TextField.name("平川区  鑫源 建筑安装有限公司", field: "name") == "平川区鑫源建筑安装有限公司")
        #expect(try TextField.name("买买提 · 艾力", field: "name") == "买买提·艾力")
        #expect(try TextField.name("Zhang San", field: "name") == "Zhang San")
        #expect(try TextField.name("张 San", field: "name") == "张 San")
        #expect(try TextField.name("2号楼 A座", field: "name") == "2号楼 A座")
        #expect(try NewWorker.parse(name: "吴 学军", idNumber: "11010519491231002X").name == "吴学军")
    }

    @Test("a bank card number passes the Luhn check or is recorded with a reason, which the audit keeps")
    func bankCards() throws {
        #expect(BankCard.passesLuhn("6228480439110012341") && !BankCard.passesLuhn("6228480439110012345"))
        #expect(BankCard.passesLuhn("4111111111111111") && !BankCard.passesLuhn("4111111111111112"))
        #expect(try BankCard.parse("6228 4804 3911 0012 341") == "6228480439110012341")
        do {
            _ = try BankCard.parse("6228480439110012345")
            Issue.record("a card failing the Luhn check was accepted")
        } catch {
            let text = error.message(.zh)
            #expect(text.contains("银行卡号校验位不符") && !text.contains("6228480439110012345"), "\(text)")
        }
        let worker = try NewWorker.parse(name: "张三", idNumber: "11010519491231002X", overrideReason: "卡面如此",
                                         bankCard: "6228480439110012345")
        #expect(worker.bankCard == "6228480439110012345")
        #expect(worker.overrideAuditReason == "bank card check digit overridden: 卡面如此")
        #expect(worker.storedOverrideReason == nil)
        let both = try NewWorker.parse(name: "张三", idNumber: "110105194912310020", overrideReason: "原件如此",
                                       bankCard: "6228480439110012345")
        #expect(both.overrideAuditReason == "ID number check digit overridden; bank card check digit overridden: 原件如此")
        #expect(try NewWorker.parse(name: "张三", idNumber: "11010519491231002X", overrideReason: "多余",
                                    bankCard: "6228480439110012341").overrideAuditReason == nil)
    }
}
