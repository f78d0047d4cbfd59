// The rules API v2's description cannot state, as properties of the generated v2 records (the
// functions are the core's, in rules.rs; Kotlin has the same properties in Extensions.kt).
// `scripts/check-swift.sh` checks that every function called here is declared with these labels.

public extension V2Check {
    /// The result derived from the expanded reports (`clear`, `consider`; `nil` with report ids only or while any is unknown).
    var derivedResult: String? { v2CheckDerivedResult(check: self) }
    /// Whether the check reached a state it will not leave by itself.
    var isFinished: Bool { v2CheckIsFinished(check: self) }
    /// Every report's id, in order (whether `reports` holds ids or expanded reports).
    var reportIds: [String] { v2CheckReportIds(check: self) }
    /// The reports, when expanded (create answers, `expand: "reports"`); empty with ids only.
    var expandedReports: [V2Report] { v2CheckReports(check: self) }
}

public extension V2Report {
    /// The breakdowns a reviewer must look at, deepest first.
    var findings: [Finding] { v2ReportFindings(report: self) }
    /// Whether the report reached a state it will not leave.
    var isFinished: Bool { v2ReportIsFinished(report: self) }
    /// What a document report's sub-result means, in the reference's words.
    var subResultMeaning: String? { v2ReportSubResultMeaning(report: self) }
}

public extension V2SdkToken {
    /// The token's claims (expiry, issue time), read without checking its signature; `nil` without a readable token.
    var claims: SdkTokenClaims? { token.flatMap { try? sdkTokenClaims(token: $0) } }
}

public extension V2OcrResult {
    /// The MRZ lines 1 to 3 that were read, in order.
    var mrzLines: [String] { v2OcrMrzLines(result: self) }
}
