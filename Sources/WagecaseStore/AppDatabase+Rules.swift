import Foundation
import GRDB
import WagecaseCore

extension AppDatabase {
    /// Every jurisdiction rule, most general first, oldest first.
    public func guaranteeRules() throws -> [GuaranteeRule] {
        try read { db in try Self.fetchRules(db) }
    }

    /// Loads a rule file (`{"rules": [...]}`, amounts in fen). A rule with the same region and effective date
    /// is replaced; all of the file lands or none of it.
    public func loadGuaranteeRules(_ data: Data, actor: String) throws -> [GuaranteeRule] {
        let file: GuaranteeRuleFile
        do {
            file = try JSONDecoder().decode(GuaranteeRuleFile.self, from: data)
        } catch let error as WagecaseError {
            throw error
        } catch {
            throw WagecaseError.invalidField(field: "rules file", value: "", reason: "is not a valid rule file (\(error))",
                                             allowed: #"{"rules": [{"region": "62", "effective_from": "2022-01-01", "name": "…", "ratio_bp": 200, …}]}"#)
        }
        if file.rules.isEmpty {
            throw WagecaseError.invalidField(field: "rules", value: "[]", reason: "is empty", allowed: "at least one rule")
        }
        return try write(actor: actor) { db, audit in
            for rule in file.rules {
                let before = try Row.fetchOne(db, cached: "SELECT * FROM guarantee_rule WHERE region = ? AND effective_from = ?",
                                              arguments: [rule.region, rule.effectiveFrom.iso])
                try db.execute(
                    cached: """
                        INSERT OR REPLACE INTO guarantee_rule VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [rule.region, rule.effectiveFrom.iso, rule.name, rule.ratioBasisPoints, rule.cap?.value,
                                rule.floor?.value, rule.exemptBelow?.value, rule.noArrears2yReductionPercent,
                                rule.noArrears3yExempt ? 1 : 0, rule.arrearsIncreasePercent,
                                rule.dishonestIncreasePercent, rule.reminderMonths, rule.replenishWorkingDays,
                                rule.publicNoticeDays, rule.returnReviewWorkingDays, rule.bankReturnWorkingDays,
                                audit.at])
                let fields: AuditFields = [
                    "region": rule.region, "effective_from": rule.effectiveFrom.iso, "name": rule.name,
                    "ratio_bp": rule.ratioBasisPoints, "cap_fen": rule.cap?.value, "floor_fen": rule.floor?.value,
                ]
                try audit.record(before == nil ? .insert : .update, table: "guarantee_rule", id: nil,
                                 before: before.map { _ in ["region": rule.region] }, after: fields)
            }
            return try Self.fetchRules(db)
        }
    }

    static func fetchRules(_ db: Database) throws -> [GuaranteeRule] {
        try Row.fetchAll(db, cached: "SELECT * FROM guarantee_rule ORDER BY length(region), region, effective_from")
            .map(GuaranteeRule.init(row:))
    }
}
