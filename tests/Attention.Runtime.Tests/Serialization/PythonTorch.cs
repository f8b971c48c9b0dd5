using System.Runtime.CompilerServices;
using System;
using System.Diagnostics;
using System.IO;
using Xunit;

namespace Attention.Runtime.Tests.Serialization;

/// <summary>Runs the PyTorch side of a round trip: Serialization/safetensors_roundtrip.py under /usr/bin/python3.</summary>
internal static class PythonTorch
{
    internal const string Interpreter = "/usr/bin/python3";

    private const string Script = "tests/Attention.Runtime.Tests/Serialization/safetensors_roundtrip.py";

    /// <summary>Why the round trips cannot run here, or null when python3 with torch is installed (as in CI).</summary>
    internal static readonly Lazy<string?> MissingReason = new(() =>
    {
        if (!File.Exists(Interpreter))
        {
            return $"{Interpreter} is not installed (install python3-torch to run the PyTorch round trips)";
        }

        var (exitCode, output) = Execute(Interpreter, "-c", "import torch");
        return exitCode == 0 ? null : $"{Interpreter} cannot import torch (install python3-torch to run the PyTorch round trips): {output.Trim()}";
    });

    /// <summary>Runs the script with <paramref name="arguments"/>; fails the test with its output when it exits non-zero.</summary>
    internal static void Run(params string[] arguments)
    {
        var (exitCode, output) = Execute(Interpreter, [ScriptPath(), .. arguments]);
        Assert.True(exitCode == 0, $"safetensors_roundtrip.py {string.Join(' ', arguments)} exited with {exitCode}:{Environment.NewLine}{output}");
    }

    /// <summary>The script beside the test assembly (copied there by the build), else in the source tree above it.</summary>
    private static string ScriptPath()
    {
        string beside = Path.Combine(AppContext.BaseDirectory, "Serialization", Path.GetFileName(Script));
        if (File.Exists(beside))
        {
            return beside;
        }

        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            string candidate = Path.Combine(folder.FullName, Script);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"{Script} was not found above {AppContext.BaseDirectory}; the tests run from the repository's build output.");
    }

    private static (int ExitCode, string Output) Execute(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            return (-1, "timed out after 2 minutes" + Environment.NewLine + stdout);
        }

        return (process.ExitCode, stdout + stderr.Result);
    }
}

/// <summary>A test that needs /usr/bin/python3 with torch; skipped, with the reason, where it is missing.</summary>
public sealed class PythonTorchFactAttribute : FactAttribute
{
    public PythonTorchFactAttribute([CallerFilePath] string? sourceFilePath = null, [CallerLineNumber] int sourceLineNumber = -1)
        : base(sourceFilePath, sourceLineNumber)
    {
        if (PythonTorch.MissingReason.Value is { } reason)
        {
            Skip = reason;
        }
    }
}
