import FulianImport

extension Store {
    /// The org register as stored: every unit with its parent and code, and the former names of renamed units.
    public static func register(_ conn: any StoreConnection) throws -> OrgRegister { try BatchWriter.loadRegister(conn) }
}
