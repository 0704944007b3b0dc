/// The codes of the words workbooks show: sheet tabs, column headers, table titles and indicators.
///
/// Each is worded in ``ExcelMessage/wording()``; these enums only name them, so a layout says
/// `ExcelMessage.column(.paidOn).text(language)` and never spells a header itself.
extension ExcelMessage {
    /// A sheet tab of the quarterly, clean or rejects workbook.
    public enum Sheet: String, Sendable, Hashable, CaseIterable {
        /// 概览
        case summary
        /// 组织覆盖
        case coverage
        /// 就业招聘
        case jobFairs
        /// 救助发放
        case aid
        /// 救助明细
        case aidDetail
        /// 执委队伍
        case members
        /// 活动开展
        case activities
        /// 数据说明
        case notes
        /// 清洗结果
        case cleanTable
        /// 问题清单
        case issues
        /// 重复记录
        case duplicates
        /// 名称归并
        case variants
        /// 摘要
        case files
        /// 汇总 (rejects workbook)
        case rejectsSummary
    }

    /// A column header.
    public enum Column: String, Sendable, Hashable, CaseIterable {
        /// 日期
        case date
        /// 活动名称
        case activityTitle
        /// 举办单位
        case heldBy
        /// 街道 (the corner of a street × … table)
        case street
        /// 所属街道
        case ofStreet
        /// 区县 (the corner of a city's district × … table)
        case district
        /// 地市 (the corner of a province's city × … table)
        case city
        /// 社区（村） (the corner of a street's community × … table)
        case community
        /// 参会企业
        case employers
        /// 提供岗位
        case positions
        /// 求职人数
        case seekers
        /// 达成意向
        case placements
        /// 达成率
        case placementRate
        /// 来源文件
        case sourceFile
        /// 行号
        case sourceRow
        /// 合计 (a totals column)
        case total
        /// 发放日期
        case paidOn
        /// 姓名
        case name
        /// 身份证号
        case idNumber
        /// 所属单位
        case unit
        /// 项目
        case program
        /// 金额（元）
        case amountYuan
        /// 金额（万元）
        case amountWan
        /// 资金来源
        case fundingSource
        /// 类别 (age band or tag)
        case group
        /// 人数
        case persons
        /// 占比
        case share
        /// 指标
        case indicator
        /// 本期
        case thisPeriod
        /// 上期
        case previous
        /// 环比增减
        case changeFromPrevious
        /// 环比增幅
        case percentFromPrevious
        /// 去年同期
        case yearAgo
        /// 同比增减
        case changeFromYearAgo
        /// 同比增幅
        case percentFromYearAgo
        /// 批次
        case batch
        /// 文件
        case file
        /// 数据集
        case dataset
        /// 工作表
        case sheet
        /// 校验值（前12位）
        case sha256Short
        /// SHA-256 校验值
        case sha256
        /// 数据行
        case rowsRead
        /// 已导入
        case loaded
        /// 退回
        case rejected
        /// 重复
        case duplicates
        /// 警告
        case warnings
        /// 导入时间
        case importedAt
        /// 级别
        case severity
        /// 问题类别 (a diagnostic's category code)
        case category
        /// 条数
        case count
        /// 说明
        case message
        /// 列
        case column
        /// 原值
        case original
        /// 建议
        case suggestion
        /// 组
        case duplicateGroup
        /// 类型
        case duplicateKind
        /// 关键字
        case key
        /// 字段
        case field
        /// 归并键
        case fingerprint
        /// 写法
        case spelling
        /// 出现次数
        case occurrences
        /// 格式
        case format
        /// 编码
        case encoding
        /// 表头行
        case headerRows
        /// 正常
        case clean
        /// 有问题
        case withIssues
        /// 合计行
        case footerRows
        /// 备注行
        case noteRows
        /// 空行
        case blankRows
        /// 合并单元格填充
        case mergedCellsFilled
        /// 跳过的工作表
        case skippedSheets
        /// 状态
        case status
        /// 原因 (category codes of a rejected row)
        case reason
    }

    /// A table or chart title (without the district and period a caller may put in front).
    public enum Title: String, Sendable, Hashable, CaseIterable {
        /// 妇联工作统计报表 (the document title)
        case statistics
        /// 妇联工作统计概览
        case summary
        /// 妇联组织覆盖情况
        case coverage
        /// 招聘会情况
        case jobFairs
        /// 招聘会清单
        case fairsHeld
        /// 救助发放金额（元）
        case aidAmount
        /// 受助人数（人，按身份证号去重）
        case recipients
        /// 按资金来源
        case bySource
        /// 按月份
        case byMonth
        /// 救助发放明细
        case aidDetail
        /// 执委会员情况（人）
        case membersByRole
        /// 年龄结构
        case ageBands
        /// 身份标签
        case tags
        /// 活动开展情况（次）
        case activityCounts
        /// 参与人次
        case participants
        /// 各项目发放金额（万元）
        case amountByProgram
        /// 各项目救助发放金额（万元）, a chart
        case aidChart
        /// 各街道（镇）组织覆盖率（%）, a chart
        case coverageChart
        /// 各区县组织覆盖率（%）, the chart of a city's workbook
        case coverageChartByDistrict
        /// 各地市组织覆盖率（%）, the chart of a province's workbook
        case coverageChartByCity
        /// 各区县主要指标, the table of a city's workbook on 概览
        case keyFiguresByDistrict
        /// 各地市主要指标, the table of a province's workbook on 概览
        case keyFiguresByCity
        /// 数据说明
        case notes
        /// 数据来源（导入批次）
        case sources
        /// 数据质量问题（按类别）
        case quality
        /// 合计行核对不符
        case footerMismatch
        /// 指标定义
        case definitions
        /// 文件校验值（SHA-256）
        case checksums
        /// 计算方法（定义与 SQL）
        case explain
        /// 导入退回汇总
        case rejects
    }

