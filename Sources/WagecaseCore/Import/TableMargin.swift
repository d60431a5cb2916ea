/// The rows agencies put around a table that are not records: a total under it (合计, 总计, 小计), who made and
/// checked it (制表人, 填报人, 审核人, 负责人), notes (填报说明, 说明, 备注, 注). An import reports them as skipped,
/// never as invalid records. Rows above the table are passed over when its heading row is found.
public enum TableMargin {
    static let markers = ["合计", "总计", "小计", "累计", "制表人", "制表", "填报人", "填表人", "填报单位", "填报日期",
                          "填表日期", "制表日期", "审核人", "审核", "复核人", "负责人", "主管", "联系人", "联系电话",
                          "填报说明", "填表说明", "说明", "备注", "注：", "注:"]

    /// The characters those words open with: a row whose first filled cell starts otherwise (nearly every row)
    /// is decided without building a string.
    static let openers = Set(markers.compactMap { $0.unicodeScalars.first })

    /// Whether the row's first filled cell opens with one of the words such rows begin with. A record's first
    /// cell is a name, a number or a date, none of which begins so.
    public static func isMargin(_ cells: [String]) -> Bool {
        for cell in cells {
            guard let first = cell.utf8.first else { continue }
            // A cell starting with a visible ASCII character (a digit, a letter) opens with no marker word.
            if first > 0x20 && first < 0x7F { return false }
            let opener = ImportText.opensVisibly(first) ? cell.unicodeScalars.first
                : cell.unicodeScalars.first(where: { !$0.properties.isWhitespace })
            guard let opener else { continue }
            guard openers.contains(opener) else { return false }
            let text = String(cell.unicodeScalars.filter { !$0.properties.isWhitespace })
            return markers.contains { text.hasPrefix($0) }
        }
        return false
    }
}
