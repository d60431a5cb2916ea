import Foundation
import GRDB
import WagecaseCore
import WagecaseStore

extension AppDatabase {
    /// Every jurisdiction rule, most general first, oldest first.
    public func guaranteeRules() throws -> [GuaranteeRule] {
        try read { db in try Self.fetchRules(db) }
    }

    /// Loads a rule file (`{"rules": [...]}`, amounts in fen); all of the file lands or none of it. A rule that
    /// differs from the one in force for the same region and effective date replaces it only with
    /// `replaceReason`; the same rule loaded again changes nothing.
    public func loadGuaranteeRules(_ data: Data, replaceReason: String? = nil, actor: String) throws -> [GuaranteeRule] {
        let file: GuaranteeRuleFile
        do {
            file = try JSONDecoder().decode(GuaranteeRuleFile.self, from: data)
        } catch let error as WagecaseError {
            throw error
        } catch {
            throw WagecaseError.invalidField(field: "rules file", value: "", reason: "is not a valid rule file: it \(DecodingProblem.reason(error))",
                                             allowed: #"{"rules": [{"region": "62", "effective_from": "2022-01-01", "name": "…", "ratio_bp": 200, …}]}"#)
        }
        if file.rules.isEmpty {
            throw WagecaseError.invalidField(field: "rules", value: "[]", reason: "is empty", allowed: "at least one rule")
        }
        return try write(actor: actor) { db, audit in
            for rule in file.rules {
                let before = try Row.fetchOne(db, cached: "SELECT * FROM guarantee_rule WHERE region = ? AND effective_from = ?",
                                              arguments: [rule.region, rule.effectiveFrom.iso])
                    .map(GuaranteeRule.init(row:))
                if before == rule { continue }
                if before != nil && replaceReason == nil {
                    throw WagecaseError.invalidState(
                        entity: "rule", key: "\(rule.region.isEmpty ? "national" : rule.region) from \(rule.effectiveFrom)",
                        state: "in force with other values", action: "replace it",
                        allowed: "the file is loaded as a replacement, with a reason")
                }
                try db.execute(
                    cached: """
                        INSERT OR REPLACE INTO guarantee_rule (region, effective_from, name, ratio_bp, cap_fen, floor_fen,
                            exempt_below_fen, no_arrears_2y_reduction_pct, no_arrears_3y_exempt, arrears_increase_pct,
                            dishonest_increase_pct, reminder_months, replenish_working_days, public_notice_days,
                            return_review_working_days, bank_return_working_days, loaded_at, bank_payment_working_days,
                            ratio_basis, limits_apply)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [rule.region, rule.effectiveFrom.iso, rule.name, rule.ratioBasisPoints, rule.cap?.value,
                                rule.floor?.value, rule.exemptBelow?.value, rule.noArrears2yReductionPercent,
                                rule.noArrears3yExempt ? 1 : 0, rule.arrearsIncreasePercent,
                                rule.dishonestIncreasePercent, rule.reminderMonths, rule.replenishWorkingDays,
                                rule.publicNoticeDays, rule.returnReviewWorkingDays, rule.bankReturnWorkingDays,
                                audit.at, rule.bankPaymentWorkingDays, rule.ratioBasis, rule.limitsApply.rawValue])
                try audit.record(before == nil ? .insert : .update, table: "guarantee_rule", id: nil,
                                 before: before.map(Self.auditFields), after: Self.auditFields(rule),
                                 reason: before == nil ? nil : replaceReason)
            }
            return try Self.fetchRules(db)
        }
    }

    /// Every value of a rule, so a replacement's audit entry shows the whole rule it replaced.
    static func auditFields(_ rule: GuaranteeRule) -> AuditFields {
        [
            "region": rule.region, "effective_from": rule.effectiveFrom.iso, "name": rule.name,
            "ratio_bp": rule.ratioBasisPoints, "cap_fen": rule.cap?.value, "floor_fen": rule.floor?.value,
            "exempt_below_fen": rule.exemptBelow?.value,
            "no_arrears_2y_reduction_pct": rule.noArrears2yReductionPercent,
            "no_arrears_3y_exempt": rule.noArrears3yExempt, "arrears_increase_pct": rule.arrearsIncreasePercent,
            "dishonest_increase_pct": rule.dishonestIncreasePercent, "reminder_months": rule.reminderMonths,
            "replenish_working_days": rule.replenishWorkingDays, "public_notice_days": rule.publicNoticeDays,
            "return_review_working_days": rule.returnReviewWorkingDays,
            "bank_return_working_days": rule.bankReturnWorkingDays,
            "bank_payment_working_days": rule.bankPaymentWorkingDays, "ratio_basis": rule.ratioBasis,
            "limits_apply": rule.limitsApply.rawValue,
        ]
    }

    static func fetchRules(_ db: Database) throws -> [GuaranteeRule] {
        try Row.fetchAll(db, cached: "SELECT * FROM guarantee_rule ORDER BY length(region), region, effective_from")
            .map(GuaranteeRule.init(row:))
    }
}
