// API v2 (superseded by v3.6): its client, resources and models, as `v2.Onfido`, `v2.Applicant`…
// (`OnfidoV2` is the same client).

export { Onfido, Paginated, Applicants, Documents, LivePhotos, LiveVideos, Checks, Reports, Webhooks, ReportTypeGroups, Addresses, SdkTokens, Ocr, Slv } from "./client.js";
export type * from "./models.js";
