import GRDB
import WagecaseCore

// A realistic demo dataset modelled on seed 000 (a district procuratorate's year): 22 clues from petitions,
// legal aid and labor disputes; 18 cases where support was decided; 4 procuratorial settlements; ¥38,000.00
// recovered. It contains a crew series and a case at every stage. All identifiers are made up but valid.

/// What `loadSample` did.
public enum SampleLoadResult: Sendable, Equatable {
    case loaded
    case alreadyLoaded
}

extension AppDatabase {
    static let sampleMarkerCreditCode = "91620403MA71ABCD0K"

    /// Loads the sample into an empty database in one transaction; does nothing when it is there already.
    public func loadSample(actor: String) throws -> SampleLoadResult {
        let state = try read { db -> (loaded: Bool, empty: Bool) in
            let loaded = try Bool.fetchOne(db, cached: "SELECT EXISTS (SELECT 1 FROM employer WHERE credit_code = ?)",
                                           arguments: [Self.sampleMarkerCreditCode]) ?? false
            let empty = try Int.fetchOne(db, cached: "SELECT (SELECT COUNT(*) FROM worker) + (SELECT COUNT(*) FROM employer)") == 0
            return (loaded, empty)
        }
        if state.loaded { return .alreadyLoaded }
        guard state.empty else {
            throw WagecaseError.invalidState(entity: "database", key: "", state: "not empty", action: "load the sample",
                                             allowed: "the database is new; use --db demo.sqlite")
        }
        try batch { try SampleStory(database: self, actor: actor).load() }
        return .loaded
    }
}

private struct SampleStory {
    let database: AppDatabase
    let actor: String

    /// One single-worker clue: where it came from, what is claimed, the stages its case went through and the
    /// payments made (after which stage, how much, which route). An empty plan leaves the clue undecided.
    struct Single {
        var source: ClueSource
        var claim: String
        var plan: [CaseStage]
        var payments: [(after: CaseStage, amount: String, route: RecoveryRoute)] = []
        var clueOutcome: ClueStatus = .converted
        var summary: String
    }

    static let names = [
        "张建国", "李卫东", "王志强", "赵永红", "刘德华", "陈小兵", "杨国庆", "黄海波", "周明", "吴学军",
        "徐长青", "孙立平", "马福祥", "朱宝山", "胡文斌", "郭春生", "何玉兰", "高建军", "林国栋", "罗大勇",
        "梁永福", "宋国强", "郑金山", "谢天宝", "韩卫国", "唐志刚", "冯有才",
    ]

    static let idNumbers = [
        "620403198203136761", "62040219650227558X", "620421196806190699", "620422199404020988",
        "620423198907032560", "621121196709140707", "622921196904216521", "62052119651019416X",
        "620403196504025804", "620402197005141577", "620421196910105837", "620422197302195948",
        "620423197406045705", "621121196610026437", "622921197508225543", "620521198906156097",
        "620403199106102644", "620402197312252592", "62042119671010547X", "620422199306244697",
        "620423198010031301", "621121199407067851", "622921198303164411", "620521196411037927",
        "62040319820623368X", "620402199310264775", "620421196602094953",
    ]

    static let court: [CaseStage] = [.accepted, .investigating, .supportDecided, .letterIssued, .courtFiled]

