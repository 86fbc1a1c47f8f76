using Oversight.Documents;
using Fetched = Oversight.Fetching.Attachments;

namespace Oversight.Ingestion.Attachments;

/// <summary>
/// Serves the fetching side's reading seam with Oversight.Documents' reader, so an attachment the platform fetched and
/// one a caller uploaded are read by the same reader with the same limits: one reading path, not two.
/// </summary>
public sealed class FetchedAttachmentReader(IAttachmentReader reader) : Fetched.IAttachmentReader
{
    public async Task<Fetched.AttachmentText?> ReadAsync(Fetched.AttachmentBytes attachment, CancellationToken cancellationToken)
    {
        var text = await reader.ReadAsync(attachment.Content, attachment.ContentType, cancellationToken);
        return text.Succeeded ? new Fetched.AttachmentText(text.Text, text.Method) : null;
    }
}
