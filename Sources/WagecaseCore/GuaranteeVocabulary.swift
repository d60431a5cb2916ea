/// Where a construction project stands.
public enum ProjectStatus: String, Vocabulary {
    case inProgress = "in-progress"
    case completed
    case suspended

    public var zh: String {
        switch self {
        case .inProgress: "在建"
        case .completed: "已竣工"
        case .suspended: "停工"
        }
    }

    public var en: String {
        switch self {
        case .inProgress: "in progress"
        case .completed: "completed"
        case .suspended: "suspended"
        }
    }
}

/// The general contractor's wage-payment record, which adjusts the required deposit (人社部发〔2021〕65号).
public enum ContractorStanding: String, Vocabulary {
    case standard
    case noArrears2y = "no-arrears-2y"
    case noArrears3y = "no-arrears-3y"
    case arrears2y = "arrears-2y"
    case dishonest

    public var zh: String {
        switch self {
        case .standard: "一般"
        case .noArrears2y: "连续2年无拖欠"
        case .noArrears3y: "连续3年无拖欠"
        case .arrears2y: "近2年有拖欠"
        case .dishonest: "列入失信名单"
        }
    }

    public var en: String {
        switch self {
        case .standard: "standard"
        case .noArrears2y: "no arrears for 2 years"
        case .noArrears3y: "no arrears for 3 years"
        case .arrears2y: "arrears in the previous 2 years"
        case .dishonest: "on the dishonesty list"
        }
    }
}

/// The form a wage guarantee takes.
public enum GuaranteeKind: String, Vocabulary {
    case cashDeposit = "cash-deposit"
    case bankLetter = "bank-letter"
    case companyLetter = "company-letter"
    case insurance

    public var zh: String {
        switch self {
        case .cashDeposit: "现金保证金"
        case .bankLetter: "银行保函"
        case .companyLetter: "担保公司保函"
        case .insurance: "保证保险"
        }
    }

    public var en: String {
        switch self {
        case .cashDeposit: "cash deposit"
        case .bankLetter: "bank guarantee letter"
        case .companyLetter: "guarantee-company letter"
        case .insurance: "guarantee insurance"
        }
    }

    /// How partner agencies' spreadsheets name them.
    // Built once: parsing runs per imported cell.
    public static let aliases: [String: GuaranteeKind] =
        ["现金": .cashDeposit, "保证金": .cashDeposit, "现金存储": .cashDeposit, "cash": .cashDeposit,
         "保函": .bankLetter, "银行保函": .bankLetter, "bank": .bankLetter, "letter": .bankLetter,
         "担保保函": .companyLetter, "担保公司": .companyLetter, "保险": .insurance, "工资保证保险": .insurance]

    /// Letters and insurance have a validity period; a cash deposit has none.
    public var hasEndDate: Bool { self != .cashDeposit }
}

/// What can happen to a guarantee. Its balance and status are derived from these, never typed in.
public enum GuaranteeEventKind: String, Vocabulary {
    case lodged
    case drawn
    case replenished
    case renewed
    case replaced
    case noticeStarted = "notice-started"
    case returnRequested = "return-requested"
    case arrearsNotified = "arrears-notified"
    case returned
    case bankPaid = "bank-paid"

    public var zh: String {
        switch self {
        case .lodged: "存储或提交"  // see label(_:for:)
        case .drawn: "动用"
        case .bankPaid: "银行已支付"
        case .arrearsNotified: "审核发现拖欠并书面告知"
        case .replenished: "补足"
        case .renewed: "续期"
        case .replaced: "更换"
        case .returnRequested: "书面申请返还"
        case .noticeStarted: "开始公示"
        case .returned: "已返还"
        }
    }

    public var en: String {
        switch self {
        case .lodged: "lodged"
        case .drawn: "drawn"
        case .bankPaid: "paid by the bank"
        case .arrearsNotified: "arrears found in review, notified in writing"
        case .replenished: "replenished"
        case .renewed: "renewed"
        case .replaced: "replaced"
        case .returnRequested: "return applied for in writing"
        case .noticeStarted: "public notice started"
        case .returned: "returned"
        }
    }
}

/// A guarantee's status on a given day, derived from its events and dates.
public enum GuaranteeStatus: String, Vocabulary {
    case active
    case expired
    case returnRequested = "return-requested"
    case inNotice = "in-notice"
    case returned

    public var zh: String {
        switch self {
        case .active: "有效"
        case .expired: "已超期"
        case .returnRequested: "返还申请审核中"
        case .inNotice: "公示中"
        case .returned: "已返还"
        }
    }

    public var en: String {
        switch self {
        case .active: "active"
        case .expired: "expired"
        case .returnRequested: "return application under review"
        case .inNotice: "in public notice"
        case .returned: "returned"
        }
    }
}

extension GuaranteeEventKind {
    /// The event as it reads for a guarantee of `kind`: cash is 存储 (deposited), a letter or a policy 提交
    /// (handed in) — never 缴存 for a letter.
    public func label(_ language: Language, for kind: GuaranteeKind) -> String {
        guard self == .lodged, language == .zh else { return label(language) }
        return kind == .cashDeposit ? "存储" : "提交"
    }
}
