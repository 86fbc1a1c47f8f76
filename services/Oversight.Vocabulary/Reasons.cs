namespace Oversight.Vocabulary;

/// <summary>
/// Every reason code a service refuses with: the stable, machine-readable word at the end of a refusal's message and in its
/// <c>x-oversight-reason</c> trailer, in <c>ItemError.reason</c> of streamed and batched results, in <c>RowError.reason</c> of
/// a registry import and in <c>VerifyKeyResponse.refusal</c>. The values are a public contract: add, never rename or reuse.
/// Each one is documented in the comment of the RPC or field it concerns under <c>protos/</c>
/// (<c>tests/Oversight.Contracts.Tests/ReasonTests.cs</c> holds the two together). Finding codes (SECTION_MISSING …) are not
/// reasons: they live in <c>Oversight.Analysis.Rules.RuleVocabulary</c>.
/// </summary>
public static class Reasons
{
    // Every call: transport, request shape and streams (Oversight.ServiceDefaults).

    /// <summary>INVALID_ARGUMENT: the request bytes do not parse as the method's request message.</summary>
    public const string RequestMalformed = "REQUEST_MALFORMED";

    /// <summary>INVALID_ARGUMENT: a string field is longer than the bound every service holds requests to.</summary>
    public const string FieldTooLong = "FIELD_TOO_LONG";

    /// <summary>DEADLINE_EXCEEDED: a stream sent or read nothing for longer than the idle bound; results confirmed before stand.</summary>
    public const string StreamIdle = "STREAM_IDLE";

    /// <summary>UNAVAILABLE: the service is stopping and ended an open stream; results confirmed before stand.</summary>
    public const string ServiceStopping = "SERVICE_STOPPING";

    // Every call: who may call (Oversight.Access).

    /// <summary>UNAUTHENTICATED: no <c>authorization: Bearer</c> key in the request metadata.</summary>
    public const string KeyMissing = "KEY_MISSING";

    /// <summary>UNAUTHENTICATED: the presented key is not of the form <c>Bearer ovk_&lt;key_id&gt;_&lt;secret&gt;</c>.</summary>
    public const string KeyMalformed = "KEY_MALFORMED";

    /// <summary>UNAUTHENTICATED (and a VerifyKey refusal): the key is unknown or its secret is wrong.</summary>
    public const string KeyInvalid = "KEY_INVALID";

    /// <summary>UNAUTHENTICATED (and a VerifyKey refusal): the key has been revoked.</summary>
    public const string KeyRevoked = "KEY_REVOKED";

    /// <summary>UNAUTHENTICATED (and a VerifyKey refusal): the key is past its expiry.</summary>
    public const string KeyExpired = "KEY_EXPIRED";

    /// <summary>RESOURCE_EXHAUSTED: too many failed authentications from one address; retry after the time the message names.</summary>
    public const string AuthRateLimited = "AUTH_RATE_LIMITED";

    /// <summary>RESOURCE_EXHAUSTED: one key made more calls a second than the services allow.</summary>
    public const string CallerRateLimited = "CALLER_RATE_LIMITED";

    /// <summary>PERMISSION_DENIED: the caller's role may not call the method.</summary>
    public const string RoleNotAllowed = "ROLE_NOT_ALLOWED";

    /// <summary>PERMISSION_DENIED (and a registry row error): what the request names lies outside the caller's jurisdiction scope.</summary>
    public const string ScopeNotCovered = "SCOPE_NOT_COVERED";

    /// <summary>UNAVAILABLE: the key cannot be verified now (the access service is unreachable or this service's own key fails).</summary>
    public const string AccessUnavailable = "ACCESS_UNAVAILABLE";

    // Lists and pages (Oversight.ServiceDefaults, the services' filters).

    /// <summary>INVALID_ARGUMENT: page_size outside the method's range.</summary>
    public const string PageSizeInvalid = "PAGE_SIZE_INVALID";

    /// <summary>INVALID_ARGUMENT: page_token not issued by this service for this caller and request, or altered.</summary>
    public const string PageTokenInvalid = "PAGE_TOKEN_INVALID";

