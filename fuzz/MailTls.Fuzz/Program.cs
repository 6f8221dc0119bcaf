using MailTls.Fuzz;
using SharpFuzz;

// Usage:
//   MailTls.Fuzz                 run under afl-fuzz (SharpFuzz out-of-process mode; see fuzz/run.sh)
//   MailTls.Fuzz replay PATH...  run each file (or every file in each folder) once, printing any failure
if (args.Length > 0 && args[0] == "replay")
{
    return CorpusReplay.Run(args[1..], Console.Out);
}

Fuzzer.OutOfProcess.Run(stream =>
{
    using var memory = new MemoryStream();
    stream.CopyTo(memory);
    FuzzTargets.Run(memory.ToArray());
});
return 0;
