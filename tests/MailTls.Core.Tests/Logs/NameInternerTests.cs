using MailTls.Core.Logs;
using Xunit;

namespace MailTls.Core.Tests.Logs;

/// <summary>
/// The interner is shared by the threads that parse blocks of one log: equal names must come back
/// as one string whichever thread asks, and the number kept must stay bounded on hostile input.
/// </summary>
public class NameInternerTests
{
    [Fact]
    public async Task Intern_SameNameOnSeveralThreads_IsOneString()
    {
        // Given one interner and four threads interning the same names (each through its own cache)
        var names = new NameInterner();
        var hosts = Enumerable.Range(0, 500).Select(i => $"mail-{i}.example.com").ToArray();
        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
            hosts.Select(h => names.Intern(h.AsSpan())).ToArray())));

        // Then every thread got the same instance for each name, equal to it
        for (var i = 0; i < hosts.Length; i++)
        {
            Assert.Equal(hosts[i], results[0][i]);
            Assert.All(results, r => Assert.Same(results[0][i], r[i]));
        }
    }

    [Fact]
    public void Intern_PastTheCap_StillAnswersButSharesNoMore()
    {
        // Given an interner filled with more distinct names than it keeps
        var names = new NameInterner();
        for (var i = 0; i < 12_000; i++)
        {
            names.Intern($"host-{i}.example".AsSpan());
        }

        // When two new threads (each with an empty cache of its own) ask for a name kept before the
        // cap and one first seen after it
        (string Early, string Late) OnNewThread()
        {
            (string, string) answer = default;
            var thread = new Thread(() => answer = (names.Intern("host-1.example".AsSpan()), names.Intern("late.example.net".AsSpan())));
            thread.Start();
            thread.Join();
            return answer;
        }

        var first = OnNewThread();
        var second = OnNewThread();

        // Then both answers are right; the early name is one shared string, the late one was not
        // kept, so each thread got a string of its own
        Assert.Same(first.Early, second.Early);
        Assert.Equal("late.example.net", first.Late);
        Assert.Equal("late.example.net", second.Late);
        Assert.NotSame(first.Late, second.Late);
    }
}
