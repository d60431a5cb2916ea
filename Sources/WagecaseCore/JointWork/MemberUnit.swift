/// What kind of member unit (成员单位) of the joint government–procuratorate work a unit is. The procuratorate's
/// own departments are one kind: a referral to one of them is "in", from one of them "out".
public enum UnitKind: String, Vocabulary {
    case procuratorate
    case laborBureau = "labor-bureau"
    case laborInspection = "labor-inspection"
    case housingBureau = "housing-bureau"
    case justiceBureau = "justice-bureau"
    case petitionBureau = "petition-bureau"
    case hotline12345 = "hotline-12345"
    case court
    case other

    public var zh: String {
        switch self {
        case .procuratorate: "检察院内设部门"
        case .laborBureau: "人力资源和社会保障局"
        case .laborInspection: "劳动保障监察机构"
        case .housingBureau: "住房和城乡建设局"
        case .justiceBureau: "司法局"
        case .petitionBureau: "信访局"
        case .hotline12345: "12345政务服务便民热线"
        case .court: "人民法院"
        case .other: "其他单位"
        }
    }

    public var en: String {
        switch self {
        case .procuratorate: "procuratorate department"
        case .laborBureau: "labor bureau"
        case .laborInspection: "labor inspectorate"
        case .housingBureau: "housing and construction bureau"
        case .justiceBureau: "justice bureau"
        case .petitionBureau: "petition bureau"
        case .hotline12345: "12345 hotline centre"
        case .court: "court"
        case .other: "other unit"
        }
    }

    public static var aliases: [String: UnitKind] {
        ["检察院": .procuratorate, "人社局": .laborBureau, "劳动监察": .laborInspection, "住建局": .housingBureau,
         "信访": .petitionBureau, "12345": .hotline12345, "法院": .court, "labor": .laborBureau,
         "housing": .housingBureau, "justice": .justiceBureau, "petition": .petitionBureau]
    }

    /// The channel a clue referred by such a unit came through (线索来源).
    public var clueSource: ClueSource {
        switch self {
        case .petitionBureau: .petition
        case .hotline12345: .hotline12345
        case .laborInspection: .laborInspection
        case .laborBureau: .laborDispute
        case .justiceBureau: .legalAid
        case .procuratorate: .hotline12309
        case .housingBureau, .court, .other: .referral
        }
    }

    /// Staff of the labor bureau (the labor role) work for units of these kinds.
    public var isLaborSide: Bool { self == .laborBureau || self == .laborInspection }
}

/// A member unit of the joint work, with its liaison (联络员) and how to reach them. `code` is the short key the
/// command line takes (`labor`, `12345`); people read `name`.
public struct MemberUnit: Sendable, Codable, Equatable {
    public var id: Int64
    public var code: String
    public var name: String
    public var kind: UnitKind
    public var liaison: String?
    public var contact: String?
    public var createdAt: String

    public init(id: Int64, code: String, name: String, kind: UnitKind, liaison: String?, contact: String?,
                createdAt: String) {
        (self.id, self.code, self.name, self.kind) = (id, code, name, kind)
        (self.liaison, self.contact, self.createdAt) = (liaison, contact, createdAt)
    }

    enum CodingKeys: String, CodingKey { case id, code, name, kind, liaison, contact, createdAt = "created_at" }
}

/// A unit to record.
public struct NewMemberUnit: Sendable {
    public var code: String
    public var name: String
    public var kind: UnitKind
    public var liaison: String?
    public var contact: String?

    public init(code: String, name: String, kind: UnitKind, liaison: String? = nil,
                contact: String? = nil) throws(WagecaseError) {
        self.code = try UnitCode.parse(code)
        self.name = try TextField.name(name, field: "name", maxLength: 100)
        self.liaison = try TextField.optional(liaison, field: "liaison", maxLength: 100)
        self.contact = try TextField.optional(contact, field: "contact", maxLength: 200)
        self.kind = kind
    }
}

/// A unit's short key: 1–32 of a–z, 0–9 and "-", starting with a letter or digit.
public enum UnitCode {
    public static func parse(_ text: String) throws(WagecaseError) -> String {
        let code = text.trimmingWhitespace().lowercased()
        let allowed = Set("abcdefghijklmnopqrstuvwxyz0123456789-")
        guard (1...32).contains(code.count), code.allSatisfy(allowed.contains), code.first != "-" else {
            throw .invalidField(field: "unit_code", value: text, reason: "is not a unit code",
                                allowed: "1 to 32 letters a–z, digits and hyphens, e.g. labor or 12345")
        }
        return code
    }
}