    /// <summary>INVALID_ARGUMENT: a filter field of a list, stream, sweep or aggregate is not valid (the field is named).</summary>
    public const string FilterInvalid = "FILTER_INVALID";

    // Reports named by id (Oversight.ServiceDefaults, ingestion, and the services that fetch reports from it).

    /// <summary>INVALID_ARGUMENT: report_id is empty.</summary>
    public const string ReportIdMissing = "REPORT_ID_MISSING";

    /// <summary>INVALID_ARGUMENT: revision is negative (0 is the current one).</summary>
    public const string RevisionInvalid = "REVISION_INVALID";

    /// <summary>NOT_FOUND: no report with that report_id.</summary>
    public const string ReportNotFound = "REPORT_NOT_FOUND";

    /// <summary>NOT_FOUND: the report has no revision of that number.</summary>
    public const string RevisionNotFound = "REVISION_NOT_FOUND";

    /// <summary>INVALID_ARGUMENT: view is not a ReportView value.</summary>
    public const string ViewInvalid = "VIEW_INVALID";

    /// <summary>INVALID_ARGUMENT: GetReports names no revision or more than it takes in one call.</summary>
    public const string ReportsCountInvalid = "REPORTS_COUNT_INVALID";

    /// <summary>UNAVAILABLE: metrics or compliance cannot reach the ingestion service to fetch a report.</summary>
    public const string IngestionUnavailable = "INGESTION_UNAVAILABLE";

    /// <summary>FAILED_PRECONDITION: metrics or compliance has no ingestion address configured, so it cannot fetch a report.</summary>
    public const string IngestionNotConfigured = "INGESTION_NOT_CONFIGURED";

    // Submissions (ingestion), and reading a stored report again (Oversight.Analysis's reader, metrics and compliance).

    /// <summary>INVALID_ARGUMENT: the content is empty.</summary>
    public const string ContentEmpty = "CONTENT_EMPTY";

    /// <summary>RESOURCE_EXHAUSTED: the content is larger than the service takes.</summary>
    public const string ContentTooLarge = "CONTENT_TOO_LARGE";

    /// <summary>INVALID_ARGUMENT: content_type is neither text/plain nor text/html.</summary>
    public const string ContentTypeUnsupported = "CONTENT_TYPE_UNSUPPORTED";

    // Attachments of a submission (Oversight.Documents, read by ingestion).

    /// <summary>INVALID_ARGUMENT: an attachment has no bytes.</summary>
    public const string AttachmentEmpty = "ATTACHMENT_EMPTY";

    /// <summary>INVALID_ARGUMENT: more attachments than one submission may carry.</summary>
    public const string AttachmentsTooMany = "ATTACHMENTS_TOO_MANY";

    /// <summary>INVALID_ARGUMENT: an attachment's bytes are none of PDF, DOCX, DOC, WPS or an image (told from the bytes, not the name).</summary>
    public const string AttachmentFormatUnsupported = "ATTACHMENT_FORMAT_UNSUPPORTED";

    /// <summary>RESOURCE_EXHAUSTED: an attachment has more bytes, pages or text than the service reads.</summary>
    public const string AttachmentTooLarge = "ATTACHMENT_TOO_LARGE";

    /// <summary>RESOURCE_EXHAUSTED: a DOCX holds more entries, or unpacks to more bytes, than the service unpacks (a zip bomb).</summary>
    public const string AttachmentUnpacksTooLarge = "ATTACHMENT_UNPACKS_TOO_LARGE";

    /// <summary>INVALID_ARGUMENT: an attachment is of its format but cannot be read (truncated, damaged, not convertible).</summary>
    public const string AttachmentDamaged = "ATTACHMENT_DAMAGED";

    /// <summary>INVALID_ARGUMENT: an attachment is encrypted or password-protected.</summary>
    public const string AttachmentEncrypted = "ATTACHMENT_ENCRYPTED";

    /// <summary>RESOURCE_EXHAUSTED: reading an attachment (conversion or OCR included) took longer than the service allows.</summary>
    public const string AttachmentReadTimeout = "ATTACHMENT_READ_TIMEOUT";

