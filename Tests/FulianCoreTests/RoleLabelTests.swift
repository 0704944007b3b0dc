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
