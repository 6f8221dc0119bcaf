using System.Formats.Asn1;
using MailTls.Core.Evidence;

namespace MailTls.Core.Certificates;

/// <summary>
/// The Diffie-Hellman group of a <c>-----BEGIN DH PARAMETERS-----</c> file (smtpd_tls_dh1024_param_file),
/// as <c>openssl dhparam</c> writes it: PKCS #3 <c>DHParameter ::= SEQUENCE { prime INTEGER, base INTEGER,
/// privateValueLength INTEGER OPTIONAL }</c>, or the X9.42 form (RFC 3279 <c>DomainParameters</c>, label
/// <c>X9.42 DH PARAMETERS</c>) whose first element is also the prime. Only the prime's size is kept.
/// </summary>
/// <param name="PrimeBits">The size of the prime p in bits.</param>
/// <param name="Location">The BEGIN line of the block.</param>
public sealed record DhParameters(int PrimeBits, SourceLocation Location)
{
    /// <summary>The smallest prime senders accept without complaint; OpenSSL 3 at security level 2 refuses less.</summary>
    public const int RecommendedBits = 2048;

    /// <summary>Reads the first DH parameter block of a PEM file.</summary>
    /// <param name="blocks">The file's blocks.</param>
    /// <param name="parameters">The parameters, when a block parsed.</param>
    /// <param name="problem">Why nothing could be read, otherwise.</param>
    /// <returns>Whether parameters were found.</returns>
    public static bool TryRead(IReadOnlyList<PemBlock> blocks, out DhParameters? parameters, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(blocks);
        parameters = null;
        var block = blocks.FirstOrDefault(b => b.Label is "DH PARAMETERS" or "X9.42 DH PARAMETERS");
        if (block is null)
        {
            problem = blocks.Count == 0
                ? "the file holds no PEM block"
                : $"the file holds {string.Join(", ", blocks.Select(b => b.Label).Distinct())}, not DH PARAMETERS";
            return false;
        }

        try
        {
            var reader = new AsnReader(block.Der, AsnEncodingRules.DER);
            var sequence = reader.ReadSequence();
            var prime = sequence.ReadIntegerBytes().Span;

            // A DER INTEGER carries a leading zero byte when the top bit is set; the prime's size excludes it.
            var start = 0;
            while (start < prime.Length - 1 && prime[start] == 0)
            {
                start++;
            }

            var bits = ((prime.Length - start - 1) * 8) + (32 - System.Numerics.BitOperations.LeadingZeroCount((uint)prime[start]));
            parameters = new DhParameters(bits, block.Location);
            problem = null;
            return true;
        }
        catch (AsnContentException e)
        {
            problem = $"{block.Location}: the DH PARAMETERS block is not valid DER ({e.Message})";
            return false;
        }
    }
}