    /// <summary>
    /// DEADLINE_EXCEEDED: reading the attachments of one submission (waits for a converter included) took longer than the
    /// server allows one submission (Ingestion:ConversionTimeout); nothing of it was stored.
    /// </summary>
    public const string ConversionTimeout = "CONVERSION_TIMEOUT";

    /// <summary>INVALID_ARGUMENT: an attachment gave no readable text, not even by OCR.</summary>
    public const string AttachmentNoText = "ATTACHMENT_NO_TEXT";

    /// <summary>UNAVAILABLE: the converter an attachment needs (LibreOffice, Tesseract, pdftoppm) is not installed on the server.</summary>
    public const string AttachmentReaderUnavailable = "ATTACHMENT_READER_UNAVAILABLE";

    /// <summary>INVALID_ARGUMENT: the declared or detected charset is not one the reader decodes.</summary>
    public const string CharsetUnsupported = "CHARSET_UNSUPPORTED";

    /// <summary>INVALID_ARGUMENT: the content does not decode as text in its charset, or is binary.</summary>
    public const string ContentUndecodable = "CONTENT_UNDECODABLE";

    /// <summary>INVALID_ARGUMENT: the content decodes but holds no readable text.</summary>
    public const string ContentNoText = "CONTENT_NO_TEXT";

    /// <summary>The reader failed on the content with an internal error (a bug, not bad input); the report is not read.</summary>
    public const string ReaderFailed = "READER_FAILED";

    /// <summary>INVALID_ARGUMENT: jurisdiction_code is not a 6- or 9-digit GB/T 2260 code.</summary>
    public const string JurisdictionCodeMalformed = "JURISDICTION_CODE_MALFORMED";

    /// <summary>INVALID_ARGUMENT: source_url is not an absolute http or https address.</summary>
    public const string SourceUrlMalformed = "SOURCE_URL_MALFORMED";

    // Submissions by address, and the watcher's fetches (Oversight.Fetching).

    /// <summary>INVALID_ARGUMENT: url is not an absolute http or https address (or redirects to one that is not).</summary>
    public const string UrlMalformed = "URL_MALFORMED";

    /// <summary>INVALID_ARGUMENT: a submission carries both content and url; send one.</summary>
    public const string UrlWithContent = "URL_WITH_CONTENT";

    /// <summary>
    /// FAILED_PRECONDITION: the address resolves only to loopback, private, link-local or reserved addresses the configuration does not list.
    /// </summary>
    public const string UrlAddressRefused = "URL_ADDRESS_REFUSED";

    /// <summary>UNAVAILABLE: the address could not be reached (name not found, connection refused or reset).</summary>
    public const string UrlUnreachable = "URL_UNREACHABLE";

    /// <summary>UNAVAILABLE: the fetch did not finish within the outbound time cap (a slow or stalled server).</summary>
    public const string UrlTimedOut = "URL_TIMED_OUT";

    /// <summary>FAILED_PRECONDITION: the address answered with an HTTP status other than success (404, 500 …).</summary>
    public const string UrlStatus = "URL_STATUS";

    /// <summary>FAILED_PRECONDITION: the address redirected more times than the outbound cap.</summary>
    public const string UrlTooManyRedirects = "URL_TOO_MANY_REDIRECTS";

    /// <summary>PERMISSION_DENIED: a submission carries fetch evidence or attachments but the caller is not the service role.</summary>
    public const string FetchEvidenceNotAllowed = "FETCH_EVIDENCE_NOT_ALLOWED";

    // Watching.

    /// <summary>FAILED_PRECONDITION: RunWatch while a watch pass is running in this host.</summary>
    public const string WatchRunning = "WATCH_RUNNING";

    /// <summary>INVALID_ARGUMENT: report_year is outside 2000–2100.</summary>
    public const string ReportYearOutOfRange = "REPORT_YEAR_OUT_OF_RANGE";

    /// <summary>INVALID_ARGUMENT: published_at is outside 2000–2100.</summary>
    public const string PublishedAtOutOfRange = "PUBLISHED_AT_OUT_OF_RANGE";

