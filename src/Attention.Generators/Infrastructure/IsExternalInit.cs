// netstandard2.0 lacks the marker type that init accessors (and so records) need.
namespace System.Runtime.CompilerServices;

/// <summary>Lets records and <see langword="init"/> accessors compile on netstandard2.0.</summary>
internal static class IsExternalInit;
