//! The API's enumerated values, each with an `Unknown` fallback.

use crate::serde_util::string_enum;

string_enum! {
    /// Express (data through the API) or standard (data through Onfido's form).
    CheckType {
        /// Onfido collects the applicant's data through a form.
        Standard => "standard",
        /// Your system supplies the applicant's data.
        Express => "express",
    }
}

string_enum! {
    /// Where a check is in its processing.
    CheckStatus {
        /// Being processed.
        InProgress => "in_progress",
        /// Waiting for the applicant to submit the form.
        AwaitingApplicant => "awaiting_applicant",
        /// All reports completed or withdrawn.
        Complete => "complete",
        /// Withdrawn.
        Withdrawn => "withdrawn",
        /// Paused until resumed.
        Paused => "paused",
        /// Bounced back to the applicant for more information.
        Reopened => "reopened",
    }
}

string_enum! {
    /// A check's overall result.
    CheckResult {
        /// Every report is clear.
        Clear => "clear",
        /// Some report is consider or unidentified.
        Consider => "consider",
    }
}

string_enum! {
    /// Where a report is in its processing.
    ReportStatus {
        /// Waiting for a data provider.
        AwaitingData => "awaiting_data",
        /// In manual review.
        AwaitingApproval => "awaiting_approval",
        /// Done.
        Complete => "complete",
        /// Withdrawn.
        Withdrawn => "withdrawn",
        /// Paused until resumed.
        Paused => "paused",
        /// Cancelled; it will never be processed.
        Cancelled => "cancelled",
    }
}

string_enum! {
    /// A report's (or a breakdown's) result.
    ReportResult {
        /// Every underlying verification passed.
        Clear => "clear",
        /// Something needs a human's evaluation.
        Consider => "consider",
        /// No identity match (identity report, standard variant).
        Unidentified => "unidentified",
    }
}

string_enum! {
    /// A document report's detailed result.
    SubResult {
        /// Every underlying verification passed.
        Clear => "clear",
        /// Cannot be processed further (poor image, unsupported document).
        Rejected => "rejected",
        /// The document is suspected to be fraudulent.
        Suspected => "suspected",
        /// Other verifications failed without pointing to fraud.
        Caution => "caution",
    }
}

string_enum! {
    /// A report type.
    ReportName {
        /// Document report.
        Document => "document",
        /// Facial Similarity report (standard or video).
        FacialSimilarity => "facial_similarity",
        /// Identity report (kyc or standard).
        Identity => "identity",
        /// Watchlist report (kyc or full).
        Watchlist => "watchlist",
        /// Street Level report.
        StreetLevel => "street_level",
        /// Proof of Address report.
        ProofOfAddress => "proof_of_address",
        /// (UK) Right to Work report.
        RightToWork => "right_to_work",
    }
}

string_enum! {
    /// A document's type.
    DocumentType {
        /// Passport.
        Passport => "passport",
        /// National identity card.
        NationalIdentityCard => "national_identity_card",
        /// Driving licence.
        DrivingLicence => "driving_licence",
        /// UK biometric residence permit.
        UkBiometricResidencePermit => "uk_biometric_residence_permit",
        /// Tax id (e.g. India PAN).
        TaxId => "tax_id",
        /// Voter id (e.g. Mexico INE).
        VoterId => "voter_id",
        /// Not known to the uploader: Onfido classifies it.
        Unclassified => "unknown",
        /// Work permit.
        WorkPermit => "work_permit",
        /// National insurance card.
        NationalInsuranceCard => "national_insurance_card",
        /// Birth certificate.
        BirthCertificate => "birth_certificate",
        /// Bank statement.
        BankStatement => "bank_statement",
        /// Bank or building society statement (proof of address).
        BankBuildingSocietyStatement => "bank_building_society_statement",
        /// Utility bill (proof of address).
        UtilityBill => "utility_bill",
        /// Council tax letter (proof of address).
        CouncilTax => "council_tax",
        /// Benefits letter (proof of address).
        BenefitLetters => "benefit_letters",
        /// Government letter (proof of address, capture only).
        GovernmentLetter => "government_letter",
    }
}

string_enum! {
    /// A document's side.
    DocumentSide {
        /// Front.
        Front => "front",
        /// Back.
        Back => "back",
    }
}