    /// <summary>FAILED_PRECONDITION: the page does not read as an annual report and force is not set.</summary>
    public const string NotAnAnnualReport = "NOT_AN_ANNUAL_REPORT";

    /// <summary>FAILED_PRECONDITION: the page names a jurisdiction that fits several codes; the caller must send jurisdiction_code.</summary>
    public const string JurisdictionAmbiguous = "JURISDICTION_AMBIGUOUS";

    /// <summary>FAILED_PRECONDITION: no jurisdiction could be read from the page; the caller must send jurisdiction_code.</summary>
    public const string JurisdictionUnresolved = "JURISDICTION_UNRESOLVED";

    /// <summary>FAILED_PRECONDITION: no report year could be read from the title or text; the caller must send report_year.</summary>
    public const string ReportYearUnknown = "REPORT_YEAR_UNKNOWN";

    // Metrics.

    /// <summary>NOT_FOUND: GetReportMetrics for a revision that has not been analysed.</summary>
    public const string MetricsNotFound = "METRICS_NOT_FOUND";

    /// <summary>INVALID_ARGUMENT: an indicator id that is not in the catalog in force.</summary>
    public const string IndicatorUnknown = "INDICATOR_UNKNOWN";

    // Compliance: findings.

    /// <summary>INVALID_ARGUMENT: finding_id is empty.</summary>
    public const string FindingIdMissing = "FINDING_ID_MISSING";

    /// <summary>NOT_FOUND: no finding with that finding_id.</summary>
    public const string FindingNotFound = "FINDING_NOT_FOUND";

    /// <summary>INVALID_ARGUMENT: WaiveFinding or ReopenFinding without a reason.</summary>
    public const string ReasonMissing = "REASON_MISSING";

    /// <summary>FAILED_PRECONDITION: WaiveFinding on a finding already waived.</summary>
    public const string FindingAlreadyWaived = "FINDING_ALREADY_WAIVED";

    /// <summary>FAILED_PRECONDITION: ReopenFinding on a finding already open.</summary>
    public const string FindingAlreadyOpen = "FINDING_ALREADY_OPEN";

    // Compliance: sweeps.

    /// <summary>INVALID_ARGUMENT: sweep_id is empty.</summary>
    public const string SweepIdMissing = "SWEEP_ID_MISSING";

    /// <summary>NOT_FOUND: no sweep with that sweep_id.</summary>
    public const string SweepNotFound = "SWEEP_NOT_FOUND";

    /// <summary>INVALID_ARGUMENT: RunSweep's as_of is not a calendar date.</summary>
    public const string AsOfInvalid = "AS_OF_INVALID";

    /// <summary>INVALID_ARGUMENT: RunSweep's report_type is not a known report type.</summary>
    public const string ReportTypeInvalid = "REPORT_TYPE_INVALID";

    // Compliance: rule packs (the last three are raised while Oversight.Analysis reads a pack).

    /// <summary>INVALID_ARGUMENT: GetRulePack without a pack_id.</summary>
    public const string PackIdMissing = "PACK_ID_MISSING";

    /// <summary>INVALID_ARGUMENT: GetRulePack with a negative version.</summary>
    public const string VersionInvalid = "VERSION_INVALID";

    /// <summary>NOT_FOUND: no rule pack (or no such version of it) with that pack_id.</summary>
    public const string PackNotFound = "PACK_NOT_FOUND";

    /// <summary>INVALID_ARGUMENT: UpsertRulePack with neither pack nor yaml.</summary>
    public const string PackMissing = "PACK_MISSING";

    /// <summary>ABORTED: another caller stored a version of the same pack during the upsert; read it again and resubmit.</summary>
    public const string PackChangedConcurrently = "PACK_CHANGED_CONCURRENTLY";

    /// <summary>
    /// FAILED_PRECONDITION: UpsertRulePack's expected_version is not the latest stored version of the pack (another administrator
    /// saved in between); nothing is stored: read the pack again, reapply the change and resubmit.
    /// </summary>
    public const string PackVersionMismatch = "PACK_VERSION_MISMATCH";

