using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Xunit;

namespace Attention.Packaging.Tests;

/// <summary>
/// What a user gets from the packages: they are packed into a fresh folder, the template is
/// installed from it, and a project made from the template restores from that folder alone (its
/// nuget.config clears every other source, and a fresh NuGet cache holds nothing from earlier),
/// builds, writes its generated source to disk and trains.
/// </summary>
public sealed class TemplateConsumerTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("attention-packaging-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task A_project_from_the_template_builds_and_trains_against_the_packed_packages()
    {
        string packages = Path.Combine(_root, "packages");
        var isolated = new Dictionary<string, string>
        {
            ["NUGET_PACKAGES"] = Path.Combine(_root, "nuget-cache"),
            ["XDG_CACHE_HOME"] = Path.Combine(_root, "cache"),
        };
        // The README's command: src/packages.slnf holds the shipped projects.
        await DotNet.RunAsync(DotNet.RepositoryRoot, new Dictionary<string, string>(), "pack", "src/packages.slnf", "-c", "Release", "-o", packages, "-nodeReuse:false");

        // One version for all three packages.
        string[] names = Directory.GetFiles(packages, "*.nupkg").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray()!;
        string version = Regex.Match(names[0], @"^Attention\.Dsl\.(\d+\.\d+\.\d+.*)\.nupkg$").Groups[1].Value;
        Assert.Equal(["Attention.Dsl." + version + ".nupkg", "Attention.Dsl.Templates." + version + ".nupkg", "Attention.Runtime." + version + ".nupkg"], names);

        // The generator is an analyzer of the DSL package, not a dependency; the runtime carries its shim and the shim's sources.
        string[] dsl = Entries(Path.Combine(packages, names[0]));
        Assert.Contains("analyzers/dotnet/cs/Attention.Generators.dll", dsl);
        Assert.Contains("analyzers/dotnet/cs/Attention.CodeFixes.dll", dsl);
        Assert.Contains("lib/netstandard2.0/Attention.Dsl.dll", dsl);
        Assert.DoesNotContain(dsl, entry => entry.StartsWith("lib/", StringComparison.Ordinal) && entry.Contains("Generators", StringComparison.Ordinal));
        string[] runtime = Entries(Path.Combine(packages, names[2]));
        Assert.Contains("lib/net10.0/Attention.Runtime.dll", runtime);
        Assert.Contains(runtime, entry => Regex.IsMatch(entry, @"^runtimes/linux-[a-z0-9]+/native/libattention_shim\.so$"));
        Assert.Contains("buildTransitive/Attention.Runtime.targets", runtime);
        Assert.Contains("native/CMakeLists.txt", runtime);
        Assert.Contains("native/src/common.h", runtime);
        Assert.Contains("build/Attention.Dsl.targets", dsl);

        // The user's side: a folder of its own, outside the repository.
        string user = Path.Combine(_root, "user");
        Directory.CreateDirectory(user);
        WriteLocalNuGetConfig(user, packages);
        string hive = Path.Combine(_root, "template-hive");
        await DotNet.RunAsync(user, isolated, "new", "install", Path.Combine(packages, names[1]), "--debug:custom-hive", hive);
        await DotNet.RunAsync(user, isolated, "new", "attention-network", "-o", "MyNetwork", "--debug:custom-hive", hive);
        string project = Path.Combine(user, "MyNetwork");
        Assert.DoesNotContain("ProjectReference", File.ReadAllText(Path.Combine(project, "MyNetwork.csproj")), StringComparison.Ordinal);

        string build = await DotNet.RunAsync(project, isolated, "build", "-nodeReuse:false");
        Assert.Contains("0 Warning(s)", build, StringComparison.Ordinal);
        Assert.True(Directory.Exists(Path.Combine(isolated["NUGET_PACKAGES"], "attention.dsl", version)), "Attention.Dsl was not restored from the packed folder.");

        // The generated source is on disk, with the packages' version in its [GeneratedCode].
        string generated = Directory.GetFiles(Path.Combine(project, "Generated"), "MyNetwork.PlantedStepNet.g.cs", SearchOption.AllDirectories).Single();
        Assert.Contains($"GeneratedCode(\"Attention.Generators\", \"{version}.0\")", File.ReadAllText(generated), StringComparison.Ordinal);

        // It trains: the label is planted in step 2, so the test accuracy is high and attention peaks there.
        string run = await DotNet.RunAsync(project, isolated, "run", "--no-build");
        Assert.Contains("attention peaks at step 2 (planted at step 2)", run, StringComparison.Ordinal);
        double accuracy = double.Parse(Regex.Match(run, @"test accuracy (\d+\.\d+) %").Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.True(accuracy >= 95.0, $"test accuracy {accuracy} % after three epochs:\n{run}");
    }

    [Fact]
    public async Task A_project_with_the_DSL_but_not_the_runtime_is_told_to_add_the_runtime()
    {
        string packages = Path.Combine(_root, "packages");
        await DotNet.RunAsync(DotNet.RepositoryRoot, new Dictionary<string, string>(), "pack", "src/Attention.Dsl", "-c", "Release", "-o", packages, "-nodeReuse:false");
        string project = Path.Combine(_root, "user", "DslOnly");
        Directory.CreateDirectory(project);
        WriteLocalNuGetConfig(Path.Combine(_root, "user"), packages);
        string version = Regex.Match(Path.GetFileName(Directory.GetFiles(packages, "Attention.Dsl.*.nupkg").Single()), @"^Attention\.Dsl\.(.+)\.nupkg$").Groups[1].Value;
        File.WriteAllText(Path.Combine(project, "DslOnly.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup>
              <ItemGroup><PackageReference Include="Attention.Dsl" Version="{version}" /></ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(project, "Empty.cs"), "namespace DslOnly; internal static class Empty;");

        string build = await DotNet.RunAsync(project, new Dictionary<string, string> { ["NUGET_PACKAGES"] = Path.Combine(_root, "nuget-cache") }, "build", "-nodeReuse:false");
        Assert.Contains("the networks it generates run on Attention.Runtime, which this project does not reference. Add it: dotnet add package Attention.Runtime", build, StringComparison.Ordinal);
    }

    private static void WriteLocalNuGetConfig(string folder, string packages) =>
        File.WriteAllText(Path.Combine(folder, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{packages}" />
              </packageSources>
            </configuration>
            """);

    private static string[] Entries(string package)
    {
        using ZipArchive archive = ZipFile.OpenRead(package);
        return archive.Entries.Select(entry => entry.FullName).ToArray();
    }
}
