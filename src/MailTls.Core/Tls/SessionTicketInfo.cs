using System.Collections.Immutable;

namespace MailTls.Core.Tls;

/// <summary>A NewSessionTicket the server sent: what a client needs to offer the ticket again.</summary>
/// <param name="Lifetime">ticket_lifetime(_hint) in seconds; 0 in TLS 1.2 means "unspecified".</param>
/// <param name="AgeAdd">ticket_age_add (TLS 1.3), added to the ticket age the client reports; 0 in TLS 1.2.</param>
/// <param name="Nonce">ticket_nonce (TLS 1.3), input to the resumption PSK; empty in TLS 1.2.</param>
/// <param name="Ticket">The opaque ticket.</param>
public sealed record SessionTicketInfo(uint Lifetime, uint AgeAdd, ImmutableArray<byte> Nonce, ImmutableArray<byte> Ticket);