    /// <summary>INVALID_ARGUMENT: the pack is not YAML, or a rule is broken; the message names each problem.</summary>
    public const string PackInvalid = "PACK_INVALID";

    /// <summary>INVALID_ARGUMENT: the pack's YAML is nested deeper than the reader allows.</summary>
    public const string PackYamlTooDeep = "PACK_YAML_TOO_DEEP";

    /// <summary>INVALID_ARGUMENT: the pack (YAML or message) has more nodes than the reader allows.</summary>
    public const string PackYamlTooManyNodes = "PACK_YAML_TOO_MANY_NODES";

    // Compliance: the registry import (a call's refusal, or a RowError of one line).

    /// <summary>INVALID_ARGUMENT: a CSV line longer than the bound ends the import before it is buffered.</summary>
    public const string CsvLineTooLong = "CSV_LINE_TOO_LONG";

    /// <summary>RESOURCE_EXHAUSTED: a CSV of more lines than the bound ends the import.</summary>
    public const string CsvTooManyLines = "CSV_TOO_MANY_LINES";

    /// <summary>Row error, line 1: the CSV is empty, with no header.</summary>
    public const string CsvHeaderMissing = "CSV_HEADER_MISSING";

    /// <summary>Row error, line 1: the header is not code,name,level,parent_code,kind,must_report.</summary>
    public const string CsvHeaderInvalid = "CSV_HEADER_INVALID";

    /// <summary>Row error: the line is not UTF-8.</summary>
    public const string CsvNotUtf8 = "CSV_NOT_UTF8";

    /// <summary>Row error: the line has a different number of fields than the header.</summary>
    public const string CsvFieldCount = "CSV_FIELD_COUNT";

    /// <summary>Row error, the last one listed: more bad rows than are listed, counted from the line it names.</summary>
    public const string CsvTooManyErrors = "CSV_TOO_MANY_ERRORS";

    /// <summary>Row error: code is not a division code or a department code (division code, "-", suffix).</summary>
    public const string CodeInvalid = "CODE_INVALID";

    /// <summary>Row error: name is empty.</summary>
    public const string NameMissing = "NAME_MISSING";

    /// <summary>Row error: level is not one of the levels.</summary>
    public const string LevelInvalid = "LEVEL_INVALID";

    /// <summary>Row error: parent_code is set and not a division or department code.</summary>
    public const string ParentInvalid = "PARENT_INVALID";

    /// <summary>Row error: kind is neither government nor department.</summary>
    public const string KindInvalid = "KIND_INVALID";

    /// <summary>A registry row error: an entry of portal_columns is not type=address with a known report type and an http(s) address.</summary>
    public const string PortalColumnInvalid = "PORTAL_COLUMN_INVALID";

    /// <summary>Row error: must_report is not true/false, 1/0 or 是/否.</summary>
    public const string MustReportInvalid = "MUST_REPORT_INVALID";

    // Access service: keys and the audit log.

    /// <summary>INVALID_ARGUMENT: CreateKey's name is empty or too long.</summary>
    public const string KeyNameInvalid = "KEY_NAME_INVALID";

    /// <summary>INVALID_ARGUMENT: CreateKey's role is not one of the roles.</summary>
    public const string RoleInvalid = "ROLE_INVALID";

    /// <summary>INVALID_ARGUMENT: CreateKey's scope is not a jurisdiction code prefix.</summary>
    public const string ScopeInvalid = "SCOPE_INVALID";

    /// <summary>INVALID_ARGUMENT: CreateKey's expires_at is not in the future.</summary>
    public const string ExpiryInvalid = "EXPIRY_INVALID";

    /// <summary>PERMISSION_DENIED: a key of role service asked by a caller whose scope is not the whole country.</summary>
    public const string ServiceKeyNotAllowed = "SERVICE_KEY_NOT_ALLOWED";

    /// <summary>INVALID_ARGUMENT: RevokeKey without a key_id.</summary>
    public const string KeyIdMissing = "KEY_ID_MISSING";

    /// <summary>NOT_FOUND: no key with that key_id.</summary>
    public const string KeyNotFound = "KEY_NOT_FOUND";

