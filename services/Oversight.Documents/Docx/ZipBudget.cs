using System.IO.Compression;

namespace Oversight.Documents.Docx;

/// <summary>What a zip holds, checked before the Open XML SDK opens it.</summary>
internal enum ZipCheck
{
    Fits,
    NotWordprocessing,
    TooManyEntries,
    UnpacksTooLarge,
    Damaged,
}

/// <summary>
/// Guards against zip bombs: counts the entries, then unpacks every entry into nothing while counting the bytes it
/// really gives (the sizes a zip declares can lie) and stops at the limit. Only then is the package opened.
/// </summary>
internal static class ZipBudget
{
    public static ZipCheck Check(byte[] content, DocumentLimits limits, CancellationToken cancellationToken)
    {
        try
        {
            using var zip = new ZipArchive(new MemoryStream(content, writable: false), ZipArchiveMode.Read);
            if (zip.Entries.Count > limits.MaxZipEntries)
            {
                return ZipCheck.TooManyEntries;
            }
            if (zip.GetEntry("word/document.xml") is null)
            {
                return ZipCheck.NotWordprocessing;
            }
            var buffer = new byte[81920];
            long total = 0;
            foreach (var entry in zip.Entries)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (total + entry.Length > limits.MaxUnpackedBytes)
                {
                    return ZipCheck.UnpacksTooLarge;
                }
                using var stream = entry.Open();
                int read;
                while ((read = stream.Read(buffer)) > 0)
                {
                    total += read;
                    if (total > limits.MaxUnpackedBytes)
                    {
                        return ZipCheck.UnpacksTooLarge;
                    }
                }
            }
            return ZipCheck.Fits;
        }
        catch (InvalidDataException)
        {
            return ZipCheck.Damaged;
        }
    }
}
