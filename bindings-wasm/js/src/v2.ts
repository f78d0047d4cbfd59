// API v2 (superseded by v3.6): its client, resources and models, as `v2.Onfido`, `v2.Applicant`…
// (`OnfidoV2` is the same client).

export { Onfido } from "./v2/client.js";
export { Applicants, Documents, LivePhotos, LiveVideos, Checks, Reports, Webhooks, ReportTypeGroups, Addresses, SdkTokens, Ocr, Slv } from "./v2/resources.js";
export type * from "./v2/models.js";
