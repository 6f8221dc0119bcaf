using MailTls.Cli;

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};
return await MailTlsApp.RunAsync(args, CliHost.FromProcess(), cancel.Token);
