using System.Linq;
using Attention.Generators.Tests.Infrastructure;
using Xunit;

namespace Attention.Generators.Tests;

/// <summary>
/// Malformed or unusual declarations must give an ATTN diagnostic or nothing at all: never an
/// exception reaching the compiler (CS8785, and no output), and never ATTN9999.
/// </summary>
public sealed class RobustnessTests
{
    [Theory]
    [InlineData("[Network(\"a\")] public partial class Net;")]
    [InlineData("[Network(null)] public partial class Net;")]
    [InlineData("[Network(1, x)] public partial class Net;")]
    [InlineData("[Network(1, 2.5)] public partial class Net;")]
    [InlineData("[Network(1,")]
    [InlineData("[Network(1, 2)] public partial class")]
    [InlineData("[Network(1)] public partial class ;")]
    [InlineData("[Network(inputShape: 3)] public partial class Net;")]
    [InlineData("[Network(inputShape: null)] public partial class Net;")]
    [InlineData("[Network(int.MaxValue, int.MinValue)] public partial class Net;")]
    [InlineData("[Network(1), Network(2)] public partial class Net;")]
    [InlineData("[Network(1)] public partial class Net; [Network(2)] public partial class Net;")]
    [InlineData("[Network(1)] public partial struct Net;")]
    [InlineData("[Network(1)] public partial record Net;")]
    [InlineData("[Network(1)] public static partial class Net;")]
    [InlineData("[Network(1)] public partial interface INet;")]
    [InlineData("public partial class Outer { [Network(1)] partial class Net; } public partial class Outer;")]
    [InlineData("public class Outer<T> { [Network(0)] class Net<U>; }")]
    [InlineData("namespace @class { [Network(2)] public partial class @event; }")]
    [InlineData("[Network(1)] public partial class Net { [Network(2)] public partial class Net; }")]
    [InlineData("[Network(1)] public partial class Net; public partial class Net { public static int InputShape; }")]
    [InlineData("[Attention.Dsl.NetworkAttribute(new int[0])] public partial class Net;")]
    [InlineData("[Network(1, 8, 8), Conv2d(\"a\")] public partial class Net;")]
    [InlineData("[Network(1, 8, 8), Conv2d(4, Kernel = x)] public partial class Net;")]
    [InlineData("[Network(1, 8, 8), Conv2d(int.MaxValue, Kernel = int.MaxValue)] public partial class Net;")]
    [InlineData("[Network(int.MaxValue, int.MaxValue), Conv2d(int.MaxValue, Kernel = 1), Flatten] public partial class Net;")]
    [InlineData("[Network(3, 8, 8), SqueezeExcite(Reduction = 0, Gate = (Gate)7, InnerActivation = (Activation)9)] public partial class Net;")]
    [InlineData("[Network(3, 8, 8), Eca(Gamma = 0), Eca(Kernel = -3)] public partial class Net;")]
    [InlineData("[Network(3, 8, 8), Flatten(StartDim = 0), Flatten(StartDim = 9), Softmax(Dim = 99)] public partial class Net;")]
    [InlineData("[Network(3, 8, 8), MaxPool2d(0), AvgPool1d(2, Padding = 5)] public partial class Net;")]
    [InlineData("[Network(3, 8, 8), Linear(4, Name = null), Linear(4, Name = \"\"), Linear(2, Name = \"a.b\")] public partial class Net;")]
    [InlineData("[Network(16), Linear(4, Name = \"name\"), Linear(4, Name = \"Net\")] public partial class Net;")]
    [InlineData("[Network(16)] public partial class Net { public Net() { } }")]
    [InlineData("[Linear(4)] public partial class Net; [Network(16)] public partial class Net;")]
    [InlineData("[Network(16), Dropout(double.NaN), LayerNorm(Eps = double.NaN)] public partial class Net;")]
    [InlineData("[Network(3, 8, 8), Apply(typeof(Missing))] public partial class Net;")]
    [InlineData("[Network(3, 8, 8), Apply(null), Residual(null)] public partial class Net;")]
    [InlineData("[Network(3, 8, 8), Apply(typeof(U), Width = int.MaxValue, Repeat = 100000)] public partial class Net; [Block, Conv2d(4 * Block.Width, Kernel = 1)] public partial class U;")]
    [InlineData("[Network(3, 8, 8), Residual(typeof(U), Stride = 100)] public partial class Net; [Block, Conv2d(Block.Width, Stride = Block.Stride)] public partial class U;")]
    [InlineData("[Network(3, 8, 8), Residual(typeof(U))] public partial class Net; [Block] public partial class U;")]
    [InlineData("[Network(16), Residual(typeof(U), Width = 4)] public partial class Net; [Block, Linear(Block.Width)] public partial class U;")]
    [InlineData("[Network(3, 8, 8), Apply(typeof(U))] public partial class Net; [Block, Block] public partial class U;")]
    [InlineData("[Network(3, 8, 8), Apply(typeof(U<>))] public partial class Net; [Block] public partial class U<T>;")]
    [InlineData("[Network(3, 8, 8), Apply(typeof(Net))] public partial class Net;")]
    [InlineData("[Block, Apply(typeof(U))] public partial class U; [Network(3, 8, 8), Apply(typeof(U))] public partial class Net;")]
    [InlineData("[Network(3, 8, 8), Conv2d(Block.Width * 0), Conv2d(-Block.Width), Linear(Block.Stride * 2)] public partial class Net;")]
    public void GeneratorNeverThrows(string declaration)
    {
        var outcome = GeneratorHarness.Run("using Attention.Dsl;\n" + declaration + "\n");

        Assert.Null(outcome.Result.Exception);
        Assert.DoesNotContain(outcome.OutputCompilation.GetDiagnostics(), static d => d.Id == "CS8785");
        Assert.All(outcome.GeneratorDiagnostics, static d =>
        {
            Assert.StartsWith("ATTN", d.Id, System.StringComparison.Ordinal);
            Assert.NotEqual("ATTN9999", d.Id);
        });
    }

