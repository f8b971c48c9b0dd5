namespace Attention.Generators.Infrastructure;

/// <summary>
/// Names given to pipeline steps with <c>WithTrackingName</c>, so that incrementality tests can
/// find each step's outputs and their reasons (Cached, Unchanged, Modified, New, Removed).
/// </summary>
internal static class TrackingNames
{
    /// <summary>The result of parsing one <c>[Network]</c> class: a model, diagnostics, or both.</summary>
    public const string NetworkResults = nameof(NetworkResults);

    /// <summary>The diagnostics taken out of the parse results.</summary>
    public const string NetworkDiagnostics = nameof(NetworkDiagnostics);

    /// <summary>The models of valid networks, the input to emission.</summary>
    public const string NetworkModels = nameof(NetworkModels);

    /// <summary>Each <c>[Block]</c> class's module for a nominal use, for blocks that no network uses.</summary>
    public const string StandaloneBlocks = nameof(StandaloneBlocks);

    /// <summary>The <c>[Block]</c> classes that valid networks use, one per class, the input to block emission.</summary>
    public const string BlockModels = nameof(BlockModels);


    /// <summary>The result of parsing one class with components on partial properties.</summary>
    public const string ComponentResults = nameof(ComponentResults);

    /// <summary>The diagnostics taken out of the component parse results.</summary>
    public const string ComponentDiagnostics = nameof(ComponentDiagnostics);

    /// <summary>The models of valid component classes, the input to emission.</summary>
    public const string ComponentModels = nameof(ComponentModels);

}
