using System.Reflection;

namespace Attention.Generators.Infrastructure;

/// <summary>What the generator writes into <c>[GeneratedCode]</c>.</summary>
internal static class GeneratorInfo
{
    /// <summary>The tool name in <c>[GeneratedCode]</c>.</summary>
    public const string Name = "Attention.Generators";

    /// <summary>The generator's assembly version, such as <c>0.1.0.0</c>.</summary>
    public static readonly string Version =
        typeof(GeneratorInfo).Assembly.GetName().Version?.ToString() ?? "0.0.0.0";
}
