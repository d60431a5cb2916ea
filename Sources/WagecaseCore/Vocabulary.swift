/// Output language for labels. Identifiers (raw values) are stable English; labels are for people.
public enum Language: String, Sendable, CaseIterable {
    case zh, en
}

/// A closed set of values stored and exchanged by a stable English identifier and shown with a label.
public protocol Vocabulary: RawRepresentable, CaseIterable, Sendable, Hashable, Codable where RawValue == String {
    var zh: String { get }
    var en: String { get }
    /// Other spellings accepted on input (Chinese labels are always accepted).
    static var aliases: [String: Self] { get }
}

extension Vocabulary {
    public static var aliases: [String: Self] { [:] }

    public func label(_ language: Language) -> String { language == .zh ? zh : en }

    public static var identifiers: String { allCases.map(\.rawValue).joined(separator: ", ") }

    /// What may be given, as a message lists it: identifiers in English, labels in Chinese (both are accepted).
    public static var choices: Phrase {
        .both(zh: allCases.map(\.zh).joined(separator: "、"), en: identifiers)
    }

    /// Accepts the identifier, an alias, or the Chinese label; anything else is an error naming the field.
    public static func parse(_ text: String, field: String) throws(WagecaseError) -> Self {
        let key = text.trimmingWhitespace()
        // The identifier as written and the Chinese label are what files hold: found without folding.
        if let value = Self(rawValue: key) { return value }
        if let value = allCases.first(where: { $0.zh == key }) { return value }
        let folded = String(key.lowercased().map { $0 == "_" ? "-" : $0 })
        if let value = Self(rawValue: folded) { return value }
        if let value = aliases[folded] ?? aliases[key] { return value }
        throw .invalidField(field: field, value: text, reason: "is not a known value", allowed: "one of \(choices)")
    }
}

/// Where a clue came from (线索来源).
public enum ClueSource: String, Vocabulary {
    case petition
    case legalAid = "legal-aid"
    case laborDispute = "labor-dispute"
    case hotline12345 = "hotline-12345"
    case hotline12309 = "hotline-12309"
    case laborInspection = "labor-inspection"
    case dataMatching = "data-matching"
    case referral
    case walkIn = "walk-in"

    public var zh: String {
        switch self {
        case .petition: "信访"
        case .legalAid: "法律援助"
        case .laborDispute: "劳动纠纷"
        case .hotline12345: "12345热线"
        case .hotline12309: "12309热线"
        case .laborInspection: "劳动保障监察"
        case .dataMatching: "大数据碰撞"
        case .referral: "移送"
        case .walkIn: "来访"
        }
    }

    public var en: String {
        switch self {
        case .petition: "petition"
        case .legalAid: "legal aid"
        case .laborDispute: "labor dispute"
        case .hotline12345: "12345 hotline"
        case .hotline12309: "12309 hotline"
        case .laborInspection: "labor inspection"
        case .dataMatching: "data matching"
        case .referral: "referral"
        case .walkIn: "walk-in"
        }
    }

    // Built once: parsing runs per imported cell.
    public static let aliases: [String: ClueSource] =
        ["12345": .hotline12345, "12309": .hotline12309, "12345-hotline": .hotline12345,
         "12309-hotline": .hotline12309, "arbitration": .laborDispute, "劳动仲裁": .laborDispute,
         "劳动争议": .laborDispute, "劳动人事争议仲裁": .laborDispute, "12345热线平台": .hotline12345,
         "12345政务服务便民热线": .hotline12345, "12309检察服务热线": .hotline12309, "劳动监察": .laborInspection,
         "劳动保障监察投诉": .laborInspection, "数据碰撞": .dataMatching, "数据比对": .dataMatching,
         "大数据": .dataMatching, "信访件": .petition, "来信来访": .petition, "法律援助中心": .legalAid,
         "线索移送": .referral, "来访登记": .walkIn, "法援": .legalAid, "法援中心": .legalAid,
         "人社局移送": .referral, "人社部门移送": .referral, "劳动监察移送": .referral, "信访转办": .petition]
}

/// A clue's screening status: new → screening → converted | rejected | referred.
public enum ClueStatus: String, Vocabulary {
    case new, screening, converted, rejected, referred

    public var zh: String {
        switch self {
        case .new: "新线索"
        case .screening: "审查中"
        case .converted: "已成案"
        case .rejected: "不予受理"
        case .referred: "已移送"
        }
    }

    public var en: String { rawValue }

    /// Clues still waiting for a decision; only these can be screened, converted, rejected or referred.
    public var isOpen: Bool { self == .new || self == .screening }
}

/// What kind of employer an organisation is on a construction project.
public enum EmployerKind: String, Vocabulary {
    case generalContractor = "general-contractor"
    case subcontractor
    case laborCompany = "labor-company"
    case other

    public var zh: String {
        switch self {
        case .generalContractor: "施工总承包单位"
        case .subcontractor: "分包单位"
        case .laborCompany: "劳务公司"
        case .other: "其他"
        }
    }

    public var en: String {
        switch self {
        case .generalContractor: "general contractor"
        case .subcontractor: "subcontractor"
        case .laborCompany: "labor company"
        case .other: "other"
        }
    }
}

/// How recovered money reached the worker.
public enum RecoveryRoute: String, Vocabulary {
    case employerPaid = "employer-paid"
    case guaranteeDraw = "guarantee-draw"
    case courtEnforcement = "court-enforcement"
    case emergencyFund = "emergency-fund"

    public var zh: String {
        switch self {
        case .employerPaid: "用人单位支付"
        case .guaranteeDraw: "动用工资保证金"
        case .courtEnforcement: "法院强制执行"
        case .emergencyFund: "应急周转金垫付"
        }
    }

    public var en: String {
        switch self {
        case .employerPaid: "employer paid"
        case .guaranteeDraw: "drawn from guarantee deposit"
        case .courtEnforcement: "court enforcement"
        case .emergencyFund: "government emergency fund"
        }
    }
}
