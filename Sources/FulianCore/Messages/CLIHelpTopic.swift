/// The commands of `fulian`, as `--help` texts in ``CLIMessage`` name them.
public enum CLICommandName: String, Sendable, Hashable, CaseIterable {
    /// `fulian` itself.
    case fulian
    /// `fulian demo`.
    case demo
    /// `fulian peek`.
    case peek
    /// `fulian import`.
    case `import`
    /// `fulian status`.
    case status
    /// `fulian report`.
    case report
    /// `fulian sql`.
    case sql
    /// `fulian clean`.
    case clean
}

/// The arguments, options and flags of `fulian`'s commands, as `--help` texts in ``CLIMessage`` name them.
public enum CLIOption: String, Sendable, Hashable, CaseIterable {
    /// `--db`, every command that opens the store.
    case db
    /// `--lang`, every command.
    case lang
    /// `import DATASET`.
    case importDataset
    /// `import FILE...`.
    case importFiles
    /// `import --sheet`.
    case importSheet
    /// `import --date`.
    case importDate
    /// `import --period`.
    case importPeriod
    /// `import --program`.
    case importProgram
    /// `clean --from`.
    case cleanFrom
    /// `import --district`.
    case importDistrict
    /// `import --map` and `clean --map`.
    case map
    /// `import --from`.
    case importFrom
    /// `import --rejects`.
    case importRejects
    /// `import --replace`.
    case importReplace
    /// `import --replace-batch`.
    case importReplaceBatch
    /// `import --dry-run`.
    case importDryRun
    /// `import --strict`.
    case importStrict
    /// `import --format`.
    case importFormat
    /// `report NAME`.
    case reportName
    /// `report --period`.
    case reportPeriod
    /// `report --by`.
    case reportBy
    /// `report --under`.
    case reportUnder
    /// `report --compare`.
    case reportCompare
    /// `report --format`.
    case reportFormat
    /// `report -o`.
    case reportOutput
    /// `report --bom / --no-bom`.
    case reportBOM
    /// `report --explain`.
    case reportExplain
    /// `report --kinds`.
    case reportKinds
    /// `report --by-source`.
    case reportBySource
    /// `report --by-month`.
    case reportByMonth
    /// `report --composition`.
    case reportComposition
    /// `report --target`.
    case reportTarget
    /// `report --no-mask`.
    case reportNoMask
    /// `sql QUERY`.
    case sqlQuery
    /// `sql --format`.
    case sqlFormat
    /// `peek FILE`.
    case peekFile
    /// `peek --sheet`.
    case peekSheet
    /// `peek --rows`.
    case peekRows
    /// `peek --format`.
    case peekFormat
    /// `peek --no-mask`.
    case peekNoMask
    /// `clean DATASET`.
    case cleanDataset
    /// `clean FILE...`.
    case cleanFiles
    /// `clean -o`.
    case cleanOutput
    /// `--quiet` of import and clean.
    case quiet
    /// `clean --orgs`.
    case cleanOrgs
    /// `clean --format`.
    case cleanFormat
    /// `clean --mask`.
    case cleanMask
    /// `demo -o`.
    case demoOutput
    /// `demo --period`.
    case demoPeriod
    /// `demo --fixtures`.
    case demoFixtures
}
