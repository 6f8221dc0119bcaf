using Xunit;
using MailTls.Core.Dns;

namespace MailTls.Core.Tests.Dns;

public class TlsaMatcherTests
{
    [Fact]
    public void Match_DaneEeForLeaf_MatchesLeaf()
    {
        // Given a 3 1 1 record for the presented leaf
        using var chain = DnsTestChain.Create();
        var record = TlsaCalculator.Compute(chain.Leaf);

        // When the chain is matched
        var result = TlsaMatcher.Match([record], chain.Chain);

        // Then the record matches position 0
        Assert.Equal(TlsaOutcome.Match, result.Outcome);
        Assert.Equal(TlsaRecordVerdict.Matched, result.Records[0].Verdict);
        Assert.Equal(0, result.Records[0].MatchedIndex);
        Assert.Equal([0], result.Records[0].CandidateIndexes);
    }

    [Fact]
    public void Match_DaneTaForIssuer_MatchesIssuer()
    {
        // Given a 2 1 1 record for the issuer the server sends
        using var chain = DnsTestChain.Create();
        var record = TlsaCalculator.Compute(chain.Issuer, TlsaCertificateUsage.DaneTa);

        // When the chain is matched
        var result = TlsaMatcher.Match([record], chain.Chain);

        // Then the record matches position 1
        Assert.Equal(TlsaOutcome.Match, result.Outcome);
        Assert.Equal(1, result.Records[0].MatchedIndex);
        Assert.Equal([1], result.Records[0].CandidateIndexes);
    }

    [Fact]
    public void Match_StaleRecordsAfterRenewal_Mismatch()
    {
        // Given 3 1 1 and 2 1 1 records of an older certificate and CA (scenario 4)
        using var old = DnsTestChain.Create();
        using var current = DnsTestChain.Create();
        var stale = TlsaCalculator.RecordsToPublish(old.Chain);

        // When the current chain is matched
        var result = TlsaMatcher.Match(stale, current.Chain);

        // Then nothing matches, and the sender would abort
        Assert.Equal(TlsaOutcome.Mismatch, result.Outcome);
        Assert.All(result.Records, r => Assert.Equal(TlsaRecordVerdict.NotMatched, r.Verdict));
        Assert.All(result.Records, r => Assert.Null(r.MatchedIndex));
    }

    [Fact]
    public void Match_OneStaleOneCurrent_Match()
    {
        // Given the old record and the new one published side by side during a rollover
        using var old = DnsTestChain.Create();
        using var current = DnsTestChain.Create();
        TlsaRecord[] records = [TlsaCalculator.Compute(old.Leaf), TlsaCalculator.Compute(current.Leaf)];

        // When the current chain is matched
        var result = TlsaMatcher.Match(records, current.Chain);

        // Then the set matches through the second record
        Assert.Equal(TlsaOutcome.Match, result.Outcome);
        Assert.Equal(TlsaRecordVerdict.NotMatched, result.Records[0].Verdict);
        Assert.Equal(TlsaRecordVerdict.Matched, result.Records[1].Verdict);
    }

    [Fact]
    public void Match_PkixUsagesOnly_NoUsableRecords()
    {
        // Given PKIX-EE and PKIX-TA records that would match byte for byte
        using var chain = DnsTestChain.Create();
        TlsaRecord[] records =
        [
            TlsaCalculator.Compute(chain.Leaf, TlsaCertificateUsage.PkixEe),
            TlsaCalculator.Compute(chain.Issuer, TlsaCertificateUsage.PkixTa),
        ];

        // When the chain is matched
        var result = TlsaMatcher.Match(records, chain.Chain);

        // Then SMTP ignores them (RFC 7672 section 3.1.3)
        Assert.Equal(TlsaOutcome.NoUsableRecords, result.Outcome);
        Assert.All(result.Records, r => Assert.Equal(TlsaRecordVerdict.Unusable, r.Verdict));
        Assert.All(result.Records, r => Assert.Empty(r.CandidateIndexes));
    }

    [Fact]
    public void Match_DaneTaForLeaf_DoesNotMatchLeaf()
    {
        // Given a DANE-TA record that describes the leaf itself
        using var chain = DnsTestChain.Create();
        var record = TlsaCalculator.Compute(chain.Leaf, TlsaCertificateUsage.DaneTa);

        // When the chain is matched
        var result = TlsaMatcher.Match([record], chain.Chain);

        // Then it is not a match: a trust anchor is above the leaf
        Assert.Equal(TlsaOutcome.Mismatch, result.Outcome);
    }

    [Theory]
    [InlineData(TlsaSelector.Cert, TlsaMatchingType.Full)]
    [InlineData(TlsaSelector.Cert, TlsaMatchingType.Sha256)]
    [InlineData(TlsaSelector.Cert, TlsaMatchingType.Sha512)]
    [InlineData(TlsaSelector.Spki, TlsaMatchingType.Full)]
    [InlineData(TlsaSelector.Spki, TlsaMatchingType.Sha512)]
    public void Match_EverySelectorAndMatchingType_MatchesLeaf(TlsaSelector selector, TlsaMatchingType matchingType)
    {
        // Given a DANE-EE record with this selector and matching type
        using var chain = DnsTestChain.Create();
        var record = TlsaCalculator.Compute(chain.Leaf, TlsaCertificateUsage.DaneEe, selector, matchingType);

        // When the chain is matched
        // Then it matches the leaf
        Assert.Equal(TlsaOutcome.Match, TlsaMatcher.Match([record], chain.Chain).Outcome);
    }

    [Fact]
    public void Match_SameKeyRenewedCertificate_SpkiMatchesCertDoesNot()
    {
        // Given records for a leaf, and a chain whose leaf is a different certificate
        using var chain = DnsTestChain.Create();
        using var other = DnsTestChain.Create();
        TlsaRecord[] records = [TlsaCalculator.Compute(chain.Leaf, selector: TlsaSelector.Cert)];

        // When another chain is matched
        var result = TlsaMatcher.Match(records, other.Chain);

        // Then the full-certificate record no longer matches
        Assert.Equal(TlsaOutcome.Mismatch, result.Outcome);
    }

    [Fact]
    public void Match_EmptyChain_MismatchForUsableRecords()
    {
        // Given a usable record and no presented certificate
        using var chain = DnsTestChain.Create();

        // When matched against nothing
        var result = TlsaMatcher.Match([TlsaCalculator.Compute(chain.Leaf)], []);

        // Then nothing matches and no candidate position exists
        Assert.Equal(TlsaOutcome.Mismatch, result.Outcome);
        Assert.Empty(result.Records[0].CandidateIndexes);
    }

    [Fact]
    public void Match_NoRecords_NoUsableRecords()
    {
        // Given an empty RRset
        using var chain = DnsTestChain.Create();

        // When matched
        // Then there is nothing usable
        Assert.Equal(TlsaOutcome.NoUsableRecords, TlsaMatcher.Match([], chain.Chain).Outcome);
    }
}
