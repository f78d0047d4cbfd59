//! Every v2 endpoint as an operation: typed input → request, response → typed output.

pub mod addresses;
pub mod applicants;
pub mod checks;
pub mod documents;
pub mod live_photos;
pub mod live_videos;
pub mod ocr;
pub mod report_type_groups;
pub mod reports;
pub mod sdk_tokens;
pub mod slv;
pub mod webhooks;

pub(crate) mod request;
pub(crate) mod response;

use serde::de::DeserializeOwned;
use serde::Serialize;

pub use response::{Listed, NoContent};

use crate::config::Config;
use crate::error::{Error, FieldErrors};
use crate::http::{HttpRequest, HttpResponse};
use crate::timestamp::Date;

/// One API endpoint.
pub trait Operation {
    /// Its id, `<verb>_<resource>`.
    const ID: OperationId;
    /// Whether it lists resources page by page.
    const PAGINATED: bool = false;
    /// What a successful response reads as.
    type Output;

    /// Checks the input and builds the request; nothing is built from invalid input.
    fn build(&self, config: &Config) -> Result<HttpRequest, Error>;

    /// Reads the response: the output, or the error the server or the body tells of.
    fn parse(response: HttpResponse) -> Result<Self::Output, Error>;

    /// Records problems that need today's date (a date of birth in the future).
    fn check_dates(&self, _today: Date, _errors: &mut FieldErrors) {}

    /// Like [`Operation::build`], also checking the rules that need the time (`now`, Unix seconds).
    fn build_at(&self, config: &Config, now: i64) -> Result<HttpRequest, Error> {
        let mut errors = FieldErrors::new();
        self.check_dates(Date::from_unix(now), &mut errors);
        match (self.build(config), errors.is_empty()) {
            (result, true) => result,
            (Err(Error::Validation(more)), false) => {
                for (field, messages) in more.iter() {
                    messages.iter().for_each(|m| errors.add(field, m.as_str()));
                }
                Err(Error::Validation(errors))
            }
            (Err(other), false) => Err(other),
            (Ok(_), false) => Err(Error::Validation(errors)),
        }
    }
}

/// Something done once per operation type, for dispatch by id.
pub trait OperationVisitor {
    /// What the visit returns.
    type Result;

    /// Called with the operation type the id names.
    fn visit<O>(self) -> Self::Result
    where
        O: Operation + DeserializeOwned,
        O::Output: Serialize + Into<crate::dynamic::AnyOutput>;
}

macro_rules! operation_ids {
    ($($variant:ident => $id:literal : $ty:ty),+ $(,)?) => {
        /// The id of every operation, `<verb>_<resource>`.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum OperationId {
            $(#[doc = concat!("`", $id, "`")] $variant,)+
        }

        impl OperationId {
            /// All operations, in the reference's order.
            pub const ALL: &'static [OperationId] = &[$(OperationId::$variant),+];

            /// The id as text.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(OperationId::$variant => $id,)+
                }
            }

            /// The operation an id names.
            pub fn parse(id: &str) -> Result<OperationId, Error> {
                match id {
                    $($id => Ok(OperationId::$variant),)+
                    _ => Err(Error::validation("operation", format!("unknown operation {id:?}"))),
                }
            }

            /// Whether repeating it cannot create a second resource (GET, PUT, DELETE, resumes, lookups).
            pub fn is_idempotent(self) -> bool {
                !matches!(
                    self,
                    OperationId::CreateApplicant
                        | OperationId::UploadDocument
                        | OperationId::UploadLivePhoto
                        | OperationId::CreateCheck
                        | OperationId::RegisterWebhook
                )
            }

            /// Calls the visitor with the operation's type.
            pub fn visit<V: OperationVisitor>(self, visitor: V) -> V::Result {
                match self {
                    $(OperationId::$variant => visitor.visit::<$ty>(),)+
                }
            }
        }
    };
}

operation_ids! {
    CreateApplicant => "create_applicant": applicants::CreateApplicant,
    RetrieveApplicant => "retrieve_applicant": applicants::RetrieveApplicant,
    UpdateApplicant => "update_applicant": applicants::UpdateApplicant,
    DeleteApplicant => "delete_applicant": applicants::DeleteApplicant,
    RestoreApplicant => "restore_applicant": applicants::RestoreApplicant,
    ListApplicants => "list_applicants": applicants::ListApplicants,
    UploadDocument => "upload_document": documents::UploadDocument,
    RetrieveDocument => "retrieve_document": documents::RetrieveDocument,
    ListDocuments => "list_documents": documents::ListDocuments,
    DownloadDocument => "download_document": documents::DownloadDocument,
    UploadLivePhoto => "upload_live_photo": live_photos::UploadLivePhoto,
    RetrieveLivePhoto => "retrieve_live_photo": live_photos::RetrieveLivePhoto,
    ListLivePhotos => "list_live_photos": live_photos::ListLivePhotos,
    DownloadLivePhoto => "download_live_photo": live_photos::DownloadLivePhoto,
    RetrieveLiveVideo => "retrieve_live_video": live_videos::RetrieveLiveVideo,
    ListLiveVideos => "list_live_videos": live_videos::ListLiveVideos,
    DownloadLiveVideo => "download_live_video": live_videos::DownloadLiveVideo,
    CreateCheck => "create_check": checks::CreateCheck,
    RetrieveCheck => "retrieve_check": checks::RetrieveCheck,
    ListChecks => "list_checks": checks::ListChecks,
    ResumeCheck => "resume_check": checks::ResumeCheck,
    RetrieveReport => "retrieve_report": reports::RetrieveReport,
    ListReports => "list_reports": reports::ListReports,
    ResumeReport => "resume_report": reports::ResumeReport,
    CancelReport => "cancel_report": reports::CancelReport,
    RegisterWebhook => "register_webhook": webhooks::RegisterWebhook,
    RetrieveWebhook => "retrieve_webhook": webhooks::RetrieveWebhook,
    ListWebhooks => "list_webhooks": webhooks::ListWebhooks,
    RetrieveReportTypeGroup => "retrieve_report_type_group": report_type_groups::RetrieveReportTypeGroup,
    ListReportTypeGroups => "list_report_type_groups": report_type_groups::ListReportTypeGroups,
    PickAddresses => "pick_addresses": addresses::PickAddresses,
    GenerateSdkToken => "generate_sdk_token": sdk_tokens::GenerateSdkToken,
    ExtractOcr => "extract_ocr": ocr::ExtractOcr,
    SubmitSlvCode => "submit_slv_code": slv::SubmitSlvCode,
}

impl std::fmt::Display for OperationId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}