    /// <summary>FAILED_PRECONDITION: RevokeKey on a key already revoked.</summary>
    public const string KeyAlreadyRevoked = "KEY_ALREADY_REVOKED";

    /// <summary>INVALID_ARGUMENT: ListAudit's action is not one of the audited actions.</summary>
    public const string ActionInvalid = "ACTION_INVALID";

    /// <summary>INVALID_ARGUMENT: ListAudit's since is after until, or one of them is not a valid time.</summary>
    public const string AuditRangeInvalid = "AUDIT_RANGE_INVALID";

    // Push: webhook subscriptions and their deliveries (compliance, PushService).

    /// <summary>INVALID_ARGUMENT: CreateSubscription's name is empty or too long.</summary>
    public const string SubscriptionNameInvalid = "SUBSCRIPTION_NAME_INVALID";

    /// <summary>INVALID_ARGUMENT: the URL is not an absolute http(s) URL, is too long, or carries a user name or fragment.</summary>
    public const string SubscriptionUrlInvalid = "SUBSCRIPTION_URL_INVALID";

    /// <summary>INVALID_ARGUMENT: the URL is not https and the deployment requires https.</summary>
    public const string SubscriptionUrlNotHttps = "SUBSCRIPTION_URL_NOT_HTTPS";

    /// <summary>PERMISSION_DENIED: the target host is, or resolves to, a loopback, private or other non-public address the deployment does not allow.</summary>
    public const string PushTargetNotAllowed = "PUSH_TARGET_NOT_ALLOWED";

    /// <summary>FAILED_PRECONDITION: the target host name does not resolve now.</summary>
    public const string PushTargetUnresolved = "PUSH_TARGET_UNRESOLVED";

    /// <summary>INVALID_ARGUMENT: no event types, or one that is not an event type.</summary>
    public const string EventTypesInvalid = "EVENT_TYPES_INVALID";

    /// <summary>INVALID_ARGUMENT: format is not cloudevents, wecom or dingtalk.</summary>
    public const string PushFormatInvalid = "PUSH_FORMAT_INVALID";

    /// <summary>INVALID_ARGUMENT: the secret is shorter or longer than allowed, or holds characters that are not printable.</summary>
    public const string SubscriptionSecretInvalid = "SUBSCRIPTION_SECRET_INVALID";

    /// <summary>RESOURCE_EXHAUSTED: the caller's scope already holds as many subscriptions as the deployment allows.</summary>
    public const string SubscriptionLimitReached = "SUBSCRIPTION_LIMIT_REACHED";

    /// <summary>INVALID_ARGUMENT: subscription_id is empty.</summary>
    public const string SubscriptionIdMissing = "SUBSCRIPTION_ID_MISSING";

    /// <summary>NOT_FOUND: no subscription with that subscription_id.</summary>
    public const string SubscriptionNotFound = "SUBSCRIPTION_NOT_FOUND";

    /// <summary>FAILED_PRECONDITION: the subscription is paused (pause again, or replay before resuming).</summary>
    public const string SubscriptionAlreadyPaused = "SUBSCRIPTION_ALREADY_PAUSED";

    /// <summary>FAILED_PRECONDITION: ResumeSubscription on a subscription that is not paused.</summary>
    public const string SubscriptionNotPaused = "SUBSCRIPTION_NOT_PAUSED";

    /// <summary>INVALID_ARGUMENT: ListDeliveries' status is not a delivery status.</summary>
    public const string DeliveryStatusInvalid = "DELIVERY_STATUS_INVALID";

    /// <summary>INVALID_ARGUMENT: delivery_id is empty.</summary>
    public const string DeliveryIdMissing = "DELIVERY_ID_MISSING";

    /// <summary>NOT_FOUND: no delivery with that delivery_id.</summary>
    public const string DeliveryNotFound = "DELIVERY_NOT_FOUND";

    /// <summary>FAILED_PRECONDITION: ReplayDelivery on a delivery still pending.</summary>
    public const string DeliveryNotReplayable = "DELIVERY_NOT_REPLAYABLE";
}
