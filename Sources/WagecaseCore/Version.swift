/// This program's version, as `wagecase --version` prints it and releases are named.
public enum WagecaseVersion {
    public static let current = "0.3.0"
}
