using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using MailTls.Collectors.MtaSts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit;

namespace MailTls.IntegrationTests.MtaSts;

/// <summary>
/// A real HTTPS server for MTA-STS policies: in-process Kestrel on 127.0.0.1, a free port, with a
/// certificate for <c>mta-sts.mailtls.test</c> and <c>mta-sts.CASE.mailtls.test</c> issued by a test
/// CA made at start with CertificateRequest. It answers by the request's host, one behaviour per
/// <see cref="MtaStsZone"/> case: good and testing policies, a redirect, a wrong Content-Type,
/// a 1 MB body, bad syntax, a body that stalls, headers that never come, a 404, a certificate without the name, and (chosen
/// by SNI) an expired certificate with the right name.
/// </summary>
public sealed class MtaStsServerFixture : IAsyncLifetime
{
    public const string GoodPolicy = "version: STSv1\nmode: enforce\nmx: *.mailtls.test\nmax_age: 604800\n";

    /// <summary>How long the collector waits in tests; the stalled body outlasts it.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    private static readonly TimeSpan StartDeadline = TimeSpan.FromSeconds(10);

    private readonly ECDsa caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly ECDsa leafKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private WebApplication? app;
    private X509Certificate2? serverCertificate;
    private X509Certificate2? expiredCertificate;

    /// <summary>The test CA; the collector trusts it through its internal test knob.</summary>
    public X509Certificate2 TrustRoot { get; private set; } = null!;

    public int Port { get; private set; }

    /// <summary>Every request served, as <c>host path?query</c>, to show what the client asked for.</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    /// <summary>Collector options that reach this server: its port, its CA, the test timeout.</summary>
    internal MtaStsCollectorOptions CollectorOptions => new() { Timeout = Timeout, Port = Port, ExtraTrustRoots = [TrustRoot] };

    public async Task InitializeAsync()
    {
        var now = DateTimeOffset.UtcNow;
        var caRequest = new CertificateRequest("CN=mailtls MTA-STS test CA", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        TrustRoot = caRequest.CreateSelfSigned(now.AddDays(-30), now.AddDays(30));

        var request = new CertificateRequest("CN=mta-sts.mailtls.test", leafKey, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("mta-sts." + MtaStsZone.Good);
        foreach (var label in MtaStsZone.Cases.Where(c => c != MtaStsZone.BadCertificate))
        {
            names.AddDnsName("mta-sts." + MtaStsZone.Domain(label));
        }

        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var leaf = request.Create(TrustRoot, now.AddDays(-1), now.AddDays(10), RandomNumberGenerator.GetBytes(8));
        serverCertificate = leaf.CopyWithPrivateKey(leafKey);

        // Same names and issuer, but its validity ended yesterday: only the dates are wrong.
        using var expired = request.Create(TrustRoot, now.AddDays(-10), now.AddDays(-1), RandomNumberGenerator.GetBytes(8));
        expiredCertificate = expired.CopyWithPrivateKey(leafKey);
        var expiredHost = "mta-sts." + MtaStsZone.Domain(MtaStsZone.Expired);

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrelHttpsConfiguration();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(new HttpsConnectionAdapterOptions
            {
                ServerCertificateSelector = (_, sni) => sni == expiredHost ? expiredCertificate : serverCertificate,
            }));
        });
        app = builder.Build();
        app.Run(ServeAsync);
        using var deadline = new CancellationTokenSource(StartDeadline);
        await app.StartAsync(deadline.Token);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        Port = new Uri(address).Port;
    }

    public async Task DisposeAsync()
    {
        if (app is not null)
        {
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await app.StopAsync(deadline.Token);
            await app.DisposeAsync();
        }

        serverCertificate?.Dispose();
        expiredCertificate?.Dispose();
        TrustRoot?.Dispose();
        leafKey.Dispose();
        caKey.Dispose();
    }

    private async Task ServeAsync(HttpContext context)
    {
        var host = context.Request.Host.Host;
        Requests.Enqueue($"{host} {context.Request.Path}{context.Request.QueryString}");
        var response = context.Response;
        if (context.Request.Path != "/.well-known/mta-sts.txt")
        {
            response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        var label = host == "mta-sts." + MtaStsZone.Good
            ? MtaStsZone.Good
            : host["mta-sts.".Length..^(MtaStsZone.Good.Length + 1)];
        switch (label)
        {
            case MtaStsZone.Redirect:
                response.StatusCode = StatusCodes.Status301MovedPermanently;
                response.Headers.Location = $"https://mta-sts.{MtaStsZone.Good}:{Port}/.well-known/mta-sts.txt?followed";
                return;

            case MtaStsZone.Missing:
                response.StatusCode = StatusCodes.Status404NotFound;
                return;

            case MtaStsZone.ContentType:
                await WriteAsync(response, "text/html; charset=utf-8", GoodPolicy);
                return;

            case MtaStsZone.Testing:
                await WriteAsync(response, "text/plain", GoodPolicy.Replace("enforce", "testing", StringComparison.Ordinal).ReplaceLineEndings("\r\n"));
                return;

            case MtaStsZone.Syntax:
                await WriteAsync(response, "text/plain", "version: STSv1\nmode: strict\nmx: mail.*.mailtls.test\nmax_age: forever\n");
                return;

            case MtaStsZone.Uncovered:
                await WriteAsync(response, "text/plain", "version: STSv1\nmode: enforce\nmx: mx.mailtls.test\nmax_age: 604800\n");
                return;

            case MtaStsZone.Huge:
                // No Content-Length: the client must stop reading at its own limit.
                response.ContentType = "text/plain";
                var chunk = Encoding.ASCII.GetBytes(new string('#', 1023) + "\n");
                try
                {
                    await response.Body.WriteAsync(Encoding.ASCII.GetBytes(GoodPolicy), context.RequestAborted);
                    for (var i = 0; i < 1024; i++)
                    {
                        await response.Body.WriteAsync(chunk, context.RequestAborted);
                    }
                }
                catch (Exception e) when (e is OperationCanceledException or IOException)
                {
                    // The client stopped reading at its limit, as it should.
                }

                return;

            case MtaStsZone.Slow:
                response.ContentType = "text/plain";
                response.ContentLength = 4096;
                try
                {
                    await response.Body.WriteAsync(Encoding.ASCII.GetBytes("version: STSv1\n"), context.RequestAborted);
                    await response.Body.FlushAsync(context.RequestAborted);
                    await Task.Delay(Timeout * 10, context.RequestAborted);
                }
                catch (Exception e) when (e is OperationCanceledException or IOException)
                {
                    // The client gave up, as it should.
                }

                context.Abort();
                return;

            case MtaStsZone.Stall:
                try
                {
                    await Task.Delay(Timeout * 10, context.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                    // The client gave up waiting for the headers, as it should.
                }

                context.Abort();
                return;

            default:
                await WriteAsync(response, "text/plain", GoodPolicy);
                return;
        }
    }

    private static Task WriteAsync(HttpResponse response, string contentType, string body)
    {
        response.ContentType = contentType;
        return response.WriteAsync(body);
    }
}