    static let singles: [Single] = [
        Single(source: .petition, claim: "18,600", plan: [], clueOutcome: .rejected,
               summary: "反映工程款结算争议，非农民工工资"),
        Single(source: .legalAid, claim: "9,800", plan: [], clueOutcome: .referred, summary: "用工单位在外省，已移送"),
        Single(source: .laborDispute, claim: "12,000", plan: [], clueOutcome: .screening, summary: "仲裁裁决后未履行"),
        Single(source: .petition, claim: "15,000", plan: [.accepted], summary: "钢筋工工资拖欠"),
        Single(source: .legalAid, claim: "7,200", plan: [.accepted], summary: "小工工资拖欠"),
        Single(source: .laborDispute, claim: "21,000", plan: [.accepted, .investigating], summary: "木工班工资拖欠"),
        Single(source: .petition, claim: "6,000", plan: [.accepted, .investigating, .settled, .closed],
               payments: [(.settled, "6,000", .employerPaid)], summary: "经检察和解当场支付"),
        Single(source: .legalAid, claim: "5,500", plan: [.accepted, .investigating, .settled, .closed],
               payments: [(.settled, "5,500", .employerPaid)], summary: "检察和解，分两次支付"),
        Single(source: .laborDispute, claim: "3.2万", plan: [.accepted, .investigating, .declined],
               summary: "证据不足以证明劳动关系"),
        Single(source: .petition, claim: "4,500", plan: [.accepted, .investigating, .supportDecided, .settled, .closed],
               payments: [(.settled, "4,500", .employerPaid)], summary: "支持起诉后达成和解"),
        Single(source: .legalAid, claim: "12,000", plan: [.accepted, .investigating, .supportDecided, .settled],
               payments: [(.settled, "7,000", .employerPaid)], summary: "和解后首付款已付"),
        Single(source: .laborDispute, claim: "16,400", plan: [.accepted, .investigating, .supportDecided],
               summary: "油漆工工资"),
        Single(source: .petition, claim: "11,300", plan: Array(court.prefix(4)), summary: "架子工工资"),
        Single(source: .legalAid, claim: "13,750", plan: court, summary: "电焊工工资"),
        Single(source: .laborDispute, claim: "15,600", plan: court + [.judgment, .enforcement, .closed],
               payments: [(.enforcement, "3,000", .courtEnforcement)], summary: "判决后申请强制执行"),
        Single(source: .petition, claim: "10,900", plan: court + [.judgment], summary: "泥瓦工工资"),
        Single(source: .legalAid, claim: "19,200", plan: court + [.judgment, .enforcement], summary: "执行中"),
        Single(source: .laborDispute, claim: "8,000", plan: court + [.withdrawn, .closed], summary: "起诉后撤诉"),
        Single(source: .petition, claim: "9,100", plan: court + [.mediated], summary: "法院调解结案待履行"),
        Single(source: .legalAid, claim: "14,000", plan: court + [.withdrawn], summary: "原告撤诉"),
        Single(source: .laborDispute, claim: "8,800", plan: court + [.mediated, .enforcement, .closed],
               payments: [(.enforcement, "3,000", .emergencyFund)], summary: "应急周转金先行垫付"),
    ]

