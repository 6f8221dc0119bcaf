using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(MailTls.Benchmarks.ConfigBenchmarks).Assembly).Run(args);
