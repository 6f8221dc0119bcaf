namespace MailTls.Core.Dns;

/// <summary>The verdict on one TLSA record against a presented chain.</summary>
public enum TlsaRecordVerdict
{
    /// <summary>The record matches a certificate it may match.</summary>
    Matched,

    /// <summary>The record is usable but matches no certificate it may match.</summary>
    NotMatched,

    /// <summary>The record is unusable for SMTP; see <see cref="TlsaRecord.Usability"/>.</summary>
    Unusable,
}
