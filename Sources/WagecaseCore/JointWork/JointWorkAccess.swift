/// Who sees and answers what of the joint work: the procuratorate's prosecutors keep the register, the task list
/// and the meetings as lead department and may answer for any unit; labor-bureau staff see and answer their own
/// unit's items (the unit their user names, else the labor-side units); viewers and administrators read.
public enum JointWorkAccess {
    /// The units whose items a user sees; nil: all.
    public static func visibleUnits(role: Role, unitID: Int64?, units: [MemberUnit]) -> Set<Int64>? {
        guard role == .labor else { return nil }
        if let unitID { return [unitID] }
        return Set(units.filter(\.kind.isLaborSide).map(\.id))
    }

    public static func sees(_ unitIDs: [Int64], visible: Set<Int64>?) -> Bool {
        guard let visible else { return true }
        return unitIDs.contains(where: visible.contains)
    }

    /// Whether the role may answer for the unit (reply, progress, close, report).
    public static func mayAnswer(_ role: Role, unit: Int64, visible: Set<Int64>?) -> Bool {
        role.may(.answerJointWork) && (visible?.contains(unit) ?? true)
    }
}
