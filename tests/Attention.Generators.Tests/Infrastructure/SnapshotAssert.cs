using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using Microsoft.CodeAnalysis;
using Xunit;
using Xunit.Sdk;

namespace Attention.Generators.Tests.Infrastructure;

/// <summary>
/// Compares generated sources with committed snapshots, keeping Verify's conventions:
/// <c>Snapshots/{Class}.{Method}#{HintName}.verified.cs</c> is committed; on a mismatch the new
/// text goes to the matching <c>.received.cs</c> (git-ignored) and the test fails with a diff.
/// Set <c>ATTENTION_ACCEPT_SNAPSHOTS=1</c> to accept what was received as the new verified text.
/// </summary>
internal static class SnapshotAssert
{
    /// <summary>The environment variable that accepts received snapshots.</summary>
    public const string AcceptVariable = "ATTENTION_ACCEPT_SNAPSHOTS";

    private static readonly string SnapshotDirectory = Path.Combine(FindProjectDirectory(), "Snapshots");

    /// <summary>
    /// Checks every source in <paramref name="result"/> against its snapshot, and that no
    /// verified snapshot of this test is left without a generated source.
    /// </summary>
    public static void Match(GeneratorDriverRunResult result, string className, string methodName)
    {
        var prefix = className + "." + methodName + "#";
        var accept = Environment.GetEnvironmentVariable(AcceptVariable) == "1";
        var failures = new List<string>();
        var expectedFiles = new HashSet<string>(StringComparer.Ordinal);

        foreach (var generated in result.Results.SelectMany(static r => r.GeneratedSources))
        {
            var stem = prefix + StripExtension(generated.HintName);
            var verifiedPath = Path.Combine(SnapshotDirectory, stem + ".verified.cs");
            var receivedPath = Path.Combine(SnapshotDirectory, stem + ".received.cs");
            expectedFiles.Add(verifiedPath);

            var actual = Normalize(generated.SourceText.ToString());
            var verified = File.Exists(verifiedPath) ? Normalize(File.ReadAllText(verifiedPath)) : null;

            if (verified == actual)
            {
                File.Delete(receivedPath);
                continue;
            }

            if (accept)
            {
                Directory.CreateDirectory(SnapshotDirectory);
                File.WriteAllText(verifiedPath, actual, new UTF8Encoding(false));
                File.Delete(receivedPath);
                continue;
            }

            Directory.CreateDirectory(SnapshotDirectory);
            File.WriteAllText(receivedPath, actual, new UTF8Encoding(false));
            failures.Add(verified is null
                ? $"No verified snapshot {Path.GetFileName(verifiedPath)}; wrote {Path.GetFileName(receivedPath)}."
                : $"{Path.GetFileName(verifiedPath)} differs from what was generated (written to {Path.GetFileName(receivedPath)}):\n{LineDiff(verified, actual)}");
        }

        if (Directory.Exists(SnapshotDirectory))
        {
            foreach (var stale in Directory.EnumerateFiles(SnapshotDirectory, prefix + "*.verified.cs"))
            {
                if (!expectedFiles.Contains(stale))
                {
                    if (accept)
                    {
                        File.Delete(stale);
                    }
                    else
                    {
                        failures.Add($"{Path.GetFileName(stale)} is verified, but nothing was generated for it.");
                    }
                }
            }
        }

        if (failures.Count > 0)
        {
            throw new XunitException(
                string.Join("\n\n", failures)
                + $"\n\nIf the new output is right, run the tests again with {AcceptVariable}=1 and commit the .verified.cs files.");
        }
    }

    private static string StripExtension(string hintName) =>
        hintName.EndsWith(".cs", StringComparison.Ordinal) ? hintName[..^3] : hintName;

    private static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal);

    /// <summary>A unified-style line diff (longest common subsequence; snapshots are small).</summary>
    private static string LineDiff(string expected, string actual)
    {
        var a = expected.Split('\n');
        var b = actual.Split('\n');
        var lcs = new int[a.Length + 1, b.Length + 1];
        for (var i = a.Length - 1; i >= 0; i--)
        {
            for (var j = b.Length - 1; j >= 0; j--)
            {
                lcs[i, j] = a[i] == b[j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
            }
        }

        var diff = new StringBuilder().AppendLine("--- verified").AppendLine("+++ received");
        int x = 0, y = 0;
        while (x < a.Length || y < b.Length)
        {
            if (x < a.Length && y < b.Length && a[x] == b[y])
            {
                diff.Append("  ").AppendLine(a[x]);
                x++;
                y++;
            }
            else if (x < a.Length && (y == b.Length || lcs[x + 1, y] >= lcs[x, y + 1]))
            {
                diff.Append("- ").AppendLine(a[x++]);
            }
            else
            {
                diff.Append("+ ").AppendLine(b[y++]);
            }
        }

        return diff.ToString();
    }

    private static string FindProjectDirectory()
    {
        var directory = typeof(SnapshotAssert).Assembly
            .GetCustomAttributes<AssemblyMetadataAttribute>()
            .SingleOrDefault(static a => a.Key == "ProjectDirectory")?.Value;
        Assert.False(string.IsNullOrEmpty(directory), "The test assembly does not record its project directory.");
        return directory!;
    }
}