    /// An indicator of the quarterly workbook: its row label on 概览 and its definition on 数据说明.
    public enum Indicator: String, Sendable, Hashable, CaseIterable {
        /// 组织覆盖率
        case orgCoverage
        /// 工作覆盖率
        case workCoverage
        /// 妇女之家覆盖率
        case womensHomeCoverage
        /// 招聘会场次
        case fairs
        /// 参会企业（家）
        case employers
        /// 提供岗位（个）
        case positions
        /// 求职人数（人次）
        case seekers
        /// 达成就业意向（人）
        case placements
        /// 达成率
        case placementRate
        /// 受助人数（人）
        case recipients
        /// 发放笔数
        case disbursements
        /// 发放金额（万元）
        case amount
        /// 执委会员（人次）
        case memberships
        /// 执委会员（人，去重）
        case persons
        /// 年龄结构 (definition only)
        case ageBands
        /// 活动次数
        case activities
        /// 参与人次
        case participants
    }

    /// What an error message is about: a kind of text, number or range.
    public enum Part: String, Sendable, Hashable, CaseIterable {
        /// 文本
        case text
        /// 公式
        case formula
        /// 页眉
        case header
        /// 页脚
        case footer
        /// 系列名称
        case seriesName
        /// 图表标题
        case chartTitle
        /// 坐标轴名称
        case axisName
        /// 数值区域
        case values
        /// 分类区域
        case categories
        /// 名称单元格
        case nameCell
        /// 整数
        case integer
        /// 以分计的金额
        case amountInFen
    }

    /// What fulian was doing when libxlsxwriter returned an error.
    public enum Action: Sendable, Hashable {
        /// 写入单元格
        case writingCell
        /// 合并 A1:D1
        case merging(range: String)
        /// 设置列宽
        case settingColumnWidth
        /// 设置行高
        case settingRowHeight
        /// 添加筛选
        case addingAutofilter
        /// 插入图表
        case insertingChart
        /// 设置打印标题行
        case settingRepeatRows
        /// 设置页眉
        case settingHeader
        /// 设置页脚
        case settingFooter
        /// 设置分页符
        case settingPageBreaks
        /// 添加批注
        case addingComment
    }

    /// A fixed word or sentence of the layouts.
    public enum Word: String, Sendable, Hashable, CaseIterable {
        /// 口径: flows by date within the period, stocks on its last day.
        case basis
        /// The note under the sources table: the checksum is shortened, the full value is at the end.
        case checksumNote
        /// How 环比 and 同比 are computed, for 数据说明.
        case comparisonRule
        /// 合计（去重） / Total (distinct).
        case distinctTotalRow
        /// The note above the SQL of `--explain`.
        case explainNote
        /// The document comment every workbook carries: made by fulian from the imported data.
        case generatedByFulian
        /// 身份证号冲突 / ID conflict.
        case idConflict
        /// 无 / none, in a table with nothing to list.
        case none
        /// The footer with page numbers: 第 1 页 / 共 3 页.
        case pageFooter
        /// The number format of a change in percentage points: `+6.3个百分点` / `+6.3 pp`.
        case pointsFormat
        /// The document subject of the quarterly workbook.
        case quarterlySubject
        /// The document title of the rejects workbook: 退回数据.
        case rejectsDocument
        /// The document subject of the rejects workbook.
        case rejectsSubject
        /// 同一人 / same person (a duplicate group of member lists).
        case samePerson
        /// 同一记录 / same record (a duplicate group).
        case sameRecord
        /// 正常 / clean, the status of a row without problems.
        case statusClean
        /// 重复 / duplicate, the status of a row repeating an earlier one.
        case statusDuplicate
        /// 合计 / Total, the label of a totals row.
        case totalRow
    }

    /// An error of the Excel layer that needs no detail.
    public enum Problem: String, Sendable, Hashable, CaseIterable {
        /// A chart inserted twice.
        case chartInsertedTwice
        /// A chart of another workbook.
        case chartOfAnotherWorkbook
        /// A chart scale that is not positive and finite.
        case chartScale
        /// A chart without series.
        case chartWithoutSeries
        /// A creation time at or before 1970-01-01T00:00:01Z.
        case creationTimeTooEarly
        /// An empty formula.
        case emptyFormula
        /// The workbook path is empty.
        case emptyPath
        /// A font name empty or over 127 bytes.
        case fontNameLength
        /// A font name with U+0000.
        case fontNameNul
        /// libxlsxwriter could not create a format.
        case formatNotCreated
        /// A series given both a name and a name cell.
        case nameAndNameCell
        /// A path or document property contains U+0000.
        case nulInPathOrProperty
        /// A number format with U+0000.
        case numberFormatNul
        /// An empty sheet name.
        case sheetNameEmpty
        /// The workbook was closed already.
        case workbookClosed
        /// libxlsxwriter could not allocate the workbook.
        case workbookNotCreated
    }
}