    [Fact]
    public void CancellationPassesThroughTheGuardsWhileOtherFailuresBecomeATTN9999()
    {
        // The compiler cancels a run by throwing OperationCanceledException from inside our parse;
        // the guards must let it through (it is not a failure of the generator), and turn anything
        // else into ATTN9999 instead of throwing to the compiler.
        var node = Microsoft.CodeAnalysis.CSharp.SyntaxFactory.ParseCompilationUnit("public partial class Net { }").Members[0];

        Assert.ThrowsAny<System.OperationCanceledException>(() =>
            NetworkGenerator.Guard(node, static () => throw new System.OperationCanceledException()));
        Assert.ThrowsAny<System.OperationCanceledException>(() =>
            ComponentGenerator.Guard(node, static () => throw new System.OperationCanceledException()));

        var failed = NetworkGenerator.Guard(node, static () => throw new System.InvalidOperationException("no spec for 'Mystery'"));
        var diagnostic = Assert.Single(failed.Diagnostics);
        Assert.Equal("ATTN9999", diagnostic.DescriptorId);
        Assert.Contains("no spec for 'Mystery'", diagnostic.MessageArgs, System.StringComparer.Ordinal);
        Assert.Null(failed.Model);
    }

    [Fact]
    public void GeneratedShapeIsUsableAtRunTime()
    {
        var outcome = GeneratorHarness.Run("""
            namespace Models;

            /// <summary>A network.</summary>
            [Attention.Dsl.Network(2, 3, 5)]
            public partial class Net;
            """);
        Assert.Empty(outcome.CompilationErrorsAndWarnings);

        using var stream = new System.IO.MemoryStream();
        var emitted = outcome.OutputCompilation.Emit(stream);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));

        var context = new System.Runtime.Loader.AssemblyLoadContext("generated", isCollectible: true);
        try
        {
            stream.Position = 0;
            var assembly = context.LoadFromStream(stream);
            var property = assembly.GetType("Models.Net", throwOnError: true)!.GetProperty("InputShape")!;
            var shape = (System.Collections.Generic.IReadOnlyList<long>)property.GetValue(null)!;
            Assert.Equal(new long[] { 2, 3, 5 }, shape.ToArray());
            Assert.IsNotType<long[]>(shape);
        }
        finally
        {
            context.Unload();
        }
    }
}
