import FulianCore
import Testing

/// 职务 cells as offices write them.
@Suite struct RoleLabelTests {
    @Test(arguments: [
        ("主席", Role.chair), ("妇联主席", .chair), ("主席（兼）", .chair), ("主席(兼职)", .chair), ("专职主席", .chair),
        ("村妇女主任", .chair), ("妇代会主任", .chair),
        ("副主席", .viceChair), ("常务副主席", .viceChair), ("挂职副主席", .viceChair), ("副主席（挂职）", .viceChair),
        ("兼职副主席", .partTimeViceChair), ("副主席(兼职)", .partTimeViceChair), ("副主席（兼）", .partTimeViceChair),
        ("兼副主席", .partTimeViceChair), ("妇联兼职副主席", .partTimeViceChair),
        ("执委", .executiveMember), ("执委委员", .executiveMember), ("执行委员", .executiveMember), ("妇联执委", .executiveMember),
        ("执委会委员", .executiveMember), ("执委（兼）", .executiveMember),
        ("常委", .standingMember), ("常委委员", .standingMember), ("常务委员", .standingMember),
        ("委员", .committeeMember), ("会员", .member), ("巾帼志愿者", .volunteer), ("志愿者", .volunteer),
        ("妇代会副主任", .viceChair), ("妇女副主任", .viceChair),
        // The unit first, by kind or by name.
        ("村妇联主席", .chair), ("社区妇联副主席（兼职）", .partTimeViceChair), ("红叶社区妇联执委", .executiveMember),
        ("街道妇联常务副主席", .viceChair), ("枫林街道妇女联合会主席", .chair), ("社区妇女主任", .chair), ("村妇代会副主任", .viceChair),
    ])
    func rolesAsWritten(label: String, role: Role) {
        #expect(Role(label: label) == role)
    }

    @Test(arguments: ["", "秘书长", "兼", "(兼)", "主任", "副主任", "常务", "书记", "妇联", "社区主任", "居委会主任", "村主任", "社区妇联", "妇联秘书长"])
    func notARole(label: String) {
        #expect(Role(label: label) == nil)
    }
}

/// 活动类型 cells as ledgers write them.
@Suite struct ActivityKindLabelTests {
    @Test(arguments: [
        ("招聘会", ActivityKind.jobFair), ("春风行动专场招聘会", .jobFair), ("就业援助", .jobFair), ("job_fair", .jobFair),
        ("讲座", .lecture), ("巾帼大讲堂", .lecture), ("政策宣讲", .lecture), ("技能培训", .training),
        ("维权", .rights), ("法律咨询", .rights), ("普法宣传", .rights), ("法治宣传", .rights), ("反家暴宣传", .rights),
        ("志愿服务", .volunteer), ("走访慰问", .visit), ("其它", .other),
    ])
    func kindsAsWritten(label: String, kind: ActivityKind) {
        #expect(ActivityKind(label: label) == kind)
    }

    @Test(arguments: ["义诊", "座谈会", "文艺演出", ""])
    func notAKind(label: String) {
        #expect(ActivityKind(label: label) == nil)
    }

    /// The one kind a ledger's title or file name names, none when it names two or only 其他.
    @Test func theKindALedgerNames() {
        #expect(ActivityKind.named(in: "红叶社区2024年招聘会台账") == .jobFair)
        #expect(ActivityKind.named(in: "2024年春风行动就业招聘活动统计") == .jobFair)
        #expect(ActivityKind.named(in: "巾帼家政培训班台账") == .training)
        #expect(ActivityKind.named(in: "2024年培训及招聘会台账") == nil)
        #expect(ActivityKind.named(in: "妇女之家活动台账") == nil)
        #expect(ActivityKind.named(in: "其他活动") == nil)
    }
}
