import GRDB
import WagecaseCore
import WagecaseStore

// A realistic demo dataset modelled on seed 000 (a district procuratorate's year): 22 clues from petitions,
// legal aid and labor disputes; 18 cases where support was decided; 4 procuratorial settlements; ¥38,000.00
// recovered. It contains a crew series and a case at every stage; on the guarantee side, a letter past its end
// on an unfinished project (保函超期), a deposit drawn for the crew and replenished, a return left pending,
// arrears on a project whose guarantee sits untouched, and the two suggestions that secured ¥28,039,000.
// All identifiers are made up but valid.

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
                                             allowed: "the database is new (load the sample into a new file)")
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
        Single(source: .laborDispute, claim: "16,400",
               plan: [.accepted, .investigating, .supportDecided, .arbitrationFiled, .award],
               summary: "油漆工工资，支持申请劳动仲裁，已裁决"),
        Single(source: .petition, claim: "11,300", plan: Array(court.prefix(4)), summary: "架子工工资"),
        Single(source: .legalAid, claim: "13,750", plan: court + [.suitDismissed, .courtFiled],
               summary: "电焊工工资，驳回起诉后补正材料再次起诉"),
        Single(source: .laborDispute, claim: "15,600", plan: court + [.judgment, .enforcement, .closed],
               payments: [(.enforcement, "3,000", .courtEnforcement)], summary: "判决后申请强制执行"),
        Single(source: .petition, claim: "10,900", plan: court + [.claimDismissed, .appealed, .judgment],
               summary: "泥瓦工工资，一审驳回诉讼请求，上诉后二审改判"),
        Single(source: .legalAid, claim: "19,200",
               plan: court + [.judgment, .enforcement, .enforcementEnded, .enforcementResumed],
               summary: "终结本次执行后发现财产，恢复执行"),
        Single(source: .laborDispute, claim: "8,000",
               plan: [.accepted, .investigating, .supportDecided, .paymentOrder, .enforcement, .closed],
               summary: "支持申请支付令，用人单位未提出异议，申请执行后无财产可供执行"),
        Single(source: .petition, claim: "9,100", plan: court + [.supportWithdrawn],
               summary: "当事人另行委托律师代理，撤回支持起诉"),
        Single(source: .legalAid, claim: "14,000", plan: court + [.withdrawn], summary: "原告撤诉"),
        Single(source: .laborDispute, claim: "8,800", plan: court + [.mediated, .enforcement, .closed],
               payments: [(.enforcement, "3,000", .emergencyFund)], summary: "应急周转金先行垫付"),
    ]

    func load() throws {
        // The office whose papers the sample's documents are: its name and its numbering per kind of document.
        for (setting, value) in [(Setting.officeName, "平川区人民检察院"),
                                 (.numberAcceptanceNotice, "平检民受〔{year}〕{n}号"),
                                 (.numberSupportLetter, "平检民支〔{year}〕{n}号"),
                                 (.numberDeclineNotice, "平检民不支〔{year}〕{n}号"),
                                 (.numberSuggestion, "平检行建〔{year}〕{n}号"),
                                 (.numberReferralLetter, "平检民移〔{year}〕{n}号")] {
            _ = try database.setSetting(setting, to: value, actor: actor)
        }
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
                                bankCard: index % 3 == 0 ? Self.card("622848043911\(String(100_000 + index * 7919).suffix(6))") : nil,
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
                if stage == .supportDecided {
                    // The crew's written applications came with their petition.
                    _ = try database.recordActivity(CaseReference("\(wageCase.id)"), kind: .application,
                                                    on: crewReceived, note: "书面申请支持起诉", actor: actor)
                }
                // The first three crew cases close once the guarantee draw is ordered to pay them (recorded below).
                _ = try database.advanceCase(CaseReference("\(wageCase.id)"), to: stage, on: date, note: nil,
                                             closingReason: stage == .closed ? .otherRoute : nil, actor: actor)
                if stage == .mediated && index < 3 { date = date.adding(days: 5) }
            }
        }

        try loadGuarantees(housing: housing, tower: tower, road: road, crewPaid: Array(crewCases.prefix(3)))

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
            // Inside the sample's batch nothing is read back: what is still owed is counted here.
            var recovered = Fen.zero
            for stage in single.plan.dropFirst() {
                date = date.adding(days: stage == .judgment || stage == .mediated ? 35 : 9)
                if stage == .supportDecided {
                    _ = try database.recordActivity(reference, kind: .application, on: received,
                                                    note: "书面申请支持起诉", actor: actor)
                }
                let closing: ClosingReason? = stage != .closed || recovered >= opened.claimed ? nil
                    : recovered == .zero ? .unrecoverable : .partlyRecovered
                _ = try database.advanceCase(reference, to: stage, on: date, note: nil, closingReason: closing, actor: actor)
                for payment in single.payments where payment.after == stage {
                    date = date.adding(days: 2)
                    let amount = try Fen.parse(payment.amount, field: "amount")
                    recovered = recovered + amount
                    _ = try database.recordRecovery(
                        NewRecovery(caseReference: reference, amount: amount,
                                    paid: date, route: payment.route, payer: project.employerName), actor: actor)
                }
            }
        }
    }

    /// Runs inside the sample's batch, so it uses what the writes returned and reads nothing on its own.
    private func loadGuarantees(housing: Project, tower: Project, road: Project, crewPaid: [WageCase]) throws {
        // The deposit is due 20 working days after the construction permit (Art. 8).
        func details(_ details: ProjectDetails, permit: String) throws -> ProjectDetails {
            var details = details
            details.deposit = try DepositFactChanges.parse(permitDate: permit)
            return details
        }
        _ = try database.updateProject(.id(housing.id), details(ProjectDetails.parse(
            region: "620403", contractPrice: "18000万", start: "2023-09-01", plannedCompletion: "2025-12-31"),
            permit: "2023-08-18"), reason: "施工许可证载明", actor: actor)
        _ = try database.updateProject(.id(tower.id), details(ProjectDetails.parse(
            region: "620403", contractPrice: "6500万", start: "2023-05-10", plannedCompletion: "2024-10-31",
            actualCompletion: "2024-10-30", status: "completed"), permit: "2023-04-26"), reason: "竣工验收备案", actor: actor)
        _ = try database.updateProject(.id(road.id), details(ProjectDetails.parse(
            region: "620421", contractPrice: "2600万", start: "2024-04-01", plannedCompletion: "2025-06-30"),
            permit: "2024-03-15"), reason: "施工许可证载明", actor: actor)

        // 保函超期: the housing project's letter ended on 2024-09-01 while building went on.
        let letter = try database.addGuarantee(NewGuarantee(
            project: .id(housing.id), kind: .bankLetter, amount: Fen(360_000_000), issuer: "中国农业银行平川支行",
            documentNumber: "BH620403-2023-017", effective: LocalDate(year: 2023, month: 9, day: 1)!,
            ends: LocalDate(year: 2024, month: 9, day: 1)!,
            validityOverride: "受理时未核对保函有效期是否覆盖合同工期（检察建议所指问题）"), actor: actor)
        // After the suggestion the contractor paid part in cash (抵存), still short of the required amount.
        _ = try database.addGuarantee(NewGuarantee(
            project: .id(housing.id), kind: .cashDeposit, amount: Fen(50_000_000), issuer: "平川区农民工工资保证金专户",
            documentNumber: "XJ-2024-031", effective: LocalDate(year: 2024, month: 11, day: 20)!), actor: actor)

        // The tower's cash deposit paid the crew's first instalment (the bank paid the notice three days on), was
        // topped up; after completion the 30-day notice ran, the contractor applied, and the return stalled.
        let cash = try database.addGuarantee(NewGuarantee(
            project: .id(tower.id), kind: .cashDeposit, amount: Fen(130_000_000), issuer: "平川区农民工工资保证金专户",
            documentNumber: "XJ-2023-012", effective: LocalDate(year: 2023, month: 5, day: 10)!), actor: actor)
        for (kind, date, amount, notice) in [
            (GuaranteeEventKind.drawn, "2024-06-01", "9000", "平人社支〔2024〕3号"),
            (.replenished, "2024-06-12", "9000", nil), (.noticeStarted, "2024-11-05", nil, nil),
            (.returnRequested, "2024-12-06", nil, nil),
        ] as [(GuaranteeEventKind, String, String?, String?)] {
            _ = try database.recordGuaranteeEvent(NewGuaranteeEvent(
                guaranteeID: cash.guarantee.id, kind: kind, date: try LocalDate.parse(date, field: "on"),
                amount: try amount.map { a throws(WagecaseError) in try Fen.parse(a, field: "amount") },
                noticeNumber: notice,
                // The first instalment the mediation fixed: ¥3,000 to each of the three workers, recorded on their
                // cases by the draw itself.
                cases: kind == .drawn ? crewPaid.map { DrawnCase(CaseReference("\($0.id)"), amount: Fen(300_000)) } : [],
                note: kind == .drawn ? "调解书确定分期，首期由保证金支付" : nil,
                paidOn: kind == .drawn ? LocalDate(year: 2024, month: 6, day: 4)! : nil), actor: actor)
        }

        // The road project's insurance has never been drawn although its workers' cases are open.
        _ = try database.addGuarantee(NewGuarantee(
            project: .id(road.id), kind: .insurance, amount: Fen(52_000_000), issuer: "某财产保险股份有限公司白银中心支公司",
            documentNumber: "BX2024-620421-088", effective: LocalDate(year: 2024, month: 4, day: 1)!,
            ends: LocalDate(year: 2027, month: 4, day: 15)!), actor: actor)

        // Seed 000: "精准发出行政违法类案检察建议2份，抵存农民工工资保证金2803.9万元".
        _ = try database.addSuggestion(NewSuggestion(
            number: "平检行建〔2024〕1号", issued: LocalDate(year: 2024, month: 9, day: 10)!, agency: "平川区人力资源和社会保障局",
            text: "建设工程领域虽缴纳农民工工资保证金但仍存在拖欠农民工工资、保函超期等问题，建议依法督促补缴、续保。",
            projects: [.id(housing.id), .id(tower.id)], guaranteeIDs: [letter.guarantee.id]), actor: actor)
        _ = try database.replySuggestion("平检行建〔2024〕1号", SuggestionReply(
            replied: LocalDate(year: 2024, month: 11, day: 5)!, summary: "已督促相关企业补缴、续保",
            secured: Fen(1_803_900_000), lettersRenewed: 3), actor: actor)
        _ = try database.addSuggestion(NewSuggestion(
            number: "平检行建〔2024〕2号", issued: LocalDate(year: 2024, month: 9, day: 20)!, agency: "平川区住房和城乡建设局",
            text: "建议对在建项目农民工工资保证金缴存情况开展排查。", projects: [.id(road.id)]), actor: actor)
        _ = try database.replySuggestion("平检行建〔2024〕2号", SuggestionReply(
            replied: LocalDate(year: 2024, month: 11, day: 15)!, summary: "已完成排查并督促缴存",
            secured: Fen(1_000_000_000)), actor: actor)
    }

    /// A sample card number: `body` and the check digit that makes it pass the Luhn check.
    static func card(_ body: String) -> String {
        let check = (0...9).first { BankCard.passesLuhn(body + String($0)) } ?? 0
        return body + String(check)
    }
}
