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
        return NetworkEmitter.Wrap(model.Namespace, model.ContainingTypes, model.Shadowed, used, writer => WriteClass(writer, model, used));
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
        var total = model.Components.Sum(static c => c.Layer.Parameters).ToString("N0", CultureInfo.InvariantCulture);
        var names = new List<string>();
        for (var i = 0; i <= model.Components.Count; i++)
        {
            names.AddRange(model.ModuleMembers.Where(m => m.Position == i).Select(static m => "<c>" + m.RegisteredName + "</c>"));
            if (i < model.Components.Count)
            {
                names.Add("<c>" + model.Components[i].RegisteredName + "</c>");
            }
        }

        writer.WriteLine("/// <summary>");
        writer.WriteLine("/// Creates the components, initialised as PyTorch does, and registers them in declaration order:");
        writer.WriteLine("/// " + string.Join(", ", names) + (model.ModuleMembers.Count == 0
            ? " (" + total + " parameters in all)."
            : " (" + total + " parameters in the components; the initialised module members bring their own)."));
        writer.WriteLine("/// </summary>");
        writer.WriteLine(NetworkEmitter.GeneratedCodeAttribute());
        writer.WriteLine("public " + model.Name + "() : base(nameof(" + model.Name + "))");
        using (writer.WriteBlock())
        {
            for (var i = 0; i <= model.Components.Count; i++)
            {
                // The user's initialised module members, in their places among the components.
                foreach (var member in model.ModuleMembers.Where(m => m.Position == i))
                {
                    writer.WriteLine("register_module(" + IndentedWriter.Literal(member.RegisteredName) + ", " + member.Name + ");");
                }

                if (i < model.Components.Count)
                {
                    var component = model.Components[i];
                    writer.WriteLine(component.Field + " = " + LayerSpecs.Of(component.Layer).Construct(component.Layer, used) + ";");
                    writer.WriteLine("register_module(" + IndentedWriter.Literal(component.RegisteredName) + ", " + component.Field + ");");
                }
            }
        }
    }
}