    func load() throws {
        let general = try database.addEmployer(
            NewEmployer.parse(name: "甘肃平川建设工程有限公司", creditCode: AppDatabase.sampleMarkerCreditCode,
                              kind: "general-contractor"), actor: actor)
        let labor = try database.addEmployer(
            NewEmployer.parse(name: "白银恒达劳务有限公司", creditCode: "91620400MA74XK2P3P", kind: "labor-company"),
            actor: actor)
        let sub = try database.addEmployer(
            NewEmployer.parse(name: "平川区鑫源建筑安装有限公司", creditCode: "91620403MA7LW8Q61A",
                              kind: "subcontractor"), actor: actor)
        let housing = try database.addProject(
            NewProject.parse(name: "兴平路安置小区二期", employer: "\(general.id)", location: "平川区兴平路"), actor: actor)
        let tower = try database.addProject(
            NewProject.parse(name: "长征街商住楼", employer: "\(labor.id)", location: "平川区长征街"), actor: actor)
        let road = try database.addProject(
            NewProject.parse(name: "王家山镇道路硬化工程", employer: "\(sub.id)", location: "平川区王家山镇"), actor: actor)

        for (index, name) in Self.names.enumerated() {
            _ = try database.addWorker(
                NewWorker.parse(name: name, idNumber: Self.idNumbers[index],
                                phone: "1390943\(String(1000 + index * 37).suffix(4))",
                                bankCard: index % 3 == 0 ? "622848043911\(String(100_000 + index * 7919).suffix(6))" : nil,
                                hometown: index % 2 == 0 ? "甘肃省白银市平川区" : "甘肃省定西市"), actor: actor)
        }

        var caseNumber = 0
        func nextNumbers(_ count: Int) -> [String] {
            (0..<count).map { _ in caseNumber += 1; return "平检民支〔2024〕\(caseNumber)号" }
        }

        // The crew: six workers on one clue, one series, paid from the project's guarantee deposit after mediation.
        let crewReceived = LocalDate(year: 2024, month: 3, day: 4)!
        let crew = try database.addClue(
            NewClue(source: .petition, received: crewReceived, employer: .id(labor.id), project: .id(tower.id),
                    claims: (0..<6).map { i in
                        ClaimInput(idNumber: try! ResidentID.parse(Self.idNumbers[i]), claimed: Fen(900_000))
                    },
                    summary: "长征街商住楼钢筋班组6人集体讨薪（信访转来）"), actor: actor).clue
        let crewCases = try database.openCases(
            OpenCases(clueID: crew.id, series: "长征街商住楼班组欠薪系列案", opened: crewReceived.adding(days: 4),
                      caseNumbers: nextNumbers(6)), actor: actor)
        for (index, wageCase) in crewCases.enumerated() {
            var date = crewReceived.adding(days: 4)
            var plan: [CaseStage] = Array(Self.court.dropFirst()) + [.mediated]
            if index < 3 { plan.append(.closed) } else if index < 5 { plan.append(.enforcement) }
            for stage in plan {
                date = date.adding(days: stage == .mediated ? 40 : 10)
                _ = try database.advanceCase(CaseReference("\(wageCase.id)"), to: stage, on: date, note: nil,
                                             actor: actor)
                if stage == .mediated && index < 3 {
                    _ = try database.recordRecovery(
                        NewRecovery(caseReference: CaseReference("\(wageCase.id)"), amount: Fen(300_000),
                                    paid: date.adding(days: 5), route: .guaranteeDraw, payer: "平川区人社局（保证金专户）",
                                    note: "调解书确定分期，首期由保证金支付"), actor: actor)
                    date = date.adding(days: 5)
                }
            }
        }

        let projects = [housing, road]
        for (index, single) in Self.singles.enumerated() {
            let received = LocalDate(year: 2024, month: 2, day: 5)!.adding(days: 11 * index)
            let project = projects[index % 2]
            let clue = try database.addClue(
                NewClue(source: single.source, received: received, employer: .id(project.employerID),
                        project: .id(project.id),
                        claims: [ClaimInput(idNumber: try ResidentID.parse(Self.idNumbers[6 + index]),
                                            claimed: try Fen.parse(single.claim, field: "claim"))],
                        summary: single.summary), actor: actor).clue
            switch single.clueOutcome {
            case .rejected: _ = try database.rejectClue(clue.id, reason: single.summary, actor: actor)
            case .referred: _ = try database.referClue(clue.id, to: "外省某市人社局劳动保障监察支队", actor: actor)
            case .screening: _ = try database.screenClue(clue.id, actor: actor)
            default: break
            }
            guard !single.plan.isEmpty else { continue }
            var date = received.adding(days: 3)
            let opened = try database.openCases(
                OpenCases(clueID: clue.id, opened: date, caseNumbers: nextNumbers(1)), actor: actor)[0]
            let reference = CaseReference("\(opened.id)")
            for stage in single.plan.dropFirst() {
                date = date.adding(days: stage == .judgment || stage == .mediated ? 35 : 9)
                _ = try database.advanceCase(reference, to: stage, on: date, note: nil, actor: actor)
                for payment in single.payments where payment.after == stage {
                    date = date.adding(days: 2)
                    _ = try database.recordRecovery(
                        NewRecovery(caseReference: reference, amount: try Fen.parse(payment.amount, field: "amount"),
                                    paid: date, route: payment.route, payer: project.employerName), actor: actor)
                }
            }
        }
    }
}
