using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using Attention.Generators.Diagnostics;
using Attention.Generators.Layers;
using Attention.Generators.Model;
using Microsoft.CodeAnalysis;

namespace Attention.Generators.Parsing;

/// <summary>
/// Reports ATTN0008 for every generated name that would clash: a layer field with another layer's
/// field, with a user member, an inherited member of <c>nn.Module</c> or a local of the generated
/// <c>forward</c>; and a fixed generated member (<c>InputShape</c>, <c>Summary</c>, <c>forward</c>,
/// the constructor, a nested class) with a user member.
/// </summary>
internal static class NameChecker
{
    private const string ModuleMetadataName = "Attention.Runtime.torch+nn+Module";

    /// <summary>Checks the names of <paramref name="layers"/> in <paramref name="symbol"/>.</summary>
    public static void Check(
        INamedTypeSymbol symbol,
        Compilation compilation,
        List<(LayerModel Layer, AttributeArguments Arguments)> layers,
        List<DiagnosticInfo> diagnostics,
        CancellationToken cancellationToken,
        bool block = false,
        bool masked = false,
        bool second = false)
    {
        // A block's module has no InputShape or Summary, and its constructor takes (in_channels, width, stride).
        var owner = (block ? "block '" : "network '") + symbol.Name + "'";
        var fixedMembers = block ? new List<string> { "forward" } : new List<string> { "InputShape", "Summary", "forward" };
        if (second)
        {
            fixedMembers.Add("SecondInputShape");
        }

        fixedMembers.AddRange(layers.SelectMany(static l => LayerSpecs.Of(l.Layer).NestedClasses(l.Layer)).Select(static n => n.Name).Distinct());

        // C# forbids a member named like its class (CS0542).
        if (fixedMembers.Contains(symbol.Name))
        {
            diagnostics.Add(DiagnosticInfo.Create(
                DiagnosticDescriptors.MemberNameClash, symbol.Locations.FirstOrDefault() ?? Location.None,
                symbol.Name, owner, "the class's own name, which C# does not allow a member to have"));
        }

        foreach (var name in fixedMembers)
        {
            foreach (var member in symbol.GetMembers(name).Where(static m => !m.IsImplicitlyDeclared))
            {
                cancellationToken.ThrowIfCancellationRequested();
                diagnostics.Add(DiagnosticInfo.Create(
                    DiagnosticDescriptors.MemberNameClash, member.Locations.FirstOrDefault() ?? Location.None,
                    name, owner, "a member declared in the class"));
            }
        }

        var parameters = block ? 3 : 0;
        foreach (var constructor in symbol.InstanceConstructors.Where(c => !c.IsImplicitlyDeclared && c.Parameters.Length == parameters))
        {
            if (block && !constructor.Parameters.All(static p => p.Type.SpecialType == SpecialType.System_Int64))
            {
                continue;
            }

            diagnostics.Add(DiagnosticInfo.Create(
                DiagnosticDescriptors.MemberNameClash, constructor.Locations.FirstOrDefault() ?? Location.None,
                block ? symbol.Name + "(long, long, long)" : symbol.Name + "()", owner,
                block ? "the constructor (long, long, long) declared in the class" : "the parameterless constructor declared in the class"));
        }

        var inherited = new HashSet<string>();
        for (var type = compilation.GetTypeByMetadataName(ModuleMetadataName); type is not null; type = type.BaseType)
        {
            inherited.UnionWith(type.MemberNames);
        }

        var taken = new Dictionary<string, string>
        {
            [symbol.Name] = "the class's own name",
            ["input"] = "the parameter of the generated forward",
        };
        if (block)
        {
            taken["in_channels"] = taken["width"] = taken["stride"] = "a parameter of the generated constructor";
        }

        if (masked)
        {
            taken["mask"] = "the padding mask parameter of the generated forward";
        }

        if (second)
        {
            taken["second"] = "the second input parameter of the generated forward";
        }

        // A field named like one of the runtime's short names would hide it in the generated code.
        foreach (var (alias, target, _) in Emit.NetworkEmitter.RuntimeAliases)
        {
            taken[alias] = "the generated code's name for " + target.Substring("global::".Length);
        }

        foreach (var name in fixedMembers)
        {
            taken[name] = "a generated member";
        }

        for (var i = 1; i <= layers.Count; i++)
        {
            taken["h" + i.ToString(CultureInfo.InvariantCulture)] = "a local of the generated forward";
        }

        foreach (var (layer, arguments) in layers)
        {
            if (!LayerSpecs.Of(layer).HasField(layer))
            {
                continue;
            }

            string? clash = null;
            if (taken.TryGetValue(layer.Name, out var holder))
            {
                clash = holder;
            }
            else if (symbol.GetMembers(layer.Name).Any(static m => !m.IsImplicitlyDeclared))
            {
                clash = "a member declared in the class";
            }
            else if (inherited.Contains(layer.Name))
            {
                clash = "a member inherited from nn.Module";
            }

            if (clash is not null)
            {
                diagnostics.Add(DiagnosticInfo.Create(
                    DiagnosticDescriptors.MemberNameClash, arguments.NamedLocation("Name"), layer.Name, owner, clash));
            }
            else
            {
                taken[layer.Name] = "another layer's field";
            }
        }
    }
}
