//! The API's enumerated values as uniffi enums, each with an `Unknown` case that keeps the text sent.

macro_rules! api_enum {
    ($(#[$meta:meta])* $name:ident : $core:ty { $($variant:ident => $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Clone, Debug, PartialEq, Eq, Hash, uniffi::Enum)]
        pub enum $name {
            $(#[doc = $text] $variant,)+
            /// A value this version does not know, kept as sent.
            Unknown {
                /// The value as sent.
                value: String,
            },
        }

        impl $name {
            /// Every known value, as the API writes it.
            pub const KNOWN: &'static [&'static str] = &[$($text),+];

            /// The value as the API writes it.
            pub fn as_str(&self) -> &str {
                match self {
                    $($name::$variant => $text,)+
                    $name::Unknown { value } => value.as_str(),
                }
            }

            /// The value for the API's text.
            pub fn parse(text: &str) -> Self {
                match text {
                    $($text => $name::$variant,)+
                    other => $name::Unknown { value: other.to_owned() },
                }
            }
        }

        #[uniffi::export]
        impl $name {
            /// The value as the API writes it.
            pub fn api_value(&self) -> String {
                self.as_str().to_owned()
            }
        }

        impl From<&$core> for $name {
            fn from(value: &$core) -> Self {
                $name::parse(value.as_str())
            }
        }

        impl From<&$name> for $core {
            fn from(value: &$name) -> Self {
                <$core>::from(value.as_str())
            }
        }
    };
}

use onfido_core::models as m;

api_enum! {
    /// Express (data through the API) or standard (data through Onfido's form).
    CheckType: m::CheckType { Standard => "standard", Express => "express" }
}

api_enum! {
    /// Where a check is in its processing.
    CheckStatus: m::CheckStatus {
        InProgress => "in_progress", AwaitingApplicant => "awaiting_applicant", Complete => "complete",
        Withdrawn => "withdrawn", Paused => "paused", Reopened => "reopened",
    }
}

api_enum! {
    /// A check's overall result.
    CheckResult: m::CheckResult { Clear => "clear", Consider => "consider" }
}

api_enum! {
    /// Where a report is in its processing.
    ReportStatus: m::ReportStatus {
        AwaitingData => "awaiting_data", AwaitingApproval => "awaiting_approval", Complete => "complete",
        Withdrawn => "withdrawn", Paused => "paused", Cancelled => "cancelled",
    }
}

api_enum! {
    /// A report's (or a breakdown's) result.
    ReportResult: m::ReportResult { Clear => "clear", Consider => "consider", Unidentified => "unidentified" }
}

api_enum! {
    /// A document report's detailed result.
    SubResult: m::SubResult { Clear => "clear", Rejected => "rejected", Suspected => "suspected", Caution => "caution" }
}

api_enum! {
    /// A report type.
    ReportName: m::ReportName {
        Document => "document", FacialSimilarity => "facial_similarity", Identity => "identity",
        Watchlist => "watchlist", StreetLevel => "street_level", ProofOfAddress => "proof_of_address",
        RightToWork => "right_to_work",
    }
}

api_enum! {
    /// A document's type.
    DocumentType: m::DocumentType {
        Passport => "passport", NationalIdentityCard => "national_identity_card", DrivingLicence => "driving_licence",
        UkBiometricResidencePermit => "uk_biometric_residence_permit", TaxId => "tax_id", VoterId => "voter_id",
        Unclassified => "unknown", WorkPermit => "work_permit", NationalInsuranceCard => "national_insurance_card",
        BirthCertificate => "birth_certificate", BankStatement => "bank_statement",
        BankBuildingSocietyStatement => "bank_building_society_statement", UtilityBill => "utility_bill",
        CouncilTax => "council_tax", BenefitLetters => "benefit_letters", GovernmentLetter => "government_letter",
    }
}

api_enum! {
    /// Front or back of a document.
    DocumentSide: m::DocumentSide { Front => "front", Back => "back" }
}

api_enum! {
    /// The type of an identification number.
    IdNumberType: m::IdNumberType {
        Ssn => "ssn", SocialInsurance => "social_insurance", TaxId => "tax_id", IdentityCard => "identity_card",
        DrivingLicence => "driving_licence",
    }
}

api_enum! {
    /// Which environment a webhook listens to.
    WebhookEnvironment: m::WebhookEnvironment { Sandbox => "sandbox", Live => "live" }
}

api_enum! {
    /// A webhook event.
    WebhookEvent: m::WebhookEvent {
        CheckStarted => "check.started", CheckReopened => "check.reopened", CheckWithdrawn => "check.withdrawn",
        CheckCompleted => "check.completed", CheckFormOpened => "check.form_opened",
        CheckFormCompleted => "check.form_completed", ReportWithdrawn => "report.withdrawn",
        ReportResumed => "report.resumed", ReportCancelled => "report.cancelled",
        ReportAwaitingApproval => "report.awaiting_approval", ReportCompleted => "report.completed",
    }
}

api_enum! {
    /// A live video challenge's type.
    ChallengeType: m::ChallengeType { Recite => "recite", Movement => "movement" }
}

api_enum! {
    /// The kind of resource a webhook event is about.
    ResourceType: onfido_core::webhook::ResourceType { Check => "check", Report => "report" }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every value the core knows is known here too, so no known value reads as `Unknown`.
    #[test]
    fn the_lists_match_the_core() {
        macro_rules! same {
            ($($name:ident : $core:ty),+) => {$(
                assert_eq!($name::KNOWN, <$core>::KNOWN, stringify!($name));
            )+};
        }
        same!(CheckType: m::CheckType, CheckStatus: m::CheckStatus, CheckResult: m::CheckResult,
            ReportStatus: m::ReportStatus, ReportResult: m::ReportResult, SubResult: m::SubResult,
            ReportName: m::ReportName, DocumentType: m::DocumentType, DocumentSide: m::DocumentSide,
            IdNumberType: m::IdNumberType, WebhookEnvironment: m::WebhookEnvironment, WebhookEvent: m::WebhookEvent,
            ChallengeType: m::ChallengeType, ResourceType: onfido_core::webhook::ResourceType);
        assert_eq!(ReportName::parse("legacy_report"), ReportName::Unknown { value: "legacy_report".into() });
    }
}
