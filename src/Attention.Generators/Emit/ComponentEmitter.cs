using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Attention.Generators.Infrastructure;
using Attention.Generators.Layers;
using Attention.Generators.Model;

namespace Attention.Generators.Emit;

/// <summary>
/// Writes the generated part of a module whose <c>forward</c> is written by hand: a read-only field
/// per component, the implementation of each partial property, the parameterless constructor that
/// creates the components and registers them under their property names in declaration order, and
/// the attention mechanisms being the runtime's modules, as in the sequential form.
/// </summary>
internal static class ComponentEmitter
{
    /// <summary>Writes the source file for <paramref name="model"/>.</summary>
    public static string Emit(ComponentClassModel model)
    {
        var used = new HashSet<string> { "nn", "Tensor" };
        return NetworkEmitter.Wrap(model.Namespace, model.ContainingTypes, used, writer => WriteClass(writer, model, used));
    }

    private static void WriteClass(IndentedWriter writer, ComponentClassModel model, HashSet<string> used)
    {
        writer.WriteLine("partial class " + model.Name);
        using (writer.WriteBlock())
        {
            // Fields, with what each holds.
            var fields = new List<(string Code, string Comment)>();
            foreach (var component in model.Components)
            {
                var spec = LayerSpecs.Of(component.Layer);
                var type = spec.FieldType(component.Layer)!;
                used.Add(type);
                fields.Add(("private readonly " + type + " " + component.Field + ";", "// " + spec.Describe(component.Layer)));
            }

            NetworkEmitter.WriteAligned(writer, fields);
            writer.WriteLine();

            // The partial properties' implementations.
            foreach (var component in model.Components)
            {
                var type = component.PropertyType + (component.Nullable ? "?" : string.Empty);
                writer.WriteLine(component.Modifiers + " " + type + " " + component.Property + " { get => " + component.Field + "; }");
            }

            writer.WriteLine();
            WriteConstructor(writer, model, used);
        }
    }

    private static void WriteConstructor(
        IndentedWriter writer,
        ComponentClassModel model,
        HashSet<string> used)
    {
        var total = model.Components.Sum(static c => c.Layer.Parameters);
        var names = string.Join(", ", model.Components.Select(static c => "<c>" + c.RegisteredName + "</c>"));
        writer.WriteLine("/// <summary>");
        writer.WriteLine("/// Creates the components, initialised as PyTorch does, and registers them in declaration order:");
        writer.WriteLine("/// " + names + " (" + total.ToString("N0", CultureInfo.InvariantCulture) + " parameters in all).");
        writer.WriteLine("/// </summary>");
        writer.WriteLine(NetworkEmitter.GeneratedCodeAttribute());
        writer.WriteLine("public " + model.Name + "() : base(nameof(" + model.Name + "))");
        using (writer.WriteBlock())
        {
            foreach (var component in model.Components)
            {
                writer.WriteLine(component.Field + " = " + LayerSpecs.Of(component.Layer).Construct(component.Layer, used) + ";");
                writer.WriteLine("register_module(" + IndentedWriter.Literal(component.RegisteredName) + ", " + component.Field + ");");
            }
        }
    }
}
