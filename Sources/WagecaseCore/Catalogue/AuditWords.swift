/// How the audit log's actions and tables read: the log stores stable identifiers (`insert`, `wage_case`); a
/// person reads 新增 and 案件.
public enum AuditWords {
    public static func action(_ action: String, _ language: Language) -> String {
        guard language == .zh else { return action }
        return actions[action] ?? action
    }

    public static func table(_ table: String, _ language: Language) -> String {
        guard language == .zh else { return table }
        return tables[table] ?? table
    }

    static let actions = ["insert": "新增", "update": "修改", "delete": "删除", "reveal": "查看完整信息"]

    static let tables = [
        "worker": "农民工", "employer": "用人单位", "project": "项目", "clue": "线索", "clue_channel": "线索来源",
        "clue_worker": "线索所涉农民工", "case_series": "系列案", "wage_case": "案件", "case_event": "案件阶段事项", "case_activity": "案件办理事项",
        "recovery": "追回款项", "guarantee": "工资保证金", "guarantee_event": "保证金事项",
        "guarantee_draw_case": "保证金动用所涉案件", "guarantee_rule": "保证金规则", "holiday_schedule": "节假日安排",
        "suggestion": "检察建议", "suggestion_project": "检察建议所涉项目", "suggestion_guarantee": "检察建议所涉保证金",
        "setting": "系统设置", "api_user": "用户", "audit_log": "审计日志", "import_run": "导入记录", "web_session": "登录会话",
        "figure_day": "按日统计数据", "worker_helped_day": "按日获助农民工", "project_open_cases": "项目未结案件数",
        "project_open_case": "项目未结案件", "series_figure": "系列案汇总数",
        "worker_helped_gap": "获助农民工按日去重计数", "guarantee_standing_span": "保证金状态时段",
        "guarantee_standing_day": "保证金状态按日变动", "guarantee_standing_stale": "待重算的保证金状态",
        "open_case_unpaid": "未结案件未追回金额", "case_stage_count": "各阶段案件数",
        "figure_month": "按月统计数",
        "monitor_input": "监测数据版本", "monitor_project_change": "监测数据变动项目",
        "monitor_everything_change": "监测规则变动", "monitor_finding": "保证金监测发现时段",
        "monitor_alert_day": "监测预警按日变动", "monitor_finding_stale": "待重算的监测发现",
        "stored_file": "存储文件", "case_attachment": "案件证据材料", "document": "法律文书", "document_template": "文书模板",
        "dataset": "协作单位数据集", "dataset_row": "数据集记录", "model_hit_worker": "研判线索所涉人员",
        "model_hit_row": "研判线索依据数据", "supervision_model": "大数据监督模型", "model_run": "模型运行", "model_hit": "模型研判线索",
        "member_unit": "成员单位", "referral": "移送事项", "joint_meeting": "联席会议", "joint_meeting_unit": "参会单位",
        "joint_task": "任务清单事项", "task_progress": "任务进展", "monthly_report": "月度工作进展",
    ]

    /// Every action and table the store writes has its Chinese (a test compares with the schema).
    public static let knownTables = Set(tables.keys)
    public static let knownActions = Set(actions.keys)
}
