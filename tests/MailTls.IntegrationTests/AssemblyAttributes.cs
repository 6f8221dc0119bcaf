using System.Runtime.Versioning;

// The servers these tests drive (Postfix, openssl s_server) run on Linux; so do the fixtures
// that set Unix file modes and read /proc.
[assembly: SupportedOSPlatform("linux")]
