namespace Attention.Generators.Model;

/// <summary>
/// A type that contains a network class, re-declared as <see langword="partial"/> around the
/// generated members.
/// </summary>
/// <param name="Keyword">The declaration keyword: <c>class</c>, <c>struct</c>, <c>interface</c>, <c>record</c> or <c>record struct</c>.</param>
/// <param name="Name">The type name as written in C# (a keyword escaped with <c>@</c>).</param>
internal sealed record ContainingTypeModel(string Keyword, string Name);
