/// What an evidence file attached to a case is (证据材料).
public enum EvidenceKind: String, Vocabulary {
    case iou, attendance
    case wageList = "wage-list"
    case contract, award, judgment
    case idCopy = "id-copy"
    case photo, other

    public var zh: String {
        switch self {
        case .iou: "欠条"
        case .attendance: "考勤表"
        case .wageList: "工资表"
        case .contract: "合同"
        case .award: "仲裁裁决书"
        case .judgment: "判决书"
        case .idCopy: "身份证复印件"
        case .photo: "照片"
        case .other: "其他材料"
        }
    }

    public var en: String {
        switch self {
        case .iou: "IOU"
        case .attendance: "attendance sheet"
        case .wageList: "wage list"
        case .contract: "contract"
        case .award: "arbitration award"
        case .judgment: "judgment"
        case .idCopy: "copy of an ID card"
        case .photo: "photo"
        case .other: "other"
        }
    }
}
