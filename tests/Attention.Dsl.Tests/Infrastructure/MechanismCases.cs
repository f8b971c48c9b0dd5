using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using Attention.Runtime;

namespace Attention.Dsl.Tests.Infrastructure;

/// <summary>
/// The DSL networks under test, by the name of their case in Reference/expected/mechanisms.json,
/// and the facts that file records beside the tensors (keys, counts, shapes).
/// </summary>
public static class MechanismCases
{
    /// <summary>The reference area: Reference/expected/mechanisms.json, written by Reference/mechanisms.py.</summary>
    public const string Area = "mechanisms";

    /// <summary>A fresh instance of each network.</summary>
    public static readonly IReadOnlyDictionary<string, Func<torch.nn.Module<torch.Tensor, torch.Tensor>>> Networks =
        new Dictionary<string, Func<torch.nn.Module<torch.Tensor, torch.Tensor>>>(StringComparer.Ordinal)
        {
            [nameof(SePaper)] = () => new SePaper(),
            [nameof(SeSeed)] = () => new SeSeed(),
            [nameof(SeMobileNetV3)] = () => new SeMobileNetV3(),
            [nameof(SeSiLU)] = () => new SeSiLU(),
            [nameof(ChannelAttentionNet)] = () => new ChannelAttentionNet(),
            [nameof(ChannelAttentionNoBias)] = () => new ChannelAttentionNoBias(),
            [nameof(SpatialAttention7)] = () => new SpatialAttention7(),
            [nameof(SpatialAttention3)] = () => new SpatialAttention3(),
            [nameof(SpatialAttentionBn)] = () => new SpatialAttentionBn(),
            [nameof(CbamNet)] = () => new CbamNet(),
            [nameof(EcaAdaptive)] = () => new EcaAdaptive(),
            [nameof(EcaKernel5)] = () => new EcaKernel5(),
            [nameof(SmallAttentionNet)] = () => new SmallAttentionNet(),
            [nameof(PlantedColumnNet)] = () => new PlantedColumnNet(),
            [nameof(RaffelEllisNet)] = () => new RaffelEllisNet(),
            [nameof(SharedTemporalGruNet)] = () => new SharedTemporalGruNet(),
            [nameof(FinalStateLstmNet)] = () => new FinalStateLstmNet(),
        };

    /// <summary>Each network's generated, compile-time <c>Summary.TotalParameters</c>.</summary>
    public static readonly IReadOnlyDictionary<string, long> SummaryTotals = new Dictionary<string, long>(StringComparer.Ordinal)
    {
        [nameof(SePaper)] = SePaper.Summary.TotalParameters,
        [nameof(SeSeed)] = SeSeed.Summary.TotalParameters,
        [nameof(SeMobileNetV3)] = SeMobileNetV3.Summary.TotalParameters,
        [nameof(SeSiLU)] = SeSiLU.Summary.TotalParameters,
        [nameof(ChannelAttentionNet)] = ChannelAttentionNet.Summary.TotalParameters,
        [nameof(ChannelAttentionNoBias)] = ChannelAttentionNoBias.Summary.TotalParameters,
        [nameof(SpatialAttention7)] = SpatialAttention7.Summary.TotalParameters,
        [nameof(SpatialAttention3)] = SpatialAttention3.Summary.TotalParameters,
        [nameof(SpatialAttentionBn)] = SpatialAttentionBn.Summary.TotalParameters,
        [nameof(CbamNet)] = CbamNet.Summary.TotalParameters,
        [nameof(EcaAdaptive)] = EcaAdaptive.Summary.TotalParameters,
        [nameof(EcaKernel5)] = EcaKernel5.Summary.TotalParameters,
        [nameof(SmallAttentionNet)] = SmallAttentionNet.Summary.TotalParameters,
        [nameof(PlantedColumnNet)] = PlantedColumnNet.Summary.TotalParameters,
        [nameof(RaffelEllisNet)] = RaffelEllisNet.Summary.TotalParameters,
        [nameof(SharedTemporalGruNet)] = SharedTemporalGruNet.Summary.TotalParameters,
        [nameof(FinalStateLstmNet)] = FinalStateLstmNet.Summary.TotalParameters,
    };

    /// <summary>Each network's generated <c>InputShape</c>.</summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlyList<long>> InputShapes = new Dictionary<string, IReadOnlyList<long>>(StringComparer.Ordinal)
    {
        [nameof(SePaper)] = SePaper.InputShape,
        [nameof(SeSeed)] = SeSeed.InputShape,
        [nameof(SeMobileNetV3)] = SeMobileNetV3.InputShape,
        [nameof(SeSiLU)] = SeSiLU.InputShape,
        [nameof(ChannelAttentionNet)] = ChannelAttentionNet.InputShape,
        [nameof(ChannelAttentionNoBias)] = ChannelAttentionNoBias.InputShape,
        [nameof(SpatialAttention7)] = SpatialAttention7.InputShape,
        [nameof(SpatialAttention3)] = SpatialAttention3.InputShape,
        [nameof(SpatialAttentionBn)] = SpatialAttentionBn.InputShape,
        [nameof(CbamNet)] = CbamNet.InputShape,
        [nameof(EcaAdaptive)] = EcaAdaptive.InputShape,
        [nameof(EcaKernel5)] = EcaKernel5.InputShape,
        [nameof(SmallAttentionNet)] = SmallAttentionNet.InputShape,
        [nameof(PlantedColumnNet)] = PlantedColumnNet.InputShape,
        [nameof(RaffelEllisNet)] = RaffelEllisNet.InputShape,
        [nameof(SharedTemporalGruNet)] = SharedTemporalGruNet.InputShape,
        [nameof(FinalStateLstmNet)] = FinalStateLstmNet.InputShape,
    };

    private static readonly Lazy<Dictionary<string, CaseInfo>> Infos = new(Load);

    /// <summary>What the reference records about case <paramref name="name"/> besides its tensors.</summary>
    public static CaseInfo Info(string name) => Infos.Value[name];

    private static Dictionary<string, CaseInfo> Load()
    {
        string path = Path.Combine(AppContext.BaseDirectory, "Reference", "expected", Area + ".json");
        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.GetProperty("cases").EnumerateObject().ToDictionary(
            c => c.Name,
            c => new CaseInfo(
                c.Value.GetProperty("input_shape").EnumerateArray().Select(d => d.GetInt64()).ToArray(),
                c.Value.GetProperty("state_keys").EnumerateArray().Select(k => k.GetString()!).ToArray(),
                c.Value.GetProperty("parameter_keys").EnumerateArray().Select(k => k.GetString()!).ToArray(),
                c.Value.GetProperty("parameter_count").GetInt64()),
            StringComparer.Ordinal);
    }
}

/// <summary>
/// A reference case's metadata: the per-sample input shape, the state-dict keys and the parameter
/// names in PyTorch's order, and PyTorch's parameter count.
/// </summary>
public sealed record CaseInfo(long[] InputShape, string[] StateKeys, string[] ParameterKeys, long ParameterCount)
{
    /// <summary>The state-dict keys that are buffers (BatchNorm's running statistics), in key order.</summary>
    public string[] BufferKeys => StateKeys.Where(k => !ParameterKeys.Contains(k)).ToArray();
}
