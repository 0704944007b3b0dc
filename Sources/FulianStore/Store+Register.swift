import FulianImport
import GRDB

extension Store {
    /// The org register as stored: every unit with its parent and code, and the former names of renamed units.
    public static func register(_ db: Database) throws -> OrgRegister { try BatchWriter.loadRegister(db) }
}
