/// The version of fulian, as `fulian --version` prints it.
public enum FulianVersion {
    /// The release number (semantic versioning).
    public static let current = "0.9.0"
}