string_enum! {
    /// An id number's type.
    IdNumberType {
        /// US social security number (full `xxx-xx-xxxx` or last four digits).
        Ssn => "ssn",
        /// Social insurance number (e.g. UK National Insurance).
        SocialInsurance => "social_insurance",
        /// Tax id.
        TaxId => "tax_id",
        /// Identity card number.
        IdentityCard => "identity_card",
        /// Driving licence number.
        DrivingLicence => "driving_licence",
    }
}

string_enum! {
    /// The environments a webhook receives events from.
    WebhookEnvironment {
        /// Sandbox events.
        Sandbox => "sandbox",
        /// Live events.
        Live => "live",
    }
}

string_enum! {
    /// A live video challenge's kind.
    ChallengeType {
        /// Say the digits in `query`.
        Recite => "recite",
        /// Perform the movement in `query`.
        Movement => "movement",
    }
}

impl CheckStatus {
    /// Whether the check will not change again by itself (complete or withdrawn).
    pub fn is_terminal(&self) -> bool {
        matches!(self, CheckStatus::Complete | CheckStatus::Withdrawn)
    }

    /// Whether the check waits for someone: the applicant's form, or a resume by you.
    pub fn is_waiting(&self) -> bool {
        matches!(self, CheckStatus::AwaitingApplicant | CheckStatus::Paused | CheckStatus::Reopened)
    }

    /// Whether Onfido is processing the check.
    pub fn is_processing(&self) -> bool {
        matches!(self, CheckStatus::InProgress)
    }
}

impl ReportStatus {
    /// Whether the report will not change again (complete, withdrawn or cancelled).
    pub fn is_terminal(&self) -> bool {
        matches!(self, ReportStatus::Complete | ReportStatus::Withdrawn | ReportStatus::Cancelled)
    }

    /// Whether the report waits for a resume by you.
    pub fn is_paused(&self) -> bool {
        matches!(self, ReportStatus::Paused)
    }
}

impl ReportResult {
    /// Whether the result needs a human's attention (consider or unidentified).
    pub fn needs_review(&self) -> bool {
        matches!(self, ReportResult::Consider | ReportResult::Unidentified)
    }
}

impl SubResult {
    /// What the sub-result means, in the reference's words.
    pub fn meaning(&self) -> &'static str {
        match self {
            SubResult::Clear => "All underlying verifications passed.",
            SubResult::Rejected => {
                "The report could not be processed further (poor quality image or an unsupported document)."
            }
            SubResult::Suspected => "The document is suspected to be fraudulent.",
            SubResult::Caution => {
                "Other verifications failed without pointing to fraud (such as the name provided not matching the document)."
            }
            SubResult::Unknown(_) => "A sub-result this version does not know.",
        }
    }

    /// Whether the applicant should be asked for a new capture (rejected: image or document unusable).
    pub fn needs_new_capture(&self) -> bool {
        matches!(self, SubResult::Rejected)
    }

    /// Whether the document points to fraud (suspected).
    pub fn is_fraud_signal(&self) -> bool {
        matches!(self, SubResult::Suspected)
    }
}

impl ReportName {
    /// The variants the reference lists for this report type (`None` for an unknown type).
    pub fn variants(&self) -> Option<&'static [&'static str]> {
        Some(match self {
            ReportName::Document => &["standard"],
            ReportName::FacialSimilarity => &["standard", "video"],
            ReportName::Identity => &["standard", "kyc"],
            ReportName::Watchlist => &["kyc", "full"],
            ReportName::StreetLevel | ReportName::ProofOfAddress | ReportName::RightToWork => &[],
            ReportName::Unknown(_) => return None,
        })
    }

    /// The variant used when none is given.
    pub fn default_variant(&self) -> Option<&'static str> {
        match self {
            ReportName::Document | ReportName::FacialSimilarity | ReportName::Identity => Some("standard"),
            ReportName::Watchlist => Some("kyc"),
            _ => None,
        }
    }

    /// Whether a variant of this report may run in a standard check (the applicant fills a form).
    pub fn allowed_in_standard_check(&self, variant: Option<&str>) -> bool {
        match self {
            ReportName::ProofOfAddress => false,
            ReportName::FacialSimilarity => variant != Some("video"),
            _ => true,
        }
    }
}
